"""Group A through the JSON API: jurisdiction (LP-22), the filing decision on a lead (MP-18),
filing (LP-54), limitation (LP-36) and 从旧兼从轻 (LP-37); plus declining a lead and registering
a new party with the registration request."""

# Test names carry the rule id as written in LEGAL-RULES.md (LP-22 → test_LP_22_…).
# ruff: noqa: N802

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

import pytest

from tests.cases.flow import ACT_DAY, RECEIVED_DAY
from tests.factories.cases import officer
from tests.factories.lawbase import FOOD_LICENCE, make_matter
from tests.factories.orgs import AgencyFactory
from tests.scenarios.api import Api, Reply, document, document_text, warned
from zhifa.lawbase.actions.laws import import_laws
from zhifa.lawbase.actions.matters import assign_matter, unassign_matter
from zhifa.lawbase.choices import HoldingSource
from zhifa.lawbase.law_data import iter_laws
from zhifa.lawbase.models import AgencyMatter
from zhifa.orgs.choices import Role
from zhifa.parties.demo_data import credit_code
from zhifa.parties.models import Party

pytestmark = pytest.mark.django_db
D = dt.date

AIR_LAW = "中华人民共和国大气污染防治法"
DEVOLUTION = "浙江省人民政府关于赋予乡镇（街道）部分县级行政执法权的决定（浙政发〔2025〕1号）"


# --- helpers ------------------------------------------------------------------------------------


def registration(w: Any, **body: Any) -> dict[str, Any]:
    """The body of a registration request (立案审批表) for the world's matter and company."""
    return {
        "party": w.company.pk,
        "matter": w.matter.pk,
        "act_date": ACT_DAY,
        "act_place": "西湖区演示工业园1号",
        "facts": "当事人未取得排污许可证排放废气",
        "handlers": [o.pk for o in w.officers],
        **body,
    }


def lead(api: Api, received_on: dt.date = RECEIVED_DAY, source: str = "inspection") -> dict[str, Any]:
    return api.ok("/leads", source=source, received_on=received_on, summary="巡查发现无证排放废气")


def request(api: Api, lead_id: int, body: dict[str, Any]) -> Reply:
    return api.post(f"/leads/{lead_id}/registration", **body)


def refused_by(reply: Reply, rule: str) -> dict[str, Any]:
    assert reply.status == 422, f"not refused: {reply.status} {reply.body}"
    assert reply.rule == rule, f"refused by {reply.rule}, expected {rule}: {reply.body}"
    assert reply.body["citation"], reply.body
    return reply.body


def lead_untouched(api: Api, lead_id: int) -> None:
    """A refused registration request leaves the lead open and makes no case."""
    again = api.get(f"/leads/{lead_id}").body
    assert again["status"] == "open"
    assert again["case_id"] is None
    assert api.get("/cases").body["items"] == []


def by_identity(w: Any) -> dict[str, Any]:
    """The party named by its credit code, as an officer of another area finds it on file."""
    return {"party": None, "party_id_number": w.company.id_number}


def township(w: Any, *, effective_from: dt.date | None = None) -> tuple[list[int], Api, Api]:
    """转塘街道办事处 with two certified officers and a head; holding the world's matter under a
    provincial devolution decision from `effective_from` (no holding at all when None)."""
    agency = AgencyFactory(
        name="杭州市西湖区转塘街道办事处", region=w.regions["township"], domain=w.agency.domain, document_prefix="西转"
    )
    officers = [officer(agency, name) for name in ("周敏", "吴昊")]
    head = officer(agency, "郑平", roles=[Role.AGENCY_HEAD]).user
    if effective_from is not None:
        assign_matter(
            by=None,
            agency=agency,
            matter=w.matter,
            source=HoldingSource.DEVOLVED,
            decision_reference=DEVOLUTION,
            effective_from=effective_from,
        )
    return [o.pk for o in officers], Api(officers[0].user), Api(head)


def amend_air_law(effective: dt.date, article_99: tuple[str, str]) -> None:
    """A later version of 大气污染防治法 with article 99's fine range rewritten (old → new)."""
    record = copy.deepcopy(next(law for law in iter_laws() if law["title"] == AIR_LAW))
    record["promulgated"] = record["effective"] = effective.isoformat()
    record["status"] = "有效"
    for article in record["articles"]:
        if article["num"] == 99:
            assert article_99[0] in article["text"]
            article["text"] = article["text"].replace(*article_99)
    import_laws(by=None, records=[record])


# --- LP-22 jurisdiction ---------------------------------------------------------------------------


def test_LP_22_street_office_with_no_devolution_decision_cannot_open_the_case(w):
    handlers, officer_api, _head = township(w)
    opened = lead(officer_api)
    reply = request(officer_api, opened["id"], registration(w, handlers=handlers, **by_identity(w)))
    # The street office holds no matter at all: the matter is not offered, so the request is refused.
    assert reply.status == 422, reply.body
    assert reply.rule == "LP-22" or "matter" in reply.body["fields"], reply.body
    lead_untouched(officer_api, opened["id"])


def test_LP_22_street_office_cannot_act_on_a_violation_before_its_devolution_took_effect(w):
    handlers, officer_api, _head = township(w, effective_from=D(2025, 7, 1))
    opened = lead(officer_api, received_on=D(2025, 7, 2))
    error = refused_by(
        request(officer_api, opened["id"], registration(w, handlers=handlers, **by_identity(w))), "LP-22"
    )
    assert "第二十四条" in error["citation"]
    assert "赋权" in error["message"]
    lead_untouched(officer_api, opened["id"])


def test_LP_22_street_office_may_open_the_case_under_its_devolution_decision(w):
    handlers, officer_api, head = township(w, effective_from=D(2025, 7, 1))
    opened = lead(officer_api, received_on=D(2025, 7, 2))
    body = registration(
        w, handlers=handlers, act_date=D(2025, 7, 1), act_region=w.regions["township"].pk, **by_identity(w)
    )
    case = officer_api.ok(f"/leads/{opened['id']}/registration", **body)
    case = head.step(case["id"], "approve_registration", registered_on=D(2025, 7, 3), preliminary_evidence="现场照片")
    assert case["status"] == "investigating"
    assert case["number"].startswith("西转")
    assert not warned(case, "LP-22")


def test_LP_22_an_agency_whose_holding_has_ended_cannot_open_a_new_case(walk):
    """The matter moved to the street office on 2025-07-01: the county bureau, which held it on the
    day of the act, may no longer open a case on it; the street office may, under its decision."""
    w = walk.w
    holding = AgencyMatter.objects.get(agency=w.agency, matter=w.matter)
    unassign_matter(holding, by=None, on=D(2025, 6, 30))
    opened = lead(walk.officer, received_on=D(2025, 7, 2))
    error = refused_by(request(walk.officer, opened["id"], registration(w, act_date=D(2025, 6, 20))), "LP-22")
    assert "职权已于2025年06月30日终止" in error["message"]
    assert "第二十四条" in error["citation"]
    lead_untouched(walk.officer, opened["id"])
    # The holding is kept, ended, not deleted.
    holding.refresh_from_db()
    assert holding.effective_to == D(2025, 6, 30)

    handlers, street_api, street_head = township(w, effective_from=D(2025, 7, 1))
    street_lead = lead(street_api, received_on=D(2025, 7, 2))
    body = registration(
        w, handlers=handlers, act_date=D(2025, 7, 1), act_region=w.regions["township"].pk, **by_identity(w)
    )
    case = street_api.ok(f"/leads/{street_lead['id']}/registration", **body)
    case = street_head.step(
        case["id"], "approve_registration", registered_on=D(2025, 7, 3), preliminary_evidence="照片"
    )
    assert case["status"] == "investigating"


def test_LP_22_a_case_opened_before_the_holding_ended_goes_on(walk):
    case = walk.registered()
    unassign_matter(AgencyMatter.objects.get(agency=walk.w.agency, matter=walk.w.matter), by=None, on=D(2025, 7, 5))
    again = walk.officer.get(f"/cases/{case['id']}").body
    assert again["status"] == "investigating"
    assert again["number"] == case["number"]


def test_LP_22_place_inside_the_agency_area_raises_no_warning(walk):
    case = walk.registered(act_region=walk.w.regions["township"].pk)
    assert case["status"] == "investigating"
    assert not warned(case, "LP-22")


def test_LP_22_place_outside_the_agency_area_is_registered_with_a_warning(walk):
    case = walk.registered(act_region=walk.w.regions["beside"].pk)  # 上城区, beside 西湖区
    assert case["status"] == "investigating"
    assert warned(case, "LP-22")
    assert any("上城区" in x["message"] for x in case["warnings"] if x["rule"] == "LP-22")


def test_LP_22_second_agency_filing_the_same_act_is_warned(walk):
    w = walk.w
    city = AgencyFactory(
        name="杭州市生态环境局", region=w.regions["city"], domain=w.agency.domain, document_prefix="杭环"
    )
    assign_matter(by=None, agency=city, matter=w.matter)
    city_officers = [officer(city, name) for name in ("钱多", "孙立")]
    city_api, city_head = Api(city_officers[0].user), Api(officer(city, "冯远", roles=[Role.AGENCY_HEAD]).user)
    first = city_api.ok(
        f"/leads/{lead(city_api)['id']}/registration", **registration(w, handlers=[o.pk for o in city_officers])
    )
    city_head.step(first["id"], "approve_registration", registered_on=D(2025, 7, 1), preliminary_evidence="监测数据")
    case = walk.registered(registered_on=D(2025, 7, 2))
    assert warned(case, "LP-22")


# --- MP-18 filing decision on a lead ------------------------------------------------------------


def test_MP_18_filing_decision_is_due_fifteen_working_days_after_the_complaint(walk):
    opened = lead(walk.officer, received_on=D(2025, 7, 1), source="complaint")  # Tue
    assert opened["decide_by"] == "2025-07-22"  # Tue, 15 working days later
    assert walk.officer.get(f"/leads/{opened['id']}").body["decide_by"] == "2025-07-22"


def test_MP_18_registration_on_the_last_day_raises_no_warning(walk):
    opened = lead(walk.officer, received_on=D(2025, 7, 1), source="complaint")
    case = walk.officer.ok(f"/leads/{opened['id']}/registration", **registration(walk.w))
    case = walk.head.step(
        case["id"], "approve_registration", registered_on=D(2025, 7, 22), preliminary_evidence="投诉材料"
    )
    assert case["status"] == "investigating"
    assert not warned(case, "MP-18")


def test_MP_18_filing_decision_after_fifteen_working_days_is_warned(walk):
    opened = lead(walk.officer, received_on=D(2025, 7, 1), source="complaint")
    case = walk.officer.ok(f"/leads/{opened['id']}/registration", **registration(walk.w))
    case = walk.head.step(
        case["id"], "approve_registration", registered_on=D(2025, 7, 23), preliminary_evidence="投诉材料"
    )
    assert case["status"] == "investigating"
    assert warned(case, "MP-18")


def test_MP_18_approved_extension_moves_the_filing_decision_fifteen_more_working_days(walk):
    opened = lead(walk.officer, received_on=D(2025, 7, 1), source="complaint")
    reply = walk.head.post(f"/leads/{opened['id']}/extend", days=15, reason="需委托检测", approved_on=D(2025, 7, 21))
    assert reply.status == 200, reply.body
    assert walk.officer.get(f"/leads/{opened['id']}").body["decide_by"] == "2025-08-12"


def test_MP_18_registration_within_the_extended_period_raises_no_warning(walk):
    opened = lead(walk.officer, received_on=D(2025, 7, 1), source="complaint")
    extended = walk.head.ok(f"/leads/{opened['id']}/extend", days=15, reason="需委托检测", approved_on=D(2025, 7, 21))
    assert extended["extension_days"] == 15
    case = walk.officer.ok(f"/leads/{opened['id']}/registration", **registration(walk.w))
    case = walk.head.step(
        case["id"], "approve_registration", registered_on=D(2025, 8, 12), preliminary_evidence="检测报告"
    )
    assert not warned(case, "MP-18")


def test_MP_18_only_the_head_extends_and_only_by_fifteen_working_days_in_all(walk):
    opened = lead(walk.officer, received_on=D(2025, 7, 1), source="complaint")
    body = {"reason": "需委托检测", "approved_on": D(2025, 7, 21)}
    assert walk.officer.post(f"/leads/{opened['id']}/extend", days=15, **body).status == 403
    error = refused_by(walk.head.post(f"/leads/{opened['id']}/extend", days=16, **body), "MP-18")
    assert "第十八条" in error["citation"]
    walk.head.ok(f"/leads/{opened['id']}/extend", days=10, **body)
    refused_by(walk.head.post(f"/leads/{opened['id']}/extend", days=6, **body), "MP-18")
    assert walk.officer.get(f"/leads/{opened['id']}").body["decide_by"] == "2025-08-05"


def test_MP_18_extension_approved_after_the_fifteen_working_days_is_refused(walk):
    opened = lead(walk.officer, received_on=D(2025, 7, 1), source="complaint")
    reply = walk.head.post(f"/leads/{opened['id']}/extend", days=15, reason="需委托检测", approved_on=D(2025, 7, 23))
    error = refused_by(reply, "MP-18")
    assert "2025-07-22" in error["message"]
    assert walk.officer.get(f"/leads/{opened['id']}").body["decide_by"] == "2025-07-22"


# --- LP-54 filing -------------------------------------------------------------------------------


def test_LP_54_filing_with_one_handler_is_refused(walk):
    case = walk.proposed(handlers=walk.w.officers[:1])
    reply = walk.head.post(
        f"/cases/{case['id']}/approve_registration", registered_on=D(2025, 7, 1), preliminary_evidence="现场照片"
    )
    assert reply.status == 422, reply.body
    assert reply.body["citation"]
    # LP-42 (two officers) is reported first; the 立案审批表 rule LP-54 is among the violations.
    assert any(v.startswith("LP-54") and "两名以上承办人" in v for v in reply.body["fields"]["__all__"]), reply.body
    after = walk.head.case(case["id"])
    assert after["status"] == "registration_pending"
    assert after["number"] in (None, "")
    assert after["version"] == case["version"]


def test_LP_54_filing_without_preliminary_evidence_is_refused(walk):
    case = walk.proposed()
    reply = walk.head.post(f"/cases/{case['id']}/approve_registration", registered_on=D(2025, 7, 1))
    assert reply.status == 422
    assert "preliminary_evidence" in reply.body["fields"]
    assert walk.head.case(case["id"])["status"] == "registration_pending"


def test_LP_54_filing_with_two_handlers_and_evidence_registers_the_case(walk):
    case = walk.registered()
    assert case["status"] == "investigating"
    assert case["registered_on"] == "2025-07-01"
    assert len([h for h in case["handlers"] if h["active"]]) == 2
    assert document(case, "registration_approval")["number"] == case["number"]
    assert (
        walk.officer.get(f"/leads/{walk.officer.get('/leads').body['items'][0]['id']}").body["status"] == "registered"
    )


def test_LP_54_not_filing_uses_a_non_registration_form_with_the_reasons(walk):
    case = walk.proposed()
    reason = "经核查，违法行为轻微并已及时改正，没有造成危害后果。"
    after = walk.head.step(case["id"], "decline_registration", reason=reason, decided_on=D(2025, 7, 1))
    assert after["status"] == "not_registered"
    assert after["number"] in (None, "")  # no case number is taken
    assert reason in document_text(walk.head, after, "non_registration_approval")
    lead = walk.officer.get("/leads").body["items"][0]
    assert lead["status"] == "not_registered"
    later = walk.head.post(
        f"/cases/{case['id']}/approve_registration", registered_on=D(2025, 7, 2), preliminary_evidence="现场照片"
    )
    assert later.status == 422


def test_LP_54_not_filing_needs_a_reason(walk):
    case = walk.proposed()
    reply = walk.head.post(f"/cases/{case['id']}/decline_registration", reason=" ", decided_on=D(2025, 7, 1))
    assert reply.status == 422
    assert walk.head.case(case["id"])["status"] == "registration_pending"


def test_LP_54_notice_in_a_case_never_filed_is_refused(walk):
    case = walk.proposed()
    reply = walk.officer.post(f"/cases/{case['id']}/issue_notice")
    assert reply.status == 422, reply.body
    # Refused by the filing rule itself or, before it, by the stage guard.
    assert reply.rule == "LP-54" or reply.body["code"] == "wrong_stage", reply.body
    after = walk.officer.case(case["id"])
    assert after["version"] == case["version"]
    assert [d for d in after["documents"] if d["code"] == "prior_notice"] == []


def test_LP_54_decision_in_a_case_never_filed_is_refused(walk):
    case = walk.proposed()
    reply = walk.head.post(
        f"/cases/{case['id']}/issue_decision",
        outcome="penalty",
        kinds=["fine"],
        fine="150000",
        reasons="违反大气污染防治法第十九条",
        decided_on=D(2025, 7, 21),
        publish=True,
    )
    assert reply.status == 422, reply.body
    assert reply.rule == "LP-54" or reply.body["code"] == "wrong_stage", reply.body
    assert walk.head.case(case["id"])["version"] == case["version"]


# --- LP-36 limitation ---------------------------------------------------------------------------


def test_LP_36_ordinary_matter_discovered_after_two_years_is_refused(walk):
    opened = lead(walk.officer, received_on=D(2025, 3, 12))
    reply = request(walk.officer, opened["id"], registration(walk.w, act_date=D(2023, 3, 10)))
    error = refused_by(reply, "LP-36")
    assert "第三十六条" in error["citation"]
    assert "2025-03-10" in error["message"]
    lead_untouched(walk.officer, opened["id"])


def test_LP_36_discovered_on_the_last_day_of_two_years_is_allowed(walk):
    case = walk.registered(act_date=D(2023, 3, 10), received_on=D(2025, 3, 10), registered_on=D(2025, 3, 11))
    assert case["status"] == "investigating"


def test_LP_36_discovered_the_day_after_two_years_is_refused(walk):
    opened = lead(walk.officer, received_on=D(2025, 3, 11))
    refused_by(request(walk.officer, opened["id"], registration(walk.w, act_date=D(2023, 3, 10))), "LP-36")


def test_LP_36_food_safety_matter_with_harm_has_five_years(walk):
    w = walk.w
    food = make_matter(
        "T-002", basis=FOOD_LICENCE, domain=w.agency.domain, name="未取得食品生产经营许可从事食品生产经营活动"
    )
    assign_matter(by=None, agency=w.agency, matter=food)
    case = walk.registered(
        matter=food.pk,
        act_date=D(2023, 3, 10),
        received_on=D(2025, 3, 12),
        registered_on=D(2025, 3, 13),
        life_health_financial=True,
        harmful_consequences=True,
    )
    assert case["status"] == "investigating"


def test_LP_36_life_health_matter_without_harm_keeps_two_years(walk):
    opened = lead(walk.officer, received_on=D(2025, 3, 12))
    body = registration(walk.w, act_date=D(2023, 3, 10), life_health_financial=True, harmful_consequences=False)
    refused_by(request(walk.officer, opened["id"], body), "LP-36")


def test_LP_36_continuing_act_counts_from_its_end(walk):
    case = walk.registered(
        act_date=D(2022, 1, 10),
        act_end_date=D(2023, 3, 10),
        act_continuing=True,
        received_on=D(2025, 3, 10),
        registered_on=D(2025, 3, 11),
    )
    assert case["status"] == "investigating"


# --- LP-37 从旧兼从轻 ----------------------------------------------------------------------------


def test_LP_37_decision_citing_a_basis_since_amended_lighter_is_warned(walk):
    case = walk.notified(walk.reviewed(walk.reported(walk.investigated(walk.registered(act_date=D(2024, 5, 1))))))
    amend_air_law(D(2025, 3, 1), ("十万元以上一百万元以下", "五万元以上五十万元以下"))
    case = walk.decided(case)
    assert case["status"] == "decided"
    found = [x for x in case["warnings"] if x["rule"] == "LP-37"]
    assert found, case["warnings"]
    assert "较轻" in found[0]["message"]
    assert "第三十七条" in found[0]["citation"]


def test_LP_37_decision_under_an_unamended_basis_is_not_warned(walk):
    case = walk.decided()
    assert case["status"] == "decided"
    assert not warned(case, "LP-37")


def test_LP_37_amendment_in_force_only_after_the_decision_is_not_warned(walk):
    case = walk.notified()
    amend_air_law(D(2025, 9, 1), ("十万元以上一百万元以下", "五万元以上五十万元以下"))
    case = walk.decided(case)  # 2025-07-21
    assert not warned(case, "LP-37")


def test_LP_37_heavier_amendment_is_not_warned(walk):
    case = walk.notified(walk.reviewed(walk.reported(walk.investigated(walk.registered(act_date=D(2024, 5, 1))))))
    amend_air_law(D(2025, 3, 1), ("十万元以上一百万元以下", "二十万元以上二百万元以下"))
    case = walk.decided(case)
    assert not warned(case, "LP-37")


# --- leads and new parties ----------------------------------------------------------------------


def test_a_lead_registered_through_the_api_can_be_declined(walk):
    opened = lead(walk.officer)
    assert opened["status"] == "open"
    assert (
        walk.officer.post(f"/leads/{opened['id']}/decline", reason="不属于本机关管辖", decided_on=D(2025, 7, 3)).status
        == 403
    )
    reply = walk.head.post(f"/leads/{opened['id']}/decline", reason="", decided_on=D(2025, 7, 3))
    assert reply.status == 422
    assert "reason" in reply.body["fields"]

    declined = walk.head.ok(
        f"/leads/{opened['id']}/decline", reason="经核查，排放口已拆除，无违法事实", decided_on=D(2025, 7, 3)
    )
    assert declined["status"] == "not_registered"
    assert declined["case_id"] is None
    assert walk.officer.get(f"/leads/{opened['id']}").body["status"] == "not_registered"
    # A declined lead cannot be proposed for registration afterwards, nor declined twice.
    again = request(walk.officer, opened["id"], registration(walk.w))
    assert again.status == 422
    assert walk.officer.get("/cases").body["items"] == []
    assert walk.head.post(f"/leads/{opened['id']}/decline", reason="重复", decided_on=D(2025, 7, 4)).status == 422


def test_a_registration_request_can_register_a_new_party(walk):
    number = credit_code("MA2D0077Q")
    assert not Party.objects.filter(id_number=number).exists()
    opened = lead(walk.officer)
    body = registration(walk.w, party=None)
    del body["party"]
    body.update(
        party_id_number=number,
        party_kind="organisation",
        party_name="杭州新登记化工有限公司",
        party_legal_representative="孙七",
        party_address="杭州市西湖区演示工业园9号",
    )
    case = walk.officer.ok(f"/leads/{opened['id']}/registration", **body)
    assert case["status"] == "registration_pending"
    party = Party.objects.get(id_number=number)
    assert party.name == "杭州新登记化工有限公司"
    assert case["party"]["id"] == party.pk
    case = walk.head.step(case["id"], "approve_registration", registered_on=D(2025, 7, 1), preliminary_evidence="现场")
    assert case["status"] == "investigating"


def test_a_registration_request_naming_a_known_number_uses_the_party_on_file(walk):
    opened = lead(walk.officer)
    body = registration(walk.w)
    del body["party"]
    body["party_id_number"] = walk.w.company.id_number
    parties = Party.objects.count()
    case = walk.officer.ok(f"/leads/{opened['id']}/registration", **body)
    assert case["party"]["id"] == walk.w.company.pk
    assert Party.objects.count() == parties


def test_a_registration_request_refused_by_a_rule_leaves_no_new_party(walk):
    number = credit_code("MA2D0088R")
    parties = Party.objects.count()
    opened = lead(walk.officer, received_on=D(2025, 3, 12))
    body = registration(walk.w, act_date=D(2023, 3, 10))  # out of time: LP-36
    del body["party"]
    body.update(party_id_number=number, party_kind="organisation", party_name="杭州过期化工有限公司")
    refused_by(request(walk.officer, opened["id"], body), "LP-36")
    assert Party.objects.count() == parties
    assert not Party.objects.filter(id_number=number).exists()
    lead_untouched(walk.officer, opened["id"])


def test_a_registration_request_with_an_unknown_number_and_no_name_is_refused(walk):
    opened = lead(walk.officer)
    body = registration(walk.w)
    del body["party"]
    body["party_id_number"] = credit_code("MA2D0099T")
    reply = request(walk.officer, opened["id"], body)
    assert reply.status == 422
    assert "party_name" in reply.body["fields"]
    lead_untouched(walk.officer, opened["id"])
