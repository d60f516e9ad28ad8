"""Group L through the JSON API: transfer of suspected crimes (行刑衔接) — no penalty in place of
a transfer (LP-27), the task group, attachments, head decision and 24-hour transfer (TR-5), and
the police's answer (TR-12)."""

# Test names carry the rule id as written in LEGAL-RULES.md (LP-22 → test_LP_22_…).
# ruff: noqa: N802

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine

from tests.scenarios.api import deadline, document
from tests.scenarios.walk import Walk

pytestmark = pytest.mark.django_db
D = dt.date

ATTACHMENTS = ["transfer_letter", "investigation_report", "item_list"]
POLICE = "杭州市公安局西湖区分局"
REPORTED_DAY = D(2025, 7, 1)


def referral(w: Any, reported_on: dt.date = REPORTED_DAY, **body: Any) -> dict[str, Any]:
    return {
        "suspected_offence": "污染环境罪",
        "reported_on": reported_on,
        "task_group_officers": [o.pk for o in w.officers],
        "attachments": ATTACHMENTS,
        **body,
    }


def decision(**body: Any) -> dict[str, Any]:
    return {
        "outcome": "penalty",
        "kinds": ["fine"],
        "fine": "150000",
        "illegal_gains": "0",
        "correction": "责令立即停止无证排污，限期办理排污许可证",
        "reasons": "当事人的行为违反了《中华人民共和国大气污染防治法》第十九条的规定。",
        "statement_adoption": "当事人未在期限内提出陈述、申辩。",
        "decided_on": D(2025, 7, 21),
        "publish": True,
        **body,
    }


def unchanged(walk: Walk, case: dict[str, Any]) -> dict[str, Any]:
    after = walk.officer.case(case["id"])
    assert after["version"] == case["version"]
    assert after["status"] == case["status"]
    return after


def referred(walk: Walk) -> dict[str, Any]:
    """Registered 07-01, reported as a suspected crime 07-01, approved and transferred to the police."""
    case = walk.registered()
    walk.officer.step(case["id"], "refer_crime", **referral(walk.w))
    walk.head.step(case["id"], "decide_referral", approved=True)
    return walk.officer.step(case["id"], "transfer_to_police", police=POLICE, party_notified_on=D(2025, 7, 4))


# --- LP-27 no penalty in place of a transfer ----------------------------------------------------


def test_LP_27_fine_only_decision_on_a_suspected_crime_is_refused(walk):
    case = walk.notified()
    case = walk.officer.step(case["id"], "refer_crime", **referral(walk.w, reported_on=D(2025, 7, 11)))
    error = walk.head.refused(case["id"], "issue_decision", "LP-27", **decision())
    assert "第二十七条" in error["citation"]
    assert "移送" in error["message"]
    after = unchanged(walk, case)
    assert [d for d in after["documents"] if d["code"] == "penalty_decision"] == []


def test_LP_27_decision_allowed_once_the_head_refuses_the_transfer_with_reasons(walk):
    case = walk.notified()
    walk.officer.step(case["id"], "refer_crime", **referral(walk.w, reported_on=D(2025, 7, 11)))
    reply = walk.head.post(f"/cases/{case['id']}/decide_referral", approved=False)
    assert reply.status == 422
    assert "refusal_reason" in reply.body["fields"]
    walk.head.step(
        case["id"], "decide_referral", approved=False, refusal_reason="经核实，排放量未达到污染环境罪立案标准"
    )
    case = walk.decided(walk.officer.case(case["id"]))
    assert case["status"] == "decided"
    assert document(case, "penalty_decision")["number"]


def test_LP_27_decision_allowed_after_the_police_refuse_to_file(walk):
    case = referred(walk)
    case = walk.officer.step(case["id"], "record_police_response", response="refused", responded_on=D(2025, 7, 10))
    assert case["status"] == "investigating"
    case = walk.notified(walk.reviewed(walk.reported(walk.investigated(case))))
    case = walk.decided(case)
    assert case["status"] == "decided"


def test_LP_27_closing_a_fined_case_reported_as_a_suspected_crime_is_refused(walk):
    case = walk.served()
    walk.officer.step(case["id"], "record_payment", amount="150000", paid_on=D(2025, 8, 1), channel="bank")
    case = walk.officer.step(case["id"], "refer_crime", **referral(walk.w, reported_on=D(2025, 8, 2)))
    error = walk.head.refused(case["id"], "close", "LP-27", closed_on=D(2025, 8, 5), summary="罚款已缴纳")
    assert "不得以行政处罚代替刑事处罚" in error["message"]
    after = unchanged(walk, case)
    assert after["closed_on"] is None


# --- TR-5 task group, attachments, head decision, 24-hour transfer ----------------------------------


def test_TR_5_referral_by_a_task_group_of_one_is_refused(walk):
    w = walk.w
    case = walk.registered()
    body = referral(w, task_group_officers=[w.officers[0].pk])
    error = walk.officer.refused(case["id"], "refer_crime", "TR-5", **body)
    assert "两名" in error["message"]
    assert "第五条" in error["citation"]
    unchanged(walk, case)


def test_TR_5_referral_without_the_item_list_is_refused(walk):
    case = walk.registered()
    body = referral(walk.w, attachments=["transfer_letter", "investigation_report"])
    error = walk.officer.refused(case["id"], "refer_crime", "TR-5", **body)
    assert "涉案物品清单" in error["message"]
    unchanged(walk, case)


def test_TR_5_head_decides_within_three_days_of_the_report(walk):
    case = walk.registered()
    case = walk.officer.step(case["id"], "refer_crime", **referral(walk.w, reported_on=D(2025, 7, 1)))  # Tue
    due = deadline(case, "TR-5")
    assert due["starts_on"] == "2025-07-01"
    assert due["due"] == "2025-07-04"  # Fri, natural days (UNVERIFIED in LEGAL-RULES)


def test_TR_5_approved_transfer_is_due_within_24_hours(walk):
    case = walk.registered()
    walk.officer.step(case["id"], "refer_crime", **referral(walk.w, reported_on=D(2025, 7, 1)))
    # The head's decision takes no date: its moment is the clock's, so the clock is set to
    # Fri 2025-07-04 10:00 (Beijing) to replay the LEGAL-RULES scenario.
    with time_machine.travel(dt.datetime(2025, 7, 4, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8))), tick=False):
        case = walk.head.step(case["id"], "decide_referral", approved=True)
    open_ = [d for d in case["deadlines"] if d["rule"] == "TR-5" and d["state"] == "open"]
    assert len(open_) == 1
    assert open_[0]["due"] == "2025-07-05"
    assert open_[0]["due_at"].startswith("2025-07-05T10:00")
    met = [d for d in case["deadlines"] if d["rule"] == "TR-5" and d["state"] == "met"]
    assert met
    assert met[0]["met_on"] == "2025-07-04"


def test_TR_5_transfer_without_telling_the_party_in_writing_is_refused(walk):
    case = walk.registered()
    walk.officer.step(case["id"], "refer_crime", **referral(walk.w))
    case = walk.head.step(case["id"], "decide_referral", approved=True)
    error = walk.officer.refused(case["id"], "transfer_to_police", "TR-5", police=POLICE)
    assert "告知当事人" in error["message"]
    unchanged(walk, case)


def test_TR_5_transfer_needs_the_heads_approval(walk):
    case = walk.registered()
    case = walk.officer.step(case["id"], "refer_crime", **referral(walk.w))
    reply = walk.officer.post(f"/cases/{case['id']}/transfer_to_police", police=POLICE, party_notified_on=D(2025, 7, 4))
    assert reply.status == 422
    assert "批准" in reply.body["message"]
    unchanged(walk, case)


def test_TR_5_approved_transfer_with_the_party_told_refers_the_case(walk):
    case = referred(walk)
    assert case["status"] == "referred"
    assert document(case, "criminal_referral")["number"]


# --- TR-12 the police's answer ------------------------------------------------------------------


def test_TR_12_police_refusal_reopens_the_case_and_reconsideration_is_due_in_three_days(walk):
    case = referred(walk)
    case = walk.officer.step(case["id"], "record_police_response", response="refused", responded_on=D(2025, 7, 10))
    assert case["status"] == "investigating"
    due = deadline(case, "TR-12")
    assert due["starts_on"] == "2025-07-10"
    assert due["due"] == "2025-07-13"
    assert "复议" in due["label"]


def test_TR_12_police_refusal_after_the_decision_lets_the_fined_case_be_closed(walk):
    case = walk.served()
    walk.officer.step(case["id"], "record_payment", amount="150000", paid_on=D(2025, 8, 1), channel="bank")
    walk.officer.step(case["id"], "refer_crime", **referral(walk.w, reported_on=D(2025, 8, 2)))
    walk.head.step(case["id"], "decide_referral", approved=True)
    walk.officer.step(case["id"], "transfer_to_police", police=POLICE, party_notified_on=D(2025, 8, 4))
    case = walk.officer.step(case["id"], "record_police_response", response="refused", responded_on=D(2025, 8, 10))
    assert deadline(case, "TR-12")["due"] == "2025-08-13"
    case = walk.head.step(case["id"], "close", closed_on=D(2025, 8, 15), summary="公安机关不予立案，罚款已缴纳")
    assert case["status"] == "closed"


def test_TR_12_police_filing_starts_three_days_to_hand_over_the_items(walk):
    case = referred(walk)
    case = walk.officer.step(case["id"], "record_police_response", response="filed", responded_on=D(2025, 7, 10))
    assert case["status"] == "referred"
    due = deadline(case, "TR-12")
    assert due["due"] == "2025-07-13"
    assert "移交" in due["label"]
