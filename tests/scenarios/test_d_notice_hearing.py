"""Group D of LEGAL-RULES.md through the JSON API: prior notice (告知书), statement and defence,
the hearing threshold (较大数额) and the hearing itself.

Dates follow the LEGAL-RULES scenarios: the 告知书 is served on Mon 2025-07-07 (July 2025 has no
statutory holidays), so its five working days end on Mon 07-14.
"""

# Tests are named after the rule ids of LEGAL-RULES (test_LP_64b_…), upper case included.
# ruff: noqa: N802

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from tests.scenarios.api import Api, deadline, document, document_text, warned
from zhifa.cases.actions import notice as notice_actions
from zhifa.cases.actions.configuration import set_hearing_threshold
from zhifa.cases.models import Case

pytestmark = pytest.mark.django_db
D = dt.date

PRE_NOTICE_REVIEW = D(2025, 7, 4)  # Fri: the file is reviewed before the notice is served
SERVED = D(2025, 7, 7)  # Mon: the 告知书 is served
PERIOD_ENDS = "2025-07-14"  # Mon: five working days later (MP-57, LP-64a)
HEARING_AT = "2025-07-21T09:00"  # Mon 09:00


# --- helpers -------------------------------------------------------------------------------------


def notified(
    walk: Any,
    *,
    fine: str = "150000",
    served: dt.date = SERVED,
    report: dict[str, Any] | None = None,
    **registration: Any,
) -> dict[str, Any]:
    """A case brought through the API to a served 告知书 proposing `fine` (and `report`'s penalty)."""
    case = walk.reported(walk.investigated(walk.registered(**registration)), fine=fine, **(report or {}))
    return walk.notified(walk.reviewed(case, day=PRE_NOTICE_REVIEW), served=served)


def decision(decided_on: dt.date, *, fine: str = "150000", **overrides: Any) -> dict[str, Any]:
    return {
        "outcome": "penalty",
        "kinds": ["fine"],
        "fine": fine,
        "illegal_gains": "0",
        "correction": "责令立即停止无证排污，限期办理排污许可证",
        "reasons": "当事人的行为违反了《中华人民共和国大气污染防治法》第十九条的规定。",
        "statement_adoption": "当事人未在期限内提出陈述、申辩。",
        "decided_on": decided_on,
        "publish": True,
        **overrides,
    }


def refused(api: Api, case: dict[str, Any], code: str, rule: str, **body: Any) -> dict[str, Any]:
    """The step is refused by `rule` (422, with its article) and the case is left as it was."""
    error = api.refused(case["id"], code, rule, **body)
    after = api.case(case["id"])
    assert after["version"] == case["version"], "a refused step changed the case"
    assert after["status"] == case["status"]
    return error


def threshold(
    w: Any,
    region: Any = None,
    *,
    individual: str = "10000",
    organisation: str = "100000",
    confiscation: str | None = None,
) -> None:
    """A 较大数额 row as an administrator keeps it (configuration, not a case step)."""
    set_hearing_threshold(
        by=None,
        domain=w.agency.domain,
        region=region,
        individual=Decimal(individual),
        organisation=Decimal(organisation),
        confiscation=Decimal(confiscation) if confiscation else None,
        source="测试用较大数额标准",
    )


CONFISCATING = {"kinds": ("fine", "confiscate_gains"), "illegal_gains": "5000", "confiscate_gains": True}


def notice_text(api: Api, case: dict[str, Any]) -> str:
    """The 告知书 as the party reads it (the document the case page links to)."""
    return document_text(api, case, "prior_notice")


def notice_event(api: Api, case: dict[str, Any]) -> dict[str, Any]:
    events = [e for e in api.get(f"/cases/{case['id']}/timeline").body if e["kind"] == "notice.issued"]
    assert events, "no 告知书 was issued"
    return events[-1]["payload"]


def assert_hearing_clause(walk: Any, case: dict[str, Any]) -> None:
    text = notice_text(walk.officer, case)
    assert "要求听证的权利" in text
    assert "不承担本机关组织听证的费用" in text  # LP-63: the party bears no hearing costs
    assert notice_event(walk.officer, case)["hearing"] is True
    assert deadline(case, "LP-64a")["due"] == PERIOD_ENDS


def assert_no_hearing_clause(walk: Any, case: dict[str, Any]) -> None:
    assert "要求听证的权利" not in notice_text(walk.officer, case)
    assert notice_event(walk.officer, case)["hearing"] is False
    assert "LP-64a" not in [d["rule"] for d in case["deadlines"]]
    reply = walk.officer.post(f"/cases/{case['id']}/request_hearing", requested_on=D(2025, 7, 8))
    assert reply.status == 422
    assert "听证" in reply.body["message"]


def hearing_requested(walk: Any, **registration: Any) -> dict[str, Any]:
    case = notified(walk, **registration)
    return walk.officer.step(case["id"], "request_hearing", requested_on=D(2025, 7, 8))


def hearing_scheduled(walk: Any, case: dict[str, Any] | None = None, **registration: Any) -> dict[str, Any]:
    case = case or hearing_requested(walk, **registration)
    return walk.head.step(
        case["id"],
        "schedule_hearing",
        scheduled_at=HEARING_AT,
        place="本机关听证室",
        chair=walk.w.chair.pk,
        notice_served_on=D(2025, 7, 9),
        public=True,
    )


def hearing_record(**overrides: Any) -> dict[str, Any]:
    return {
        "held_on": D(2025, 7, 21),
        "agents": 1,
        "record_signed": True,
        "refusal_note": "",
        "party_absent": False,
        "report": "听证查明事实与调查认定一致，建议维持拟作出的处罚。",
        **overrides,
    }


def legal_review(walk: Any, case: dict[str, Any], day: dt.date) -> dict[str, Any]:
    walk.officer.step(case["id"], "request_review", reviewer=walk.w.reviewer.pk, received_on=day)
    return walk.reviewer.step(
        case["id"],
        "record_review",
        result="passed",
        opinion="事实清楚，证据确凿，适用法律正确，程序合法。",
        reviewed_on=day,
        qualification_number="A20201100000001",
    )


# --- LP-44: no decision without a served 告知书, nor after refusing to hear the party ---------------


def test_LP_44_decision_without_a_served_notice_is_refused(walk):
    case = walk.reviewed(walk.reported(walk.investigated()), day=PRE_NOTICE_REVIEW)
    error = refused(walk.head, case, "issue_decision", "LP-44", **decision(D(2025, 7, 21)))
    assert "告知书" in error["message"]
    assert "penalty_decision" not in [d["code"] for d in walk.officer.case(case["id"])["documents"]]


def test_LP_44_a_notice_issued_but_not_yet_served_does_not_allow_a_decision(walk):
    case = walk.reviewed(walk.reported(walk.investigated()), day=PRE_NOTICE_REVIEW)
    case = walk.officer.step(case["id"], "issue_notice")
    assert document(case, "prior_notice")["deliveries"] == []
    refused(walk.head, case, "issue_decision", "LP-44", **decision(D(2025, 7, 21)))


def test_LP_44_decision_after_the_notice_was_served_and_the_period_ran_is_allowed(walk):
    case = notified(walk)
    case = walk.head.step(case["id"], "issue_decision", **decision(D(2025, 7, 15)))
    assert case["status"] == "decided"
    assert document(case, "penalty_decision")["number"]


def test_LP_44_decision_after_refusing_to_hear_the_party_is_refused(walk, w):
    case = notified(walk)
    # The API has no field to mark a submission as "refused" (StatementForm), so the refusal to
    # hear the party is arranged through the action itself; the decision goes through the API.
    notice_actions.record_statement(
        Case.objects.get(pk=case["id"]),
        by=w.users[0],
        expected_version=None,
        content="当事人要求当面陈述，承办人未予听取",
        received_on=D(2025, 7, 8),
        refused=True,
    )
    case = walk.officer.case(case["id"])
    error = refused(walk.head, case, "issue_decision", "LP-44", **decision(D(2025, 7, 15)))
    assert "拒绝听取" in error["message"]


# --- MP-57: the 5-working-day statement period -----------------------------------------------------


def test_MP_57_statement_period_ends_five_working_days_after_service(walk):
    case = notified(walk)
    period = deadline(case, "MP-57")
    assert period["starts_on"] == "2025-07-07"
    assert period["due"] == PERIOD_ENDS
    assert period["binds_party"] is True


def test_MP_57_decision_within_the_statement_period_without_waiver_is_refused(walk):
    case = notified(walk)
    error = refused(walk.head, case, "issue_decision", "MP-57", **decision(D(2025, 7, 11)))
    assert PERIOD_ENDS in error["message"]
    # The last day of the period still belongs to the party.
    refused(walk.head, case, "issue_decision", "MP-57", **decision(D(2025, 7, 14)))


def test_MP_57_decision_after_the_statement_period_is_allowed(walk):
    case = notified(walk)
    case = walk.head.step(case["id"], "issue_decision", **decision(D(2025, 7, 15)))
    assert case["status"] == "decided"
    assert case["decided_on"] == "2025-07-15"


def test_MP_57_decision_within_the_period_is_allowed_with_a_signed_waiver(walk):
    case = notified(walk)
    walk.officer.step(case["id"], "waive_rights", waived_on=D(2025, 7, 8))
    case = walk.head.step(case["id"], "issue_decision", **decision(D(2025, 7, 11)))
    assert case["status"] == "decided"


# --- LP-45: review every submission; no heavier penalty because the party defended ---------------


def test_LP_45_decision_with_an_unreviewed_statement_is_refused_until_it_is_reviewed(walk):
    case = notified(walk)
    case = walk.officer.step(
        case["id"], "record_statement", received_on=D(2025, 7, 9), content="当事人辩称排气筒已停用，要求减轻处罚"
    )
    error = refused(walk.head, case, "issue_decision", "LP-45", **decision(D(2025, 7, 15)))
    assert "复核" in error["message"]

    statement = walk.officer.get(f"/cases/{case['id']}/timeline").body[-1]["payload"]["statement"]
    walk.officer.step(
        case["id"],
        "review_statement",
        statement=statement,
        adopted=False,
        opinion="经复核，现场检查时排气筒正在排放，申辩理由不成立，不予采纳。",
        reviewed_on=D(2025, 7, 10),
    )
    case = walk.head.step(case["id"], "issue_decision", **decision(D(2025, 7, 15)))
    assert case["status"] == "decided"


def test_LP_45_heavier_fine_than_notified_after_a_defence_is_refused(walk):
    case = notified(walk, fine="100000")
    walk.officer.step(case["id"], "record_statement", received_on=D(2025, 7, 8), content="当事人申辩违法情节轻微")
    statement = walk.officer.get(f"/cases/{case['id']}/timeline").body[-1]["payload"]["statement"]
    case = walk.officer.step(
        case["id"],
        "review_statement",
        statement=statement,
        adopted=False,
        opinion="申辩理由不成立。",
        reviewed_on=D(2025, 7, 9),
    )
    error = refused(walk.head, case, "issue_decision", "LP-45", **decision(D(2025, 7, 15), fine="150000"))
    assert "罚款人民币10万元" in error["message"]  # the notified penalty

    # The notified fine itself (or a lighter one) is allowed.
    case = walk.head.step(case["id"], "issue_decision", **decision(D(2025, 7, 15), fine="100000"))
    assert case["status"] == "decided"


def test_LP_45_heavier_fine_is_allowed_after_a_fresh_notice(walk):
    case = notified(walk, fine="100000")
    walk.officer.step(
        case["id"],
        "submit_report",
        facts="补充调查查明当事人排放时间更长",
        outcome="penalty",
        kinds=["fine"],
        fine="150000",
        illegal_gains="0",
        correction="责令立即停止无证排污，限期办理排污许可证",
        discretion_reason="补充调查查明违法持续时间较长",
    )
    legal_review(walk, case, D(2025, 7, 8))
    case = walk.officer.step(case["id"], "issue_notice")
    case = walk.deliver(case, "prior_notice", D(2025, 7, 9))
    case = walk.head.step(case["id"], "issue_decision", **decision(D(2025, 7, 17), fine="150000"))
    assert case["status"] == "decided"


def test_LP_45_confiscating_more_illegal_gains_than_notified_is_refused(walk):
    case = notified(walk, fine="100000", report=CONFISCATING)
    body = decision(D(2025, 7, 15), fine="100000", kinds=["fine", "confiscate_gains"], confiscate_gains=True)
    refused(walk.head, case, "issue_decision", "LP-45", **{**body, "illegal_gains": "8000"})


# --- LP-63: hearing rights for a larger fine (较大数额, configured per domain and region) -----------


def test_LP_63_fine_at_the_configured_threshold_requires_the_hearing_clause(walk, w):
    threshold(w, individual="120000", organisation="150000")
    case = notified(walk, fine="150000")  # organisation, exactly the threshold: 以上 includes it
    assert_hearing_clause(walk, case)


def test_LP_63_fine_below_the_configured_threshold_needs_no_hearing_clause(walk, w):
    threshold(w, individual="120000", organisation="150000")
    case = notified(walk, fine="149999.99")
    assert_no_hearing_clause(walk, case)
    # Without a hearing clause the decision may be made once the statement period has run.
    case = walk.head.step(case["id"], "issue_decision", **decision(D(2025, 7, 15), fine="149999.99"))
    assert case["status"] == "decided"


def test_LP_63_individual_threshold_applies_to_a_citizen(walk, w):
    threshold(w, individual="120000", organisation="500000")
    at = notified(walk, party=w.person, fine="120000")
    assert_hearing_clause(walk, at)
    below = notified(walk, party=w.person, fine="119999", act_place="西湖区演示工业园2号")
    assert_no_hearing_clause(walk, below)


def test_LP_63_heavy_penalty_kind_requires_the_hearing_clause_whatever_the_fine(walk, w):
    threshold(w, individual="900000", organisation="900000")
    case = walk.reported(walk.investigated(), fine="150000", kinds=("fine", "suspension"))
    case = walk.notified(walk.reviewed(case, day=PRE_NOTICE_REVIEW), served=SERVED)
    assert_hearing_clause(walk, case)


def test_LP_63_confiscated_gains_at_the_fine_threshold_require_the_hearing_clause(walk, w):
    threshold(w, individual="5000", organisation="5000")
    case = notified(walk, fine="100000", report=CONFISCATING)
    assert_hearing_clause(walk, case)


def test_LP_63_confiscation_at_the_configured_confiscation_threshold_requires_the_hearing_clause(walk, w):
    threshold(w, individual="200000", organisation="200000", confiscation="5000")
    case = notified(walk, fine="100000", report=CONFISCATING)
    assert_hearing_clause(walk, case)


def test_LP_63_the_county_row_wins_over_the_province_row(walk, w):
    threshold(w, w.regions["province"], individual="300000", organisation="300000")
    threshold(w, w.regions["county"], individual="150000", organisation="150000")
    case = notified(walk, fine="150000")
    assert_hearing_clause(walk, case)


def test_LP_63_the_county_row_wins_even_when_it_is_higher_than_the_province_row(walk, w):
    threshold(w, individual="10000", organisation="100000")  # nationwide
    threshold(w, w.regions["province"], individual="100000", organisation="100000")
    threshold(w, w.regions["county"], individual="200000", organisation="200000")
    threshold(w, w.regions["beside"], individual="100000", organisation="100000")  # another county: not ours
    case = notified(walk, fine="150000")
    assert_no_hearing_clause(walk, case)


def test_LP_63_the_province_row_applies_where_the_county_has_none(walk, w):
    threshold(w, individual="10000", organisation="100000")  # nationwide
    threshold(w, w.regions["province"], individual="200000", organisation="200000")
    threshold(w, w.regions["beside"], individual="100000", organisation="100000")
    case = notified(walk, fine="150000")
    assert_no_hearing_clause(walk, case)


def test_LP_63_decision_with_a_larger_fine_after_a_notice_without_hearing_clause_is_refused(walk, w):
    threshold(w, w.regions["province"], individual="200000", organisation="200000")
    case = notified(walk, fine="150000")
    assert_no_hearing_clause(walk, case)
    # The province lowers its 较大数额 before the decision: the notice served no longer suffices.
    threshold(w, w.regions["province"], individual="150000", organisation="150000")
    error = refused(walk.head, case, "issue_decision", "LP-63", **decision(D(2025, 7, 15)))
    assert "听证" in error["message"]


def test_LP_63_a_fresh_notice_with_the_hearing_clause_lets_the_decision_be_made(walk, w):
    threshold(w, w.regions["province"], individual="200000", organisation="200000")
    case = notified(walk, fine="150000")
    threshold(w, w.regions["province"], individual="150000", organisation="150000")
    refused(walk.head, case, "issue_decision", "LP-63", **decision(D(2025, 7, 15)))
    # 须重新告知: a fresh 告知书, now with the hearing clause, served on Tue 07-15.
    case = walk.officer.step(case["id"], "issue_notice")
    case = walk.deliver(case, "prior_notice", D(2025, 7, 15))
    assert notice_event(walk.officer, case)["hearing"] is True
    assert deadline(case, "LP-64a")["due"] == "2025-07-22"
    refused(walk.head, case, "issue_decision", "MP-57", **decision(D(2025, 7, 22)))
    case = walk.head.step(case["id"], "issue_decision", **decision(D(2025, 7, 23)))
    assert case["status"] == "decided"


# --- LP-64a: the 5-working-day hearing request ---------------------------------------------------


def test_LP_64a_hearing_request_on_the_fifth_working_day_is_timely(walk):
    case = notified(walk)
    assert deadline(case, "LP-64a")["due"] == PERIOD_ENDS
    case = walk.officer.step(case["id"], "request_hearing", requested_on=D(2025, 7, 14))
    assert case["status"] == "hearing"
    assert not warned(case, "LP-64a")


def test_LP_64a_hearing_request_after_five_working_days_is_accepted_with_a_warning(walk):
    case = notified(walk)
    case = walk.officer.step(case["id"], "request_hearing", requested_on=D(2025, 7, 15))
    assert case["status"] == "hearing"
    assert warned(case, "LP-64a")
    message = next(x["message"] for x in case["warnings"] if x["rule"] == "LP-64a")
    assert PERIOD_ENDS in message
    assert next(x["citation"] for x in case["warnings"] if x["rule"] == "LP-64a")


# --- LP-64b: the hearing notice 7 working days ahead ---------------------------------------------


def _schedule(served_on: dt.date, chair: int) -> dict[str, Any]:
    return {
        "scheduled_at": HEARING_AT,
        "place": "本机关听证室",
        "chair": chair,
        "notice_served_on": served_on,
        "public": True,
    }


def test_LP_64b_hearing_notice_served_less_than_seven_working_days_ahead_is_refused(walk, w):
    case = hearing_requested(walk)
    error = refused(walk.head, case, "schedule_hearing", "LP-64b", **_schedule(D(2025, 7, 14), w.chair.pk))
    assert "2025-07-10" in error["message"]
    # One working day past the boundary is refused too.
    refused(walk.head, case, "schedule_hearing", "LP-64b", **_schedule(D(2025, 7, 11), w.chair.pk))
    assert "hearing_notice" not in [d["code"] for d in walk.officer.case(case["id"])["documents"]]


def test_LP_64b_hearing_notice_served_seven_working_days_ahead_is_allowed(walk, w):
    case = hearing_requested(walk)
    case = walk.head.step(case["id"], "schedule_hearing", **_schedule(D(2025, 7, 10), w.chair.pk))
    assert document(case, "hearing_notice")


# --- LP-64c: a non-investigator chairs; 1–2 agents; a signed record or a refusal note -------------


def test_LP_64c_case_handler_as_hearing_chair_is_refused(walk, w):
    case = hearing_requested(walk)
    error = refused(walk.head, case, "schedule_hearing", "LP-64c", **_schedule(D(2025, 7, 9), w.officers[0].pk))
    assert "主持" in error["message"]
    case = walk.head.step(case["id"], "schedule_hearing", **_schedule(D(2025, 7, 9), w.chair.pk))
    assert document(case, "hearing_notice")


def test_LP_64c_more_than_two_agents_is_refused(walk):
    case = hearing_scheduled(walk)
    error = refused(walk.officer, case, "record_hearing", "LP-64c", **hearing_record(agents=3))
    assert "二人" in error["message"]
    case = walk.officer.step(case["id"], "record_hearing", **hearing_record(agents=2))
    assert document(case, "hearing_report")


def test_LP_64c_hearing_record_neither_signed_nor_with_a_refusal_note_is_refused(walk):
    case = hearing_scheduled(walk)
    error = refused(walk.officer, case, "record_hearing", "LP-64c", **hearing_record(record_signed=False))
    assert "签字" in error["message"]
    case = walk.officer.step(
        case["id"],
        "record_hearing",
        **hearing_record(record_signed=False, refusal_note="当事人拒绝在听证笔录上签字，主持人已在笔录中注明"),
    )
    assert document(case, "hearing_report")


def test_LP_64c_party_absent_from_the_hearing_waives_it_and_the_hearing_ends(walk):
    case = hearing_scheduled(walk)
    case = walk.officer.step(
        case["id"],
        "record_hearing",
        **hearing_record(record_signed=False, party_absent=True, report="当事人无正当理由未到场，视为放弃听证。"),
    )
    assert case["status"] == "reviewed"
    case = walk.head.step(case["id"], "issue_decision", **decision(D(2025, 7, 22)))
    assert case["status"] == "decided"


# --- LP-65: decide on the hearing record; legal review after the hearing -------------------------


def test_LP_65_decision_before_the_requested_hearing_is_held_is_refused(walk):
    case = hearing_scheduled(walk)
    error = refused(walk.head, case, "issue_decision", "LP-65", **decision(D(2025, 7, 18)))
    assert "听证" in error["message"]


def test_LP_65_legal_review_dated_before_the_hearing_ended_is_refused_until_redone(walk):
    # A major case: its review is a 法制审核 from the start (LP-58), and its decision is discussed (LP-57).
    case = hearing_requested(walk, is_major=True)
    legal_review(walk, case, D(2025, 7, 15))
    case = hearing_scheduled(walk, case)
    case = walk.officer.step(case["id"], "record_hearing", **hearing_record(held_on=D(2025, 7, 21)))
    case = walk.head.step(
        case["id"],
        "record_discussion",
        held_on=D(2025, 7, 22),
        attendees="刘洋、张伟、李娜",
        conclusion="根据听证笔录，维持拟作出的处罚。",
    )
    error = refused(walk.head, case, "issue_decision", "LP-65", **decision(D(2025, 7, 22)))
    assert "法制审核" in error["message"]

    legal_review(walk, case, D(2025, 7, 22))
    case = walk.head.step(case["id"], "issue_decision", **decision(D(2025, 7, 23)))
    assert case["status"] == "decided"
