"""Group E through the JSON API: review (who may review, in what time, with what qualification),
the discretion benchmark and statutory range, the decision (closed list of outcomes, collective
discussion, contents), its 90-day time limit, and delivery."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest

from tests.scenarios.api import Api, deadline, document, document_text, warned
from tests.scenarios.walk import Walk
from zhifa.lawbase.actions.discretion import create_benchmark, publish_benchmark, save_level
from zhifa.parties.actions.parties import create_party
from zhifa.parties.demo_data import credit_code

pytestmark = pytest.mark.django_db
D = dt.date

DECISION = {
    "outcome": "penalty",
    "kinds": ["fine"],
    "fine": "150000",
    "illegal_gains": "0",
    "correction": "责令立即停止无证排污，限期办理排污许可证",
    "reasons": "当事人的行为违反了《中华人民共和国大气污染防治法》第十九条的规定。",
    "statement_adoption": "当事人未在期限内提出陈述、申辩。",
    "decided_on": D(2025, 7, 21),
    "publish": True,
}
REPORT = {
    "facts": "当事人于2025年6月20日未取得排污许可证排放废气",
    "outcome": "penalty",
    "kinds": ["fine"],
    "fine": "150000",
    "illegal_gains": "0",
    "correction": "责令立即停止无证排污，限期办理排污许可证",
    "discretion_reason": "初次违法，积极整改",
}


def unchanged(api: Api, case: dict[str, Any]) -> dict[str, Any]:
    after = api.case(case["id"])
    assert after["version"] == case["version"], "a refused step changed the case"
    assert after["status"] == case["status"]
    return after


def timeline(api: Api, case: dict[str, Any]) -> list[dict[str, Any]]:
    return api.get(f"/cases/{case['id']}/timeline").body


def decision_html(api: Api, case: dict[str, Any]) -> str:
    return document_text(api, case, "penalty_decision")


# --- DB-34: statutory range and discretion benchmark ---------------------------------------------


@pytest.mark.parametrize("fine", ["1000000.01", "99999.99"])
def test_DB_34_a_fine_outside_the_statutory_range_is_refused_naming_the_range(walk, fine):
    case = walk.investigated()
    error = walk.officer.refused(case["id"], "submit_report", "DB-34", **{**REPORT, "fine": fine})
    assert "10万元以上100万元以下" in error["message"]
    assert "第九十九条" in error["message"]
    assert "第三十四条" in error["citation"]
    unchanged(walk.officer, case)


@pytest.mark.parametrize("fine", ["100000", "1000000"])
def test_DB_34_a_fine_at_either_end_of_the_statutory_range_is_accepted(walk, fine):
    case = walk.investigated()
    case = walk.officer.step(case["id"], "submit_report", **{**REPORT, "fine": fine})
    assert case["status"] == "reported"


def test_DB_34_a_decision_below_the_statutory_minimum_is_refused(walk):
    case = walk.notified()  # 150000 notified
    error = walk.head.refused(case["id"], "issue_decision", "DB-34", **{**DECISION, "fine": "50000"})
    assert "10万元以上100万元以下" in error["message"]
    unchanged(walk.head, case)


def publish_province_benchmark(w: Any) -> Any:
    """浙江省 benchmark for the matter, in force since 2024: 10万–30万 (轻微), 30万–60万 (一般)."""
    benchmark = create_benchmark(by=None, matter=w.matter, title="无证排污裁量基准", region=w.regions["province"])
    for order, grade, low, high in ((1, "minor", "100000", "300000"), (2, "general", "300000", "600000")):
        save_level(
            benchmark,
            by=None,
            order=order,
            grade=grade,
            circumstances="初次违法" if order == 1 else "一般情节",
            fine_base="amount",
            fine_min=Decimal(low),
            fine_max=Decimal(high),
        )
    return publish_benchmark(benchmark, by=None, effective_from=D(2024, 1, 1))


def test_DB_34_a_fine_beyond_the_benchmark_without_a_written_reason_is_refused(walk, w):
    publish_province_benchmark(w)
    case = walk.investigated()
    error = walk.officer.refused(case["id"], "submit_report", "DB-34", **{**REPORT, "fine": "700000"})
    assert "裁量基准" in error["message"]
    assert "70万元" in error["message"]
    unchanged(walk.officer, case)


def test_DB_34_a_fine_within_a_benchmark_level_needs_no_reason_and_only_case_review(walk, w):
    publish_province_benchmark(w)
    case = walk.officer.step(walk.investigated()["id"], "submit_report", **{**REPORT, "fine": "600000"})
    walk.officer.step(case["id"], "request_review", reviewer=w.reviewer.pk, received_on=D(2025, 7, 8))
    requested = [e for e in timeline(walk.officer, case) if e["kind"] == "review.requested"]
    assert requested[-1]["payload"]["kind"] == "case"


def test_DB_34_a_fine_beyond_the_benchmark_with_a_reason_goes_to_legal_review_and_is_decided(walk, w):
    publish_province_benchmark(w)
    case = walk.investigated()
    case = walk.officer.step(
        case["id"],
        "submit_report",
        **{**REPORT, "fine": "700000", "outside_benchmark_reason": "排放持续三个月且拒不整改，基准各档次不能涵盖"},
    )
    case = walk.reviewed(case)
    requested = [e for e in timeline(walk.officer, case) if e["kind"] == "review.requested"]
    assert requested[-1]["payload"]["kind"] == "legal"
    case = walk.decided(walk.notified(case), fine="700000")
    assert case["status"] == "decided"


# --- MP-49: investigation-end report and review ----------------------------------------------------


def test_MP_49_a_report_without_the_reasons_for_the_discretion_is_refused(walk):
    case = walk.investigated()
    error = walk.officer.refused(case["id"], "submit_report", "MP-49", **{**REPORT, "discretion_reason": ""})
    assert "裁量" in error["message"]
    assert "第四十八条" in error["citation"]
    unchanged(walk.officer, case)


def test_MP_49_review_of_materials_received_tuesday_1_july_is_due_tuesday_15_july(walk):
    case = walk.reported(walk.investigated(day=D(2025, 7, 1)))
    case = walk.officer.step(case["id"], "request_review", reviewer=walk.w.reviewer.pk, received_on=D(2025, 7, 1))
    due = deadline(case, "MP-49")
    assert due["due"] == "2025-07-15"
    assert due["period"].startswith("10")
    case = walk.reviewer.step(
        case["id"],
        "record_review",
        result="passed",
        opinion="事实清楚，证据确凿。",
        reviewed_on=D(2025, 7, 15),
        qualification_number="A20201100000001",
    )
    assert deadline(case, "MP-49")["state"] == "met"


def test_MP_49_a_handler_offered_as_reviewer_is_refused_and_nothing_changes(walk, w):
    case = walk.reported()
    reply = walk.officer.post(f"/cases/{case['id']}/request_review", reviewer=w.users[1].pk, received_on=D(2025, 7, 8))
    assert reply.status == 422, reply.body
    after = unchanged(walk.officer, case)
    assert not [d for d in after["deadlines"] if d["rule"] == "MP-49"]


def test_MP_49_a_handler_offered_as_reviewer_is_refused_citing_the_rule(walk, w):
    case = walk.reported()
    error = walk.officer.refused(
        case["id"], "request_review", "MP-49", reviewer=w.users[1].pk, received_on=D(2025, 7, 8)
    )
    assert "承办人" in error["message"]


def test_MP_49_an_officer_without_the_reviewing_role_is_refused_as_reviewer(walk, w):
    case = walk.reported()
    reply = walk.officer.post(
        f"/cases/{case['id']}/request_review", reviewer=w.chair.user.pk, received_on=D(2025, 7, 8)
    )
    assert reply.status == 422, reply.body
    assert "审核人员" in reply.body["fields"]["reviewer"][0]
    unchanged(walk.officer, case)


# --- LP-58: legal review before the decision ------------------------------------------------------


def heard(walk: Walk) -> dict[str, Any]:
    """A revocation case that went through a hearing after a (case-)review had passed."""
    case = walk.notified(kinds=("fine", "revocation"))
    case = walk.officer.step(case["id"], "request_hearing", requested_on=D(2025, 7, 14))
    assert case["status"] == "hearing"
    walk.head.step(
        case["id"],
        "schedule_hearing",
        scheduled_at="2025-07-28T09:00:00+08:00",
        place="西湖分局听证室",
        chair=walk.w.chair.pk,
        notice_served_on=D(2025, 7, 15),
        public=True,
    )
    return walk.officer.step(
        case["id"],
        "record_hearing",
        held_on=D(2025, 7, 28),
        agents=1,
        record_signed=True,
        report="听证会于2025年7月28日举行，当事人对违法事实无异议，请求从轻处罚。",
    )


HEARD_DECISION = {**DECISION, "kinds": ["fine", "revocation"], "decided_on": D(2025, 7, 30)}


def test_LP_58_a_decision_after_a_hearing_without_a_passed_legal_review_is_refused(walk):
    case = heard(walk)
    error = walk.head.refused(case["id"], "issue_decision", "LP-58", **HEARD_DECISION)
    assert "法制审核" in error["message"]
    assert "第五十八条" in error["citation"]
    unchanged(walk.head, case)


def test_LP_58_a_decision_after_a_hearing_and_a_passed_legal_review_is_issued(walk):
    case = heard(walk)
    walk.officer.step(case["id"], "request_review", reviewer=walk.w.reviewer.pk, received_on=D(2025, 7, 29))
    walk.reviewer.step(
        case["id"],
        "record_review",
        result="passed",
        opinion="听证程序合法，处罚适当。",
        reviewed_on=D(2025, 7, 29),
        qualification_number="A20201100000001",
    )
    case = walk.head.step(case["id"], "issue_decision", **HEARD_DECISION)
    assert case["status"] == "decided"


def test_LP_58_a_failed_legal_review_sends_the_case_back_and_no_decision_is_made(walk):
    case = walk.reported(walk.investigated(walk.registered(is_major=True)))
    walk.officer.step(case["id"], "request_review", reviewer=walk.w.reviewer.pk, received_on=D(2025, 7, 8))
    case = walk.reviewer.step(
        case["id"],
        "record_review",
        result="failed",
        opinion="适用法律错误。",
        reviewed_on=D(2025, 7, 8),
        qualification_number="A20201100000001",
    )
    reply = walk.head.post(f"/cases/{case['id']}/issue_decision", **DECISION)
    assert reply.status == 422
    assert unchanged(walk.head, case)["status"] == "investigating"


def major_in_review(walk: Walk) -> dict[str, Any]:
    case = walk.reported(walk.investigated(walk.registered(is_major=True)))
    return walk.officer.step(case["id"], "request_review", reviewer=walk.w.reviewer.pk, received_on=D(2025, 7, 8))


REVIEW = {"result": "passed", "opinion": "事实清楚，证据确凿，适用法律正确。", "reviewed_on": D(2025, 7, 8)}


def test_LP_58_a_first_time_legal_reviewer_without_a_qualification_number_is_refused(walk):
    case = major_in_review(walk)
    error = walk.reviewer.refused(case["id"], "record_review", "LP-58", **REVIEW)
    assert "法律职业资格" in error["message"]
    unchanged(walk.reviewer, case)


def test_LP_58_a_first_time_legal_reviewer_with_a_qualification_number_is_accepted(walk):
    case = major_in_review(walk)
    case = walk.reviewer.step(case["id"], "record_review", qualification_number="A20201100000001", **REVIEW)
    assert case["status"] == "reviewed"


def test_LP_58_a_reviewer_who_has_reviewed_before_needs_no_qualification_number_again(walk):
    first = major_in_review(walk)
    walk.reviewer.step(first["id"], "record_review", qualification_number="A20201100000001", **REVIEW)
    case = major_in_review(walk)
    case = walk.reviewer.step(case["id"], "record_review", **REVIEW)
    assert case["status"] == "reviewed"


# --- LP-57: outcome and collective discussion -----------------------------------------------------


@pytest.mark.parametrize("flag", ["is_major", "is_complex"])
def test_LP_57_a_flagged_case_decided_without_collective_discussion_is_refused(walk, flag):
    case = walk.notified(walk.reviewed(walk.reported(walk.investigated(walk.registered(**{flag: True})))))
    error = walk.head.refused(case["id"], "issue_decision", "LP-57", **DECISION)
    assert "集体讨论" in error["message"]
    assert "第五十七条" in error["citation"]
    unchanged(walk.head, case)


def test_LP_57_a_flagged_case_is_decided_after_collective_discussion(walk):
    case = walk.notified(walk.reviewed(walk.reported(walk.investigated(walk.registered(is_major=True)))))
    walk.head.step(
        case["id"],
        "record_discussion",
        held_on=D(2025, 7, 18),
        attendees="刘洋（局长）、副局长二人、法制科长",
        conclusion="同意对当事人处以罚款人民币15万元。",
    )
    case = walk.decided(case)
    assert case["status"] == "decided"


def test_LP_57_an_ordinary_case_needs_no_collective_discussion(walk):
    assert walk.decided()["status"] == "decided"


@pytest.mark.parametrize("outcome", ["refer", "warning_only"])
def test_LP_57_an_outcome_outside_the_closed_list_is_refused(walk, outcome):
    case = walk.notified()
    reply = walk.head.post(f"/cases/{case['id']}/issue_decision", **{**DECISION, "outcome": outcome})
    assert reply.status == 422
    assert "outcome" in reply.body["fields"], reply.body
    unchanged(walk.head, case)


# --- LP-59: contents of the decision --------------------------------------------------------------


def test_LP_59_a_decision_for_a_party_without_an_address_is_refused(walk):
    nowhere = create_party(
        by=None,
        kind="organisation",
        name="杭州无址贸易有限公司",
        id_number=credit_code("MA2D0077X"),
        legal_representative="钱七",
    )
    case = walk.notified(walk.reviewed(walk.reported(walk.investigated(walk.registered(party=nowhere)))))
    error = walk.head.refused(case["id"], "issue_decision", "LP-59", **DECISION)
    assert "地址" in error["message"]
    assert "第五十九条" in error["citation"]
    unchanged(walk.head, case)


def test_LP_59_the_decision_states_the_remedies_before_the_county_government_and_is_sealed(walk):
    case = walk.decided()
    html = decision_html(walk.head, case)
    # The PAdES signature is applied after commit (not run inside a test transaction); the seal block is in the text.
    assert '<p class="seal-agency">杭州市生态环境局西湖分局</p>' in html
    body = re.search(r"(\d+)日内向(.+?)申请行政复议", html)
    assert body, html
    # 复议法 第二十四条: the people's government at the same level, not the city bureau above.
    assert body.group(1) == "60"
    assert body.group(2) == "杭州市西湖区人民政府"
    assert "6个月内" in html
    assert "杭州演示化工有限公司" in html
    assert "杭州市西湖区演示工业园1号" in html
    assert "第九十九条" in html


def test_LP_59_a_decision_without_reasons_is_refused(walk):
    case = walk.notified()
    reply = walk.head.post(f"/cases/{case['id']}/issue_decision", **{**DECISION, "reasons": ""})
    assert reply.status == 422
    assert "reasons" in reply.body["fields"], reply.body
    unchanged(walk.head, case)


# --- LP-60: the 90-day time limit -----------------------------------------------------------------


def test_LP_60_filed_tuesday_1_july_the_decision_is_due_monday_29_september(walk):
    case = walk.registered(registered_on=D(2025, 7, 1))
    due = deadline(case, "LP-60")
    assert due["due"] == "2025-09-29"
    assert due["starts_on"] == "2025-07-01"
    assert "第六十条" in due["citation"]


def test_LP_60_a_decision_on_1_october_without_extension_is_made_but_warned_to_supervision(walk):
    case = walk.decided(decided_on=D(2025, 10, 1))
    assert case["status"] == "decided"
    assert warned(case, "LP-60")
    message = next(w["message"] for w in case["warnings"] if w["rule"] == "LP-60")
    assert "2025-09-29" in message
    assert "监督" in message
    decided = [e for e in timeline(walk.head, case) if e["kind"] == "decided"][-1]
    assert "LP-60" in decided["rules"]


def test_LP_60_a_decision_on_the_ninetieth_day_is_in_time(walk):
    case = walk.decided(decided_on=D(2025, 9, 29))
    assert not warned(case, "LP-60")
    assert deadline(case, "LP-60")["state"] == "met"


def test_LP_60_an_approved_thirty_day_extension_moves_the_due_date_to_29_october(walk):
    case = walk.notified()
    case = walk.head.step(case["id"], "extend_time_limit", days=30, reason="案情复杂，需补充检测报告")
    assert deadline(case, "LP-60")["due"] == "2025-10-29"
    assert case["extension_days"] == 30
    case = walk.decided(case, decided_on=D(2025, 10, 1))
    assert not warned(case, "LP-60")


def test_LP_60_a_further_extension_needs_collective_discussion(walk):
    case = walk.notified()
    case = walk.head.step(case["id"], "extend_time_limit", days=30, reason="案情复杂，需补充检测报告")
    reply = walk.head.post(f"/cases/{case['id']}/extend_time_limit", days=10, reason="检测机构延期出具报告")
    assert reply.status == 422
    assert deadline(unchanged(walk.head, case), "LP-60")["due"] == "2025-10-29"
    walk.head.step(
        case["id"],
        "record_discussion",
        held_on=D(2025, 10, 20),
        attendees="刘洋（局长）、副局长二人",
        conclusion="同意再延长办案期限十日。",
    )
    case = walk.head.step(case["id"], "extend_time_limit", days=10, reason="检测机构延期出具报告")
    assert deadline(case, "LP-60")["due"] == "2025-11-08"


def test_LP_60_the_days_of_suspension_do_not_count(walk):
    case = walk.investigated()
    case = walk.head.step(case["id"], "suspend", ground="等待排放检测报告（检测期间）", started_on=D(2025, 8, 1))
    assert case["status"] == "suspended"
    case = walk.head.step(case["id"], "resume", resumed_on=D(2025, 8, 21))
    assert case["status"] == "investigating"
    # 2025-09-29 + the 20 days from 08-01 to 08-21 (whether both boundary days count is UNVERIFIED, MP-46).
    assert deadline(case, "LP-60")["due"] == "2025-10-19"
    case = walk.decided(walk.notified(walk.reviewed(walk.reported(case))), decided_on=D(2025, 10, 15))
    assert not warned(case, "LP-60")


# --- LP-61: delivery of the decision --------------------------------------------------------------

# A case decided on Tue 2025-07-01 (LEGAL-RULES LP-61): everything before it moved into June.
JUNE = {"act_date": D(2025, 6, 3), "received_on": D(2025, 6, 4)}


def decided_on_1_july(walk: Walk) -> dict[str, Any]:
    case = walk.registered(registered_on=D(2025, 6, 5), **JUNE)
    case = walk.reviewed(walk.reported(walk.investigated(case, day=D(2025, 6, 6))), day=D(2025, 6, 10))
    return walk.decided(walk.notified(case, served=D(2025, 6, 11)), decided_on=D(2025, 7, 1))


def test_LP_61_a_decision_of_tuesday_1_july_must_be_delivered_by_thursday_10_july(walk):
    case = decided_on_1_july(walk)
    due = deadline(case, "LP-61")
    assert due["due"] == "2025-07-10"
    assert due["period"].startswith("7")
    case = walk.served(case, served_on=D(2025, 7, 10))
    assert deadline(case, "LP-61")["state"] == "met"


def test_LP_61_e_mail_delivery_without_a_signed_confirmation_is_refused(walk):
    case = decided_on_1_july(walk)
    error = walk.officer.refused(
        case["id"],
        "deliver",
        "LP-61",
        document=document(case, "penalty_decision")["id"],
        method="electronic",
        recipient="赵六",
        address="zhaoliu@example.com",
        sent_on=D(2025, 7, 1),
    )
    assert "确认书" in error["message"]
    assert "第六十一条" in error["citation"]
    after = unchanged(walk.officer, case)
    assert document(after, "penalty_decision")["deliveries"] == []


def test_LP_61_e_mail_delivery_with_a_signed_confirmation_is_sent_and_served_when_opened(walk):
    case = decided_on_1_july(walk)
    case = walk.officer.step(
        case["id"],
        "deliver",
        document=document(case, "penalty_decision")["id"],
        method="electronic",
        recipient="赵六",
        address="zhaoliu@example.com",
        sent_on=D(2025, 7, 1),
        consent_confirmed=True,
    )
    (delivery,) = document(case, "penalty_decision")["deliveries"]
    assert delivery["method"] == "electronic"
    assert delivery["link"]
    assert delivery["served_on"] is None


def test_LP_61_public_notice_posted_1_july_is_deemed_served_31_july(walk):
    case = decided_on_1_july(walk)
    case = walk.deliver(case, "penalty_decision", D(2025, 7, 1), method="public_notice", served_on=None)
    (delivery,) = document(case, "penalty_decision")["deliveries"]
    assert delivery["served_on"] == "2025-07-31"


def test_DB_34_a_fine_outside_the_advised_range_is_flagged_for_the_reviewer(walk, w):
    # 一般 harm → the 一般 row (30万–60万); 15万 lies in the benchmark (轻微) but not in the row the
    # recorded facts point to: accepted with its reason (MP-49), and flagged.
    publish_province_benchmark(w)
    case = walk.officer.step(walk.investigated()["id"], "submit_report", **REPORT)
    assert warned(case, "DB-34")
    warning = next(x for x in case["warnings"] if x["rule"] == "DB-34")
    assert "30万元以上60万元以下" in warning["message"]


def test_DB_34_a_fine_inside_the_advised_range_is_not_flagged(walk, w):
    publish_province_benchmark(w)
    report = {**REPORT, "minor_harm": True, "corrected": True}  # → the 轻微 row, 10万–30万
    case = walk.officer.step(walk.investigated()["id"], "submit_report", **report)
    assert not warned(case, "DB-34")


def test_DB_34_the_first_report_is_prefilled_from_the_advised_row(walk, w, client):
    from zhifa.cases.models import Case
    from zhifa.cases.steps import STEPS

    publish_province_benchmark(w)
    case = Case.objects.get(pk=walk.investigated()["id"])
    step = next(s for s in STEPS if s.code == "submit_report")
    initial = step.initial(case)
    assert initial["fine"] == Decimal(300000)
    assert "一般" in initial["discretion_reason"]
    assert "第三十四条" not in initial["discretion_reason"]  # reasons, not citations
