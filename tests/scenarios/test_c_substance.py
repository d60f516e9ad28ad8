"""Group C through the JSON API: who may not be penalised, mandatory mitigation, no-penalty cases,
one act fined once, the order to correct and the illegal gains, facts established, a lawful basis.

Most of these rules are checked where the penalty is first proposed (the 调查终结报告) and again at
the decision; the scenarios refuse them at the report, where a handler first meets them."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.factories.cases import World, officer
from tests.factories.lawbase import spec
from tests.factories.orgs import AgencyFactory, OfficerFactory
from tests.scenarios.api import Api, document, document_text, warned
from tests.scenarios.walk import Walk
from zhifa.lawbase.actions.laws import import_laws
from zhifa.lawbase.actions.matters import assign_matter, create_matter
from zhifa.orgs.choices import Role
from zhifa.parties.actions.parties import create_party
from zhifa.parties.demo_data import resident_id

pytestmark = pytest.mark.django_db
D = dt.date

# LEGAL-RULES LP-30: the act of 2025-07-01 (registered that day, investigated the next).
ACT = D(2025, 7, 1)


# --- helpers ------------------------------------------------------------------------------------


def born(on: dt.date, sequence: int = 501) -> Any:
    """An individual party born on `on` (the identity number carries the birth date)."""
    return create_party(
        by=None,
        kind="individual",
        name=f"少年{on:%Y%m%d}",
        id_number=resident_id(on, sequence),
        addresses={"registered": "杭州市西湖区转塘街道演示路2号"},
    )


def report(walk: Walk, case: dict[str, Any], **fields: Any) -> Any:
    """Post the 调查终结报告 and return the raw reply."""
    return walk.officer.post(f"/cases/{case['id']}/submit_report", **_report_fields(fields))


def refused_report(walk: Walk, case: dict[str, Any], rule: str, **fields: Any) -> dict[str, Any]:
    """The report is refused by `rule` (with its article) and the case is left as it was."""
    error = walk.officer.refused(case["id"], "submit_report", rule, **_report_fields(fields))
    after = walk.officer.case(case["id"])
    assert after["version"] == case["version"], "a refused report changed the case"
    assert after["status"] == "investigating"
    return error


def _report_fields(fields: dict[str, Any]) -> dict[str, Any]:
    return {
        "facts": "当事人于2025年6月20日未取得排污许可证排放废气",
        "outcome": "penalty",
        "kinds": ["fine"],
        "fine": "150000",
        "illegal_gains": "0",
        "correction": "责令立即停止无证排污，限期办理排污许可证",
        "discretion_reason": "初次违法，积极整改",
        **fields,
    }


def accepted(walk: Walk, case: dict[str, Any], **fields: Any) -> dict[str, Any]:
    after = walk.officer.step(case["id"], "submit_report", **_report_fields(fields))
    assert after["status"] == "reported"
    return after


def minor_case(walk: Walk, birth: dt.date) -> dict[str, Any]:
    return walk.investigated(walk.registered(party=born(birth), act_date=ACT, received_on=ACT))


def unchanged(api: Api, case: dict[str, Any]) -> dict[str, Any]:
    after = api.case(case["id"])
    assert after["version"] == case["version"], "a refused step changed the case"
    assert after["status"] == case["status"]
    return after


# --- LP-30: minors ------------------------------------------------------------------------------


def test_LP_30_a_fine_on_a_thirteen_year_old_is_refused(walk):
    case = minor_case(walk, D(2012, 3, 1))  # 13 on 2025-07-01
    error = refused_report(walk, case, "LP-30")
    assert "不满十四周岁" in error["message"]
    assert "13" in error["message"]
    assert "第三十条" in error["citation"]


def test_LP_30_no_penalty_for_a_thirteen_year_old_is_accepted(walk):
    case = minor_case(walk, D(2012, 3, 1))
    accepted(walk, case, outcome="no_penalty_minor", fine=None)


def test_LP_30_a_fifteen_year_old_fined_at_the_standard_level_is_refused(walk):
    case = minor_case(walk, D(2010, 3, 1))  # 15 on 2025-07-01
    error = refused_report(walk, case, "LP-30")
    assert "应当从轻或者减轻" in error["message"]
    assert "15" in error["message"]


def test_LP_30_a_fifteen_year_old_fined_with_mitigation_is_accepted_without_warning(walk):
    case = minor_case(walk, D(2010, 3, 1))
    after = accepted(walk, case, fine="100000", mitigated=True, discretion_reason="未成年人，依法从轻处罚")
    assert not warned(after, "LP-30")


def test_LP_30_an_adult_fined_at_the_standard_level_is_accepted(walk):
    case = minor_case(walk, D(2007, 7, 1))  # 18 on the day of the act: no mitigation required
    after = accepted(walk, case)
    assert not warned(after, "LP-30")


def test_LP_30_an_act_on_the_fourteenth_birthday_is_accepted_and_flagged_for_manual_review(walk):
    case = minor_case(walk, D(2011, 7, 1))  # the act falls on the 14th birthday
    after = accepted(walk, case, fine="100000", mitigated=True, discretion_reason="未成年人，依法从轻处罚")
    assert warned(after, "LP-30")
    message = next(w["message"] for w in after["warnings"] if w["rule"] == "LP-30")
    assert "十四周岁生日" in message


def test_LP_30_the_day_before_the_fourteenth_birthday_is_still_under_fourteen(walk):
    case = minor_case(walk, D(2011, 7, 2))  # 14 only the next day
    error = refused_report(walk, case, "LP-30", mitigated=True)
    assert "不满十四周岁" in error["message"]


# --- LP-31: capacity ----------------------------------------------------------------------------


def test_LP_31_a_fine_on_a_party_unable_to_control_their_conduct_is_refused(walk):
    case = walk.investigated(walk.registered(party=walk.w.person))
    error = refused_report(walk, case, "LP-31", capacity="none", capacity_evidence="司法鉴定意见书（2025）第12号")
    assert "不能辨认或者不能控制" in error["message"]


def test_LP_31_limited_capacity_without_an_appraisal_is_refused(walk):
    case = walk.investigated(walk.registered(party=walk.w.person))
    error = refused_report(walk, case, "LP-31", capacity="partial", mitigated=True)
    assert "鉴定意见" in error["message"]


def test_LP_31_no_penalty_for_a_party_unable_to_control_their_conduct_is_accepted(walk):
    case = walk.investigated(walk.registered(party=walk.w.person))
    accepted(walk, case, outcome="no_penalty_minor", capacity="none", capacity_evidence="司法鉴定意见书（2025）第12号")


# --- LP-32: mandatory mitigation ----------------------------------------------------------------


def test_LP_32_a_standard_fine_despite_voluntarily_removing_the_harm_is_refused(walk):
    case = walk.investigated()
    error = refused_report(walk, case, "LP-32", voluntarily_reduced=True)
    assert "主动消除或者减轻违法行为危害后果" in error["message"]
    assert "第三十二条" in error["citation"]


@pytest.mark.parametrize("ground", ["coerced", "confessed_unknown", "meritorious"])
def test_LP_32_every_statutory_ground_requires_mitigation(walk, ground):
    case = walk.investigated()
    refused_report(walk, case, "LP-32", **{ground: True})


def test_LP_32_a_mitigated_fine_with_a_mitigating_ground_is_accepted(walk):
    case = walk.investigated()
    accepted(walk, case, voluntarily_reduced=True, mitigated=True, fine="100000")


# --- LP-33a: minor, corrected, no harm → no penalty ---------------------------------------------


def test_LP_33a_a_fine_for_a_minor_corrected_harmless_act_is_refused(walk):
    case = walk.investigated()
    error = refused_report(walk, case, "LP-33a", minor=True, corrected=True, no_harm=True)
    assert "不予行政处罚" in error["message"]
    assert "第三十三条" in error["citation"]


def test_LP_33a_the_legal_rules_500_yuan_fine_is_refused_for_no_penalty_as_well(walk):
    # LEGAL-RULES proposes 500 yuan; this matter's statutory range (10万–100万) also refuses that amount,
    # and the first rule named is DB-34 — LP-33a must still be among the reasons given.
    case = walk.investigated()
    reply = report(walk, case, fine="500", minor=True, corrected=True, no_harm=True)
    assert reply.status == 422
    assert any(reason.startswith("LP-33a") for reason in reply.body["fields"]["__all__"]), reply.body
    unchanged(walk.officer, case)


def test_LP_33a_only_two_of_the_three_conditions_do_not_bar_a_fine(walk):
    case = walk.investigated()
    accepted(walk, case, minor=True, corrected=True)


def test_LP_33a_no_penalty_for_a_minor_corrected_harmless_act_is_accepted(walk):
    case = walk.investigated()
    accepted(walk, case, outcome="no_penalty_minor", minor=True, corrected=True, no_harm=True)


# --- LP-33b: first violation may go unpunished ----------------------------------------------------

FIRST = {"first_offence": True, "minor_harm": True, "corrected": True}


def test_LP_33b_a_fine_on_a_first_minor_corrected_violation_needs_a_written_reason(walk):
    case = walk.investigated()
    error = refused_report(walk, case, "LP-33b", **FIRST)
    assert "须写明理由" in error["message"]
    assert "第三十三条" in error["citation"]


def test_LP_33b_with_a_written_reason_the_fine_is_accepted_and_the_reviewer_warned(walk):
    case = walk.investigated()
    after = accepted(walk, case, waiver_declined_reason="虽系初次违法，但排放持续时间较长", **FIRST)
    assert warned(after, "LP-33b")


def test_LP_33b_no_penalty_for_a_first_violation_is_accepted_without_warning(walk):
    case = walk.investigated()
    after = accepted(walk, case, outcome="no_penalty_minor", **FIRST)
    assert not warned(after, "LP-33b")


# --- LP-33c: no fault; educate whoever is not penalised -----------------------------------------


def test_LP_33c_a_fine_once_no_fault_is_proven_is_refused(walk):
    case = walk.investigated()
    error = refused_report(walk, case, "LP-33c", no_fault_proven=True)
    assert "没有主观过错" in error["message"]


def test_LP_33c_no_penalty_once_no_fault_is_proven_is_accepted(walk):
    case = walk.investigated()
    accepted(walk, case, outcome="no_penalty_unproven", no_fault_proven=True)


def test_LP_33c_a_fine_without_fault_is_accepted_when_a_strict_liability_law_is_cited(walk):
    case = walk.investigated()
    accepted(
        walk,
        case,
        no_fault_proven=True,
        strict_liability_basis="《中华人民共和国大气污染防治法》第九十九条（不以过错为要件）",
    )


def _no_penalty_decided(walk: Walk, **decision: Any) -> dict[str, Any]:
    case = walk.reviewed(outcome="no_penalty_minor", minor=True, corrected=True, no_harm=True)
    case = walk.head.step(
        case["id"],
        "issue_decision",
        outcome="no_penalty_minor",
        kinds=[],
        reasons="违法行为轻微并及时改正，没有造成危害后果，依法不予行政处罚。",
        decided_on=D(2025, 7, 21),
        **decision,
    )
    assert case["status"] == "decided"
    return walk.deliver(case, "no_penalty_decision", D(2025, 7, 22))


def test_LP_33c_a_no_penalty_case_closed_without_an_education_record_is_refused(walk):
    case = _no_penalty_decided(walk)
    error = walk.head.refused(case["id"], "close", "LP-33c", closed_on=D(2025, 7, 23), summary="不予处罚，结案。")
    assert "教育" in error["message"]
    assert "第三十三条" in error["citation"]
    unchanged(walk.head, case)


def test_LP_33c_a_no_penalty_case_with_an_education_record_is_closed(walk):
    case = _no_penalty_decided(walk, education_record="2025年7月21日对当事人法定代表人进行了法治宣传教育。")
    case = walk.head.step(case["id"], "close", closed_on=D(2025, 7, 23), summary="不予处罚，已教育，结案。")
    assert case["status"] == "closed"


# --- LP-40: facts established -------------------------------------------------------------------


def _sent_back(walk: Walk) -> dict[str, Any]:
    case = walk.reported()
    walk.officer.step(case["id"], "request_review", reviewer=walk.w.reviewer.pk, received_on=D(2025, 7, 8))
    return walk.reviewer.step(
        case["id"],
        "record_review",
        result="supplement",
        opinion="违法事实不清，排放时间和排放量证据不足，退回补充调查。",
        reviewed_on=D(2025, 7, 8),
        qualification_number="A20201100000001",
    )


DECISION = {
    "outcome": "penalty",
    "kinds": ["fine"],
    "fine": "150000",
    "illegal_gains": "0",
    "correction": "责令立即停止无证排污，限期办理排污许可证",
    "reasons": "当事人的行为违反了《中华人民共和国大气污染防治法》第十九条的规定。",
    "decided_on": D(2025, 7, 21),
    "publish": True,
}


def test_LP_40_a_decision_after_a_supplementary_investigation_opinion_is_refused_and_changes_nothing(walk):
    case = _sent_back(walk)
    assert case["status"] == "investigating"
    reply = walk.head.post(f"/cases/{case['id']}/issue_decision", **DECISION)
    assert reply.status == 422, reply.body
    after = unchanged(walk.head, case)
    assert not [d for d in after["documents"] if d["code"] == "penalty_decision"]


def test_LP_40_a_decision_after_a_supplementary_investigation_opinion_cites_article_40(walk):
    case = _sent_back(walk)
    error = walk.head.refused(case["id"], "issue_decision", "LP-40", **DECISION)
    assert "补充调查" in error["message"]


def test_LP_40_once_the_supplementary_investigation_passes_review_the_decision_is_issued(walk):
    case = _sent_back(walk)
    case = walk.investigated(case, day=D(2025, 7, 9))
    case = walk.reported(case)
    case = walk.notified(walk.reviewed(case, day=D(2025, 7, 10)), served=D(2025, 7, 11))
    case = walk.decided(case, decided_on=D(2025, 7, 21))
    assert case["status"] == "decided"


# --- LP-29: one act, one fine -------------------------------------------------------------------


def second_agency(w: World) -> World:
    """The city bureau, also holding the matter, with its own officers, head and reviewer."""
    agency = AgencyFactory(
        name="杭州市生态环境局", region=w.regions["city"], domain=w.agency.domain, document_prefix="杭环"
    )
    assign_matter(by=None, agency=agency, matter=w.matter)
    officers = [officer(agency, name) for name in ("周杰", "吴敏")]
    head = officer(agency, "郑华", roles=[Role.AGENCY_HEAD]).user
    reviewer = OfficerFactory(
        agency=agency, roles=[Role.LEGAL_REVIEWER], user__full_name="孙丽", credential="none"
    ).user
    return World(w.regions, agency, w.matter, officers, head, reviewer, officer(agency, "钱明"), w.company, w.person)


# Agency A's case: the act of 2025-04-10, fined on 2025-05-06 (LEGAL-RULES: "fined act X in 2025-05").
EARLIER = {"act_date": D(2025, 4, 10), "received_on": D(2025, 4, 11)}


def fined_in_may(walk: Walk) -> dict[str, Any]:
    case = walk.registered(registered_on=D(2025, 4, 14), **EARLIER)
    case = walk.reviewed(walk.reported(walk.investigated(case, day=D(2025, 4, 15))), day=D(2025, 4, 21))
    case = walk.decided(walk.notified(case, served=D(2025, 4, 22)), decided_on=D(2025, 5, 6))
    return walk.served(case, served_on=D(2025, 5, 7))


def test_LP_29_a_second_fine_for_the_same_act_by_another_agency_is_refused(walk, w):
    first = fined_in_may(walk)
    assert first["status"] == "executing"
    city = Walk(second_agency(w))
    case = city.notified(city.reviewed(city.reported(city.investigated(city.registered(**EARLIER)))))
    error = city.head.refused(case["id"], "issue_decision", "LP-29", **DECISION)
    assert first["number"] in error["message"]
    assert "第二十九条" in error["citation"]
    unchanged(city.head, case)


def test_LP_29_another_agency_may_still_warn_for_the_same_act(walk, w):
    fined_in_may(walk)
    city = Walk(second_agency(w))
    case = city.registered(**EARLIER)
    case = city.notified(city.reviewed(city.reported(city.investigated(case), fine="", kinds=("warning",))))
    case = city.decided(case, kinds=["warning"], fine=None)
    assert case["status"] == "decided"


def test_LP_29_a_fine_for_a_different_act_of_the_same_party_is_allowed(walk):
    fined_in_may(walk)
    case = walk.decided()  # the act of 2025-06-20: another act
    assert case["status"] == "decided"


# --- LP-28: correction and illegal gains ----------------------------------------------------------


def test_LP_28_illegal_gains_neither_confiscated_nor_to_be_refunded_are_refused(walk):
    case = walk.investigated()
    error = refused_report(walk, case, "LP-28", illegal_gains="5000")
    assert "5000" in error["message"]
    assert "没收" in error["message"]
    assert "第二十八条" in error["citation"]


def test_LP_28_a_penalty_without_an_order_to_correct_is_refused(walk):
    case = walk.investigated()
    error = refused_report(walk, case, "LP-28", correction="")
    assert "责令" in error["message"]


def test_LP_28_a_penalty_without_an_illegal_gains_figure_is_refused(walk):
    case = walk.investigated()
    error = refused_report(walk, case, "LP-28", illegal_gains=None)
    assert "违法所得" in error["message"]


def test_LP_28_illegal_gains_confiscated_are_accepted(walk):
    case = walk.investigated()
    accepted(walk, case, kinds=["fine", "confiscate_gains"], illegal_gains="5000", confiscate_gains=True)


def test_LP_28_illegal_gains_to_be_refunded_with_a_reason_are_accepted(walk):
    case = walk.investigated()
    accepted(walk, case, illegal_gains="5000", refund_reason="违法所得已依法退还受害人")


def test_LP_28_the_decision_orders_the_correction(walk):
    case = walk.decided()
    html = document_text(walk.head, case, "penalty_decision")
    assert "责令立即停止无证排污，限期办理排污许可证" in html


# --- LP-38: a lawful basis ------------------------------------------------------------------------


def county_notice_matter(w: World) -> Any:
    """A matter whose penalty article is in a county government notice (规范性文件)."""
    import_laws(
        by=None,
        records=[
            {
                "title": "杭州市西湖区人民政府关于加强工业废气排放管理的通知",
                "category": "规范性文件",
                "promulgated": "2024-05-01",
                "effective": "2024-05-01",
                "status": "有效",
                "articles": [
                    {"num": 1, "number": "第一条", "text": "工业企业排放废气，应当取得排污许可证。"},
                    {
                        "num": 2,
                        "number": "第二条",
                        "text": "违反本通知第一条规定的，处一千元以上一万元以下罚款。",
                    },
                ],
            }
        ],
    )
    matter = create_matter(
        by=None,
        code="T-NOTICE",
        name="违反区政府通知排放废气",
        kind="penalty",
        domain=w.agency.domain,
        bases=[
            spec("《中华人民共和国大气污染防治法》第十九条", "violated"),
            spec("《杭州市西湖区人民政府关于加强工业废气排放管理的通知》第二条", "penalty"),
        ],
    )
    assign_matter(by=None, agency=w.agency, matter=matter)
    return matter


def test_LP_38_a_penalty_based_on_a_county_government_notice_is_refused(walk, w):
    matter = county_notice_matter(w)
    case = walk.registered(matter=matter.pk)
    case = walk.notified(walk.reviewed(walk.reported(walk.investigated(case), fine="5000")))
    error = walk.head.refused(case["id"], "issue_decision", "LP-38", **{**DECISION, "fine": "5000"})
    assert "规范性文件" in error["message"]
    assert "第三十八条" in error["citation"]
    unchanged(walk.head, case)


def test_LP_38_a_penalty_based_on_a_law_is_issued(walk):
    case = walk.decided()
    assert case["status"] == "decided"
    assert document(case, "penalty_decision")["number"]


def test_LP_38_a_penalty_kind_outside_article_9_is_refused(walk):
    case = walk.notified()
    reply = walk.head.post(f"/cases/{case['id']}/issue_decision", **{**DECISION, "kinds": ["fine", "public_shaming"]})
    assert reply.status == 422
    assert any(name.startswith("kinds") for name in reply.body["fields"]), reply.body
    unchanged(walk.head, case)
