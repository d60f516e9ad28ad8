"""Group F of LEGAL-RULES.md through the JSON API: the on-the-spot decision (简易程序,
POST /api/v1/cases/on-the-spot), its numbered pre-printed form, the remedy clause, and the
filing with the agency (备案) within 7 working days.

The matter used here is 城市市容和环境卫生管理条例 第三十四条第（二）项 ("可以并处警告、罚款",
no amounts), so that only the limits of 行政处罚法 第五十一条 bound the fine.
"""

# Tests are named after the rule ids of LEGAL-RULES (test_LP_64b_…), upper case included.
# ruff: noqa: N802

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.factories.lawbase import make_matter
from tests.scenarios.api import Api, Reply, deadline, document, document_text, warned
from zhifa.cases.actions.configuration import issue_form_range
from zhifa.documents.actions.templates import activate_template, save_template_draft
from zhifa.lawbase.actions.matters import assign_matter

pytestmark = pytest.mark.django_db
D = dt.date

DECIDED = D(2025, 7, 1)  # Tue
PREFIX = "杭环西简"
GRAFFITI = ("《城市市容和环境卫生管理条例》第十七条第一款", "《城市市容和环境卫生管理条例》第三十四条第（二）项")


# --- helpers -------------------------------------------------------------------------------------


class Spot:
    def __init__(self, w: Any, matter: Any) -> None:
        self.w, self.matter = w, matter
        self.officer = Api(w.users[0])
        self.places = 0

    def body(self, *, party: Any = None, number: int | str = 1, fine: str | None = "200", **overrides: Any) -> dict:
        self.places += 1  # a different place each time: the same act is never fined twice (LP-29)
        return {
            "party": (party or self.w.person).pk,
            "matter": self.matter.pk,
            "act_date": DECIDED,
            "act_place": f"西湖区转塘街道演示路{self.places}号",
            "facts": "当事人在临街建筑物外墙上涂写广告",
            "kinds": ["fine"],
            "fine": fine,
            "correction": "责令立即清除涂写内容",
            "officers": [o.pk for o in self.w.officers],
            "form_number": number if isinstance(number, str) else f"{PREFIX}{number:06d}",
            "credentials_shown": True,
            "rights_told": True,
            "party_answer": "当事人表示知错，不再陈述申辩",
            "decided_on": DECIDED,
            **overrides,
        }

    def post(self, **body: Any) -> Reply:
        return self.officer.post("/cases/on-the-spot", **self.body(**body))

    def decide(self, **body: Any) -> dict[str, Any]:
        reply = self.post(**body)
        assert reply.status == 201, reply.body
        return reply.body

    def refused(self, rule: str, **body: Any) -> dict[str, Any]:
        """Refused by `rule`, with its article; no case is left behind under the form number."""
        data = self.body(**body)
        before = self.cases()
        reply = self.officer.post("/cases/on-the-spot", **data)
        assert reply.status == 422, reply.body
        assert reply.rule == rule, reply.body
        assert reply.body["citation"]
        assert self.cases() == before
        return reply.body

    def cases(self) -> list[int]:
        return [c["id"] for c in self.officer.get("/cases").body["items"]]


@pytest.fixture
def spot(w: Any) -> Spot:
    """The world plus a matter fit for the street, and forms 000001–000050 issued to an officer."""
    matter = make_matter("T-SPOT", basis=GRAFFITI, domain=w.agency.domain, name="在城市建筑物、设施上涂写、刻画")
    assign_matter(by=None, agency=w.agency, matter=matter)
    issue_form_range(by=None, agency=w.agency, prefix=PREFIX, first=1, last=50, issued_to=w.officers[0])
    return Spot(w, matter)


def text_of_template(code: str) -> str:
    from zhifa.documents.models import DocumentTemplate, TemplateStatus

    return DocumentTemplate.objects.get(code=code, region=None, status=TemplateStatus.ACTIVE).body


# --- LP-51: a warning, or ≤200 yuan for a citizen and ≤3,000 for an organisation (DC-5) -----------


def test_LP_51_citizen_fined_200_on_the_spot_is_allowed(spot):
    case = spot.decide(fine="200")
    assert case["procedure"] == "summary"
    assert case["status"] == "executing"
    assert case["number"] == f"{PREFIX}000001"
    assert document(case, "summary_decision")["number"] == f"{PREFIX}000001"


def test_LP_51_citizen_fined_201_on_the_spot_is_refused(spot):
    error = spot.refused("LP-51", fine="201")
    assert "200" in error["message"]


def test_LP_51_citizen_fined_200_01_on_the_spot_is_refused(spot):
    spot.refused("LP-51", fine="200.01")


def test_LP_51_organisation_fined_3000_on_the_spot_is_allowed(spot, w):
    case = spot.decide(party=w.company, fine="3000")
    assert case["status"] == "executing"


def test_LP_51_organisation_fined_3000_01_on_the_spot_is_refused(spot, w):
    error = spot.refused("LP-51", party=w.company, fine="3000.01")
    assert "3000" in error["message"]


def test_LP_51_warning_on_the_spot_is_allowed(spot, w):
    case = spot.decide(party=w.company, kinds=["warning"], fine=None)
    assert case["procedure"] == "summary"
    assert case["status"] == "decided"


def test_LP_51_criticism_on_the_spot_is_refused(spot):
    before = spot.cases()
    reply = spot.post(kinds=["criticism"], fine=None)
    assert reply.status == 422
    assert spot.cases() == before


def test_LP_51_criticism_on_the_spot_is_refused_citing_the_article(spot):
    error = spot.refused("LP-51", kinds=["criticism"], fine=None)
    assert "通报批评" in error["message"]


def test_LP_51_refused_decision_does_not_use_up_the_form_number(spot):
    spot.refused("LP-51", number=7, fine="500")
    case = spot.decide(number=7, fine="50")
    assert case["number"] == f"{PREFIX}000007"


# --- LP-52: credentials, the numbered form from an issued range, rights told, 备案 ---------------


def test_LP_52_form_number_outside_the_issued_range_is_refused(spot):
    error = spot.refused("LP-52", number=51)
    assert f"{PREFIX}000051" in error["message"]
    spot.refused("LP-52", number="杭环西普000001")  # another prefix: not a range of this agency


def test_LP_52_form_number_at_the_ends_of_the_range_is_allowed(spot):
    assert spot.decide(number=1)["number"] == f"{PREFIX}000001"
    assert spot.decide(number=50)["number"] == f"{PREFIX}000050"


def test_LP_52_form_number_already_used_is_refused(spot):
    spot.decide(number=3)
    error = spot.refused("LP-52", number=3)
    assert "已经使用" in error["message"]


def test_LP_52_form_number_already_used_is_refused_however_it_is_written(spot):
    spot.decide(number=3)
    spot.refused("LP-52", number=f"{PREFIX}3")
    spot.refused("LP-52", number=f"{PREFIX}００３")  # full-width digits typed on a phone


def test_LP_52_form_number_of_another_agencys_range_is_refused(spot, w):
    from tests.factories.orgs import AgencyFactory

    other = AgencyFactory(region=w.regions["beside"], domain=w.agency.domain, document_prefix="杭环上")
    issue_form_range(by=None, agency=other, prefix="杭环上简", first=1, last=50)
    spot.refused("LP-52", number="杭环上简000001")


def test_LP_52_decision_without_showing_credentials_is_refused(spot):
    error = spot.refused("LP-52", credentials_shown=False)
    assert "证件" in error["message"]


def test_LP_52_decision_without_telling_the_rights_is_refused(spot):
    spot.refused("LP-52", rights_told=False)
    error = spot.refused("LP-52", party_answer="")
    assert "陈述" in error["message"]


def test_LP_52_filing_with_the_agency_within_seven_working_days_meets_the_deadline(spot):
    case = spot.decide()
    assert not warned(case, "LP-52")
    case = spot.officer.step(case["id"], "file_summary", filed_on=D(2025, 7, 10))
    filing = deadline(case, "MP-70")
    assert filing["state"] == "met"
    assert filing["met_on"] == "2025-07-10"
    assert not warned(case, "LP-52")


def test_LP_52_decision_not_filed_after_seven_working_days_shows_a_red_deadline(spot):
    case = spot.decide()
    filing = deadline(case, "MP-70")
    assert filing["state"] == "open"
    assert filing["severity"] == "red"  # 2025-07-10 has long passed


def test_LP_52_filing_after_seven_working_days_is_recorded_with_a_warning(spot):
    case = spot.decide()
    case = spot.officer.step(case["id"], "file_summary", filed_on=D(2025, 7, 11))
    assert deadline(case, "MP-70")["met_on"] == "2025-07-11"
    assert warned(case, "LP-52")


def test_LP_52_filing_is_only_for_on_the_spot_decisions(walk):
    case = walk.decided()
    assert case["procedure"] == "general"
    reply = walk.officer.post(f"/cases/{case['id']}/file_summary", filed_on=D(2025, 7, 22))
    assert reply.status == 422, reply.body
    assert walk.officer.case(case["id"])["version"] == case["version"]


# --- MP-70: materials to the agency within 7 working days; then file_summary ---------------------


def test_MP_70_filing_deadline_is_seven_working_days_after_the_decision(spot):
    case = spot.decide()
    filing = deadline(case, "MP-70")
    assert filing["starts_on"] == "2025-07-01"
    assert filing["due"] == "2025-07-10"


def test_MP_70_filing_a_paid_decision_closes_the_case(spot):
    case = spot.decide(fine="50")
    assert case["status"] == "executing"
    case = spot.officer.step(case["id"], "record_payment", amount="50", paid_on=D(2025, 7, 3), channel="bank")
    case = spot.officer.step(case["id"], "file_summary", filed_on=D(2025, 7, 4))
    assert case["status"] == "closed"
    assert case["closed_on"] == "2025-07-04"
    assert deadline(case, "MP-70")["state"] == "met"


def test_MP_70_filing_an_unpaid_decision_keeps_it_in_execution(spot):
    case = spot.decide(fine="100")
    case = spot.officer.step(case["id"], "file_summary", filed_on=D(2025, 7, 4))
    assert case["status"] == "executing"
    assert deadline(case, "MP-70")["state"] == "met"


def test_MP_70_filing_a_warning_closes_the_case(spot):
    case = spot.decide(kinds=["warning"], fine=None)
    case = spot.officer.step(case["id"], "file_summary", filed_on=D(2025, 7, 2))
    assert case["status"] == "closed"


# --- LR-23: reconsideration first for on-the-spot decisions --------------------------------------


def test_LR_23_on_the_spot_form_sends_the_party_to_reconsideration_first(spot):
    case = spot.decide()
    text = document_text(spot.officer, case, "summary_decision")
    assert "行政复议法》第二十三条" in text
    assert "先自收到本决定书之日起" in text
    assert "直接向人民法院" not in text


def test_LR_23_on_the_spot_form_offering_direct_litigation_is_refused(spot, w):
    # The province adopts its own version of the form whose remedy clause offers direct litigation.
    shipped = text_of_template("summary_decision")
    body = shipped.replace("如不服本决定，", "如不服本决定，可在六个月内直接向人民法院起诉；也可以", 1)
    assert body != shipped
    template = save_template_draft(
        by=None, code="summary_decision", title="当场行政处罚决定书", body=body, region=w.regions["province"]
    )
    activate_template(template, by=None)
    error = spot.refused("LR-23")
    assert "行政复议" in error["message"]


def test_LR_23_application_lodged_through_the_agency_is_forwarded_within_five_working_days(spot):
    # 行政复议法 第三十二条: lodged through the deciding agency, which (upholding its decision) forwards
    # it within five working days (第八十八条: 工作日) of receiving it. An application the party sent to
    # the reconsideration body itself opens no forwarding deadline, hence `lodged_with_agency`.
    case = spot.decide()
    case = spot.officer.step(
        case["id"], "record_remedy", kind="reconsideration", filed_on=D(2025, 7, 1), lodged_with_agency=True
    )
    forwarding = deadline(case, "LR-23")
    assert (forwarding["starts_on"], forwarding["due"]) == ("2025-07-01", "2025-07-08")  # Tue → Tue
    assert forwarding["period"] == "5个工作日"
    assert "第三十二条" in forwarding["citation"]
    assert deadline(case, "LR-20")["state"] == "met"  # the party applied in time

    case = spot.officer.step(case["id"], "remedy_progress", forwarded_on=D(2025, 7, 7))
    assert (deadline(case, "LR-23")["state"], deadline(case, "LR-23")["met_on"]) == ("met", "2025-07-07")


def test_LR_23_application_sent_to_the_reconsideration_body_itself_opens_no_forwarding_deadline(spot):
    case = spot.decide()
    case = spot.officer.step(case["id"], "record_remedy", kind="reconsideration", filed_on=D(2025, 7, 1))
    assert not [d for d in case["deadlines"] if d["rule"] == "LR-23"]
