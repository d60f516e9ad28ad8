"""I. Enforcing decisions (LEGAL-RULES §I): the 催告, court enforcement and direct enforcement.

The court route (serve_reminder, apply_court_enforcement) goes through the JSON API. Direct
enforcement (强制拆除, 代履行, enforcing a money obligation) is the API step `enforce_directly`
(test_LE_43_direct_enforcement_is_a_step_of_the_api); the other scenarios take it through its
action, `execution.enforce_directly`, where its rules (LE-35, LE-39, LE-43, LE-44, LE-46, LE-51) are
checked, and read its refusal in the API's error shape.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tests.factories.cases import World
from tests.scenarios.api import deadline, document, warned
from tests.scenarios.test_g_payment import events, served_case, text, unchanged
from tests.scenarios.walk import Walk
from zhifa.cases.actions import execution
from zhifa.cases.models import Case, Remedy
from zhifa.core.errors import DomainError

pytestmark = pytest.mark.django_db
D = dt.date
COURT = "杭州市西湖区人民法院"
# What a 代履行决定书 states (行政强制法 第五十一条第一款第（一）项) besides the party and the time.
SUBSTITUTE_DECISION = {
    "reasons": "当事人逾期未清除占道堆放的建筑材料，影响交通安全",
    "basis": "《中华人民共和国行政强制法》第五十条",
    "manner": "委托清运单位清除并运至指定消纳场所",
    "target": "西湖区转塘街道演示路1号人行道上的建筑材料",
    "cost_estimate": "3200",
    "performer": "杭州演示环境服务有限公司",
}


def at(day: dt.date, hour: int = 10, minute: int = 0) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def enforce(w: World, case: dict[str, Any], **body: Any) -> dict[str, Any]:
    """Direct enforcement by the head, through its action (no API step); the reply in the API's shape."""
    try:
        execution.enforce_directly(Case.objects.get(pk=case["id"]), by=w.head, expected_version=None, **body)
    except DomainError as error:
        return {"status": error.http_status, **error.as_dict()}
    return {"status": 200}


def refused_directly(walk: Walk, case: dict[str, Any], rule: str, **body: Any) -> dict[str, Any]:
    before = walk.officer.case(case["id"])
    reply = enforce(walk.w, case, **body)
    assert reply["status"] == 422, reply
    assert reply.get("rule") == rule, reply
    assert reply["citation"], reply
    unchanged(walk.officer, before)
    return reply


def findings(reply: dict[str, Any]) -> list[str]:
    """Every rule that refused the step (the reply names the first; `fields` lists them all)."""
    return [line.split("：", 1)[0] for line in reply["fields"].get("__all__", [])]


def enforced(walk: Walk, case: dict[str, Any], **body: Any) -> None:
    reply = enforce(walk.w, case, **body)
    assert reply["status"] == 200, reply
    assert events(walk.officer, case["id"])[-1]["kind"] == "enforced"


def reminded(walk: Walk, case: dict[str, Any], served_on: dt.date, perform_by: dt.date) -> dict[str, Any]:
    return walk.officer.step(case["id"], "serve_reminder", served_on=served_on, perform_by=perform_by)


def apply(walk: Walk, case: dict[str, Any], filed_on: dt.date, *, signed: bool = True) -> Any:
    return walk.head.post(
        f"/cases/{case['id']}/apply_court_enforcement", filed_on=filed_on, court=COURT, signed_by_head=signed
    )


# --- LE-35: the 催告 first, and its period ---------------------------------------------------------


def test_LE_35_court_application_inside_the_reminder_period_is_refused(walk):
    case = served_case(walk, D(2025, 1, 10))
    case = reminded(walk, case, D(2025, 7, 1), D(2025, 7, 11))
    refusal = walk.head.refused(
        case["id"], "apply_court_enforcement", "LE-35", filed_on=D(2025, 7, 11), court=COURT, signed_by_head=True
    )
    assert "2025-07-11" in refusal["message"]  # the last day of the 催告 period is still inside it
    unchanged(walk.officer, case)


def test_LE_35_enforcement_without_a_reminder_is_refused(walk):
    case = served_case(walk, D(2025, 1, 10))
    refusal = walk.head.refused(
        case["id"], "apply_court_enforcement", "LE-35", filed_on=D(2025, 7, 20), court=COURT, signed_by_head=True
    )
    assert "催告书" in refusal["message"]
    reply = refused_directly(walk, case, "LE-35", kind="money", scheduled_at=at(D(2025, 7, 21)))
    assert "催告书" in reply["message"]


def test_LE_35_direct_enforcement_inside_the_reminder_period_needs_concealment_evidence(walk):
    case = served_case(walk, D(2025, 1, 10))
    reminded(walk, case, D(2025, 7, 1), D(2025, 7, 11))
    reply = refused_directly(walk, case, "LE-35", kind="money", scheduled_at=at(D(2025, 7, 8)))
    assert "2025-07-11" in reply["message"]
    enforced(
        walk,
        case,
        kind="money",
        scheduled_at=at(D(2025, 7, 8)),
        concealment_evidence="当事人正在转移生产设备，有现场照片为证",
    )


def test_LE_35_reminder_states_the_time_limit_manner_amount_and_the_right_to_be_heard(walk):
    case = served_case(walk, D(2025, 1, 10))
    same_day = walk.officer.post(
        f"/cases/{case['id']}/serve_reminder", served_on=D(2025, 7, 1), perform_by=D(2025, 7, 1)
    )
    assert same_day.status == 422
    assert "perform_by" in same_day.body["fields"]

    case = reminded(walk, case, D(2025, 7, 1), D(2025, 7, 11))
    reminder = text(walk.officer, case, "enforcement_reminder")
    assert "履行期限：自收到本催告书之日起10日内" in reminder
    assert "履行方式" in reminder
    assert "罚款人民币壹拾伍万元整" in reminder
    assert "有权进行陈述和申辩" in reminder
    assert document(case, "enforcement_reminder")["number"]


# --- LE-39: three years of suspension --------------------------------------------------------------


def test_LE_39_three_years_of_suspended_enforcement_raise_the_may_close_alert(walk):
    case = served_case(walk, D(2025, 1, 10))
    reply = walk.head.post(
        f"/cases/{case['id']}/suspend_enforcement", ground="当事人确无履行能力", started_on="2025-07-01"
    )
    assert reply.status == 200, reply.body
    assert deadline(walk.officer.case(case["id"]), "LE-39")["due"] == "2028-07-01"


def test_LE_39_no_enforcement_while_suspended_until_enforcement_resumes(walk):
    case = served_case(walk, D(2025, 1, 10))
    reminded(walk, case, D(2025, 6, 3), D(2025, 6, 13))
    walk.head.step(case["id"], "suspend_enforcement", ground="第三人对执行标的主张权利", started_on=D(2025, 7, 1))
    refusal = walk.head.refused(
        case["id"], "apply_court_enforcement", "LE-39", filed_on=D(2025, 7, 16), court=COURT, signed_by_head=True
    )
    assert "2025-07-01" in refusal["message"]
    refused_directly(walk, case, "LE-39", kind="money", scheduled_at=at(D(2025, 7, 16)))

    case = walk.head.step(case["id"], "resume_enforcement", resumed_on=D(2025, 7, 20))
    watch = deadline(case, "LE-39")
    assert (watch["state"], watch["met_on"]) == ("met", "2025-07-20")
    assert apply(walk, case, D(2025, 7, 21)).status == 200


# --- LE-43: no night, no holidays, no utility cut-off -----------------------------------------------


def test_LE_43_enforcement_on_a_statutory_holiday_is_refused(walk):
    case = served_case(walk, D(2025, 1, 10))
    reminded(walk, case, D(2025, 7, 1), D(2025, 7, 11))
    reply = refused_directly(walk, case, "LE-43", kind="money", scheduled_at=at(D(2025, 10, 2)))  # National Day
    assert "法定节假日" in reply["message"]


def test_LE_43_an_ordinary_weekend_is_not_a_statutory_holiday(walk):
    case = served_case(walk, D(2025, 1, 10))
    reminded(walk, case, D(2025, 7, 1), D(2025, 7, 11))
    refused_directly(walk, case, "LE-43", kind="money", scheduled_at=at(D(2025, 10, 4)))  # Saturday of National Day
    enforced(walk, case, kind="money", scheduled_at=at(D(2025, 7, 19)))  # an ordinary Saturday, by day


def test_LE_43_enforcement_at_night_is_refused(walk):
    case = served_case(walk, D(2025, 1, 10))
    reminded(walk, case, D(2025, 7, 1), D(2025, 7, 11))
    refused_directly(walk, case, "LE-43", kind="money", scheduled_at=at(D(2025, 7, 15), 22, 30))
    refused_directly(walk, case, "LE-43", kind="money", scheduled_at=at(D(2025, 7, 16), 5, 30))
    enforced(walk, case, kind="money", scheduled_at=at(D(2025, 7, 16), 9))


def test_LE_43_the_night_hours_are_configuration(walk, settings):
    settings.ZHIFA_ENFORCEMENT_NIGHT = (20, 7)
    case = served_case(walk, D(2025, 1, 10))
    reminded(walk, case, D(2025, 7, 1), D(2025, 7, 11))
    refused_directly(walk, case, "LE-43", kind="money", scheduled_at=at(D(2025, 7, 15), 20, 30))
    refused_directly(walk, case, "LE-43", kind="money", scheduled_at=at(D(2025, 7, 16), 6, 30))
    enforced(walk, case, kind="money", scheduled_at=at(D(2025, 7, 16), 7))


def test_LE_43_an_emergency_reason_allows_holiday_enforcement(walk):
    case = served_case(walk, D(2025, 1, 10))
    reminded(walk, case, D(2025, 7, 1), D(2025, 7, 11))
    enforced(walk, case, kind="money", scheduled_at=at(D(2025, 10, 2)), emergency_reason="当事人正在转移财产，情况紧急")


def test_LE_43_cutting_off_utilities_is_refused(walk):
    case = served_case(walk, D(2025, 1, 10))
    reminded(walk, case, D(2025, 7, 1), D(2025, 7, 11))
    reply = refused_directly(walk, case, "LE-43", kind="money", scheduled_at=at(D(2025, 7, 16)), cut_utilities=True)
    assert "停止供水" in reply["message"]


def test_LE_43_direct_enforcement_is_a_step_of_the_api(walk):
    case = served_case(walk, D(2025, 1, 10))
    reminded(walk, case, D(2025, 7, 1), D(2025, 7, 11))
    reply = walk.head.post(
        f"/cases/{case['id']}/enforce_directly", kind="money", scheduled_at="2025-10-02T10:00:00+08:00"
    )
    assert reply.status == 422, reply.body
    assert reply.rule == "LE-43"


# --- LE-44: forced demolition ---------------------------------------------------------------------


def test_LE_44_demolition_before_the_remedy_periods_expire_is_refused(walk):
    case = served_case(walk, D(2025, 1, 10))
    reminded(walk, case, D(2025, 4, 1), D(2025, 4, 11))
    announced = D(2025, 3, 20)
    reply = refused_directly(
        walk, case, "LE-44", kind="demolition", scheduled_at=at(D(2025, 5, 6)), announced_on=announced
    )
    assert "行政诉讼" in reply["message"]
    # LEGAL-RULES' own date, Thu 2025-05-01, is also 劳动节: LE-43 refuses first, LE-44 refuses too.
    reply = refused_directly(
        walk, case, "LE-43", kind="demolition", scheduled_at=at(D(2025, 5, 1)), announced_on=announced
    )
    assert "LE-44" in findings(reply)


def test_LE_44_demolition_after_both_remedy_periods_is_allowed(walk):
    case = served_case(walk, D(2025, 1, 10))
    reminded(walk, case, D(2025, 4, 1), D(2025, 4, 11))
    announced = D(2025, 3, 20)
    # Served 2025-01-10: 60 days end 03-11, six months end 07-10 → possible only after 2025-07-10.
    refused_directly(walk, case, "LE-44", kind="demolition", scheduled_at=at(D(2025, 7, 10)), announced_on=announced)
    enforced(walk, case, kind="demolition", scheduled_at=at(D(2025, 7, 11)), announced_on=announced)


def test_LE_44_demolition_without_a_public_announcement_is_refused(walk):
    case = served_case(walk, D(2025, 1, 10))
    reminded(walk, case, D(2025, 4, 1), D(2025, 4, 11))
    reply = refused_directly(walk, case, "LE-44", kind="demolition", scheduled_at=at(D(2025, 7, 14)))
    assert "公告" in reply["message"]


def test_LE_44_demolition_while_a_suit_is_pending_is_refused(walk):
    case = served_case(walk, D(2025, 1, 10))
    reminded(walk, case, D(2025, 4, 1), D(2025, 4, 11))
    walk.officer.step(case["id"], "record_remedy", kind="litigation", filed_on=D(2025, 6, 30))
    refused_directly(
        walk, case, "LE-44", kind="demolition", scheduled_at=at(D(2025, 7, 14)), announced_on=D(2025, 3, 20)
    )


# --- LE-46: a money obligation after more than 30 days of surcharge ---------------------------------


def test_LE_46_money_enforcement_within_thirty_days_of_surcharge_is_refused(walk):
    case = served_case(walk, D(2025, 7, 1))  # payment due Wed 07-16, surcharge from 07-17
    reminded(walk, case, D(2025, 7, 18), D(2025, 7, 28))
    reply = refused_directly(walk, case, "LE-46", kind="money", scheduled_at=at(D(2025, 8, 15)))  # day 30
    assert "三十日" in reply["message"]


def test_LE_46_money_enforcement_after_thirty_days_of_surcharge_is_allowed(walk):
    case = served_case(walk, D(2025, 7, 1))
    reminded(walk, case, D(2025, 7, 18), D(2025, 7, 28))
    # LEGAL-RULES: available from 2025-08-16, day 31 — a Saturday, which is not a statutory holiday (LE-43).
    enforced(walk, case, kind="money", scheduled_at=at(D(2025, 8, 16)))


def test_LE_46_day_thirty_one_of_the_surcharge_is_tracked_as_a_deadline(walk):
    case = served_case(walk, D(2025, 7, 1))
    case = reminded(walk, case, D(2025, 7, 18), D(2025, 7, 28))
    assert deadline(case, "LE-46")["due"] == "2025-08-16"


def test_LE_46_days_paused_by_a_pending_reconsideration_do_not_count(walk):
    case = served_case(walk, D(2025, 7, 1))
    walk.officer.step(case["id"], "record_remedy", kind="reconsideration", filed_on=D(2025, 7, 20))
    reminded(walk, case, D(2025, 7, 21), D(2025, 7, 31))
    refused_directly(walk, case, "LE-46", kind="money", scheduled_at=at(D(2025, 8, 25)))
    assert not [d for d in walk.officer.case(case["id"])["deadlines"] if d["rule"] == "LE-46"]  # no day 31 yet


def test_LE_46_day_thirty_one_moves_by_the_days_a_reconsideration_was_pending(walk):
    case = served_case(walk, D(2025, 7, 1))  # payment due 07-16
    reminded(walk, case, D(2025, 7, 18), D(2025, 7, 28))
    walk.officer.step(case["id"], "record_remedy", kind="reconsideration", filed_on=D(2025, 7, 26))
    # The reconsideration body's decision has no API step: recorded through its action.
    remedy = Remedy.objects.get(case_id=case["id"])
    execution.conclude_remedy(remedy, by=walk.w.users[0], concluded_on=D(2025, 9, 30), upheld=True, result="维持")
    # 10 days of surcharge before the filing (07-17…07-26), 21 more from 10-01: day 31 is 10-21.
    assert deadline(walk.officer.case(case["id"]), "LE-46")["due"] == "2025-10-21"
    refused_directly(walk, case, "LE-46", kind="money", scheduled_at=at(D(2025, 10, 20)))
    enforced(walk, case, kind="money", scheduled_at=at(D(2025, 10, 21)))
    assert deadline(walk.officer.case(case["id"]), "LE-46")["state"] == "met"


# --- LE-51: 代履行 ----------------------------------------------------------------------------------


def test_LE_51_reminder_later_than_three_working_days_before_substitute_performance_is_refused(walk):
    case = served_case(walk, D(2025, 7, 1))
    reminded(walk, case, D(2025, 7, 4), D(2025, 7, 7))
    reply = refused_directly(
        walk, case, "LE-51", kind="substitute", scheduled_at=at(D(2025, 7, 8)), **SUBSTITUTE_DECISION
    )
    assert "2025-07-03" in reply["message"]  # 代履行 Tue 07-08 → 催告 no later than Thu 07-03


def test_LE_51_reminder_three_working_days_before_substitute_performance_is_enough(walk):
    case = served_case(walk, D(2025, 7, 1))
    reminded(walk, case, D(2025, 7, 3), D(2025, 7, 7))
    enforced(walk, case, kind="substitute", scheduled_at=at(D(2025, 7, 8)), **SUBSTITUTE_DECISION)


def test_LE_51_substitute_performance_without_cost_estimate_and_performer_is_refused(walk):
    case = served_case(walk, D(2025, 7, 1))
    reminded(walk, case, D(2025, 7, 3), D(2025, 7, 7))
    reply = refused_directly(walk, case, "LE-51", kind="substitute", scheduled_at=at(D(2025, 7, 8)))
    assert "费用预算" in reply["message"]
    assert "代履行人" in reply["message"]


# --- LE-53: three months after the litigation period ----------------------------------------------


def test_LE_53_court_application_before_the_litigation_period_ends_is_refused(walk):
    case = served_case(walk, D(2025, 1, 10))
    case = reminded(walk, case, D(2025, 6, 3), D(2025, 6, 13))
    refusal = walk.head.refused(
        case["id"], "apply_court_enforcement", "LE-53", filed_on=D(2025, 7, 10), court=COURT, signed_by_head=True
    )
    assert "2025-07-11" in refusal["message"]  # served 01-10: the litigation period ends 07-10
    unchanged(walk.officer, case)


def test_LE_53_court_application_on_the_last_day_of_the_window_is_accepted_without_warning(walk):
    case = served_case(walk, D(2025, 1, 10))
    reminded(walk, case, D(2025, 6, 3), D(2025, 6, 13))
    reply = apply(walk, case, D(2025, 10, 10))  # LEGAL-RULES: apply by 2025-10-10
    assert reply.status == 200, reply.body
    assert not warned(reply.body, "LE-53")
    assert document(reply.body, "court_enforcement_application")["number"]


def test_LE_53_late_court_application_is_saved_with_a_warning(walk):
    case = served_case(walk, D(2025, 1, 10))
    reminded(walk, case, D(2025, 6, 3), D(2025, 6, 13))
    reply = apply(walk, case, D(2025, 10, 13))
    assert reply.status == 200, reply.body
    assert warned(reply.body, "LE-53")
    warning = next(w for w in reply.body["warnings"] if w["rule"] == "LE-53")
    assert "2025-10-10" in warning["message"]
    assert warning["citation"]


def test_LE_53_court_application_while_a_suit_is_pending_is_refused(walk):
    case = served_case(walk, D(2025, 1, 10))
    walk.officer.step(case["id"], "record_remedy", kind="litigation", filed_on=D(2025, 6, 20))
    case = reminded(walk, case, D(2025, 6, 3), D(2025, 6, 13))
    refusal = walk.head.refused(
        case["id"], "apply_court_enforcement", "LE-53", filed_on=D(2025, 7, 20), court=COURT, signed_by_head=True
    )
    assert "尚未终结" in refusal["message"]


def test_LE_53_a_second_court_application_is_refused_not_a_server_error(walk):
    case = served_case(walk, D(2025, 1, 10))
    reminded(walk, case, D(2025, 6, 3), D(2025, 6, 13))
    assert apply(walk, case, D(2025, 7, 16)).status == 200
    second = walk.head.post(
        f"/cases/{case['id']}/apply_court_enforcement", filed_on="2025-07-20", court=COURT, signed_by_head=True
    )
    assert second.status in {409, 422}, second.body


# --- LE-54: ten working days after the 催告书, and the head's signature -------------------------------


def test_LE_54_court_application_within_ten_working_days_of_the_reminder_is_refused(walk):
    case = served_case(walk, D(2025, 1, 10))
    case = reminded(walk, case, D(2025, 7, 1), D(2025, 7, 11))
    wait = deadline(case, "LE-54")
    assert (wait["starts_on"], wait["due"], wait["period"]) == ("2025-07-01", "2025-07-15", "10个工作日")
    refusal = walk.head.refused(
        case["id"], "apply_court_enforcement", "LE-54", filed_on=D(2025, 7, 15), court=COURT, signed_by_head=True
    )
    assert "2025-07-16" in refusal["message"]
    unchanged(walk.officer, case)


def test_LE_54_court_application_the_day_after_the_tenth_working_day_is_accepted(walk):
    case = served_case(walk, D(2025, 1, 10))
    reminded(walk, case, D(2025, 7, 1), D(2025, 7, 11))
    reply = apply(walk, case, D(2025, 7, 16))
    assert reply.status == 200, reply.body
    wait = deadline(reply.body, "LE-54")
    assert (wait["state"], wait["met_on"]) == ("met", "2025-07-16")


def test_LE_54_application_not_signed_by_the_head_is_refused(walk):
    case = served_case(walk, D(2025, 1, 10))
    case = reminded(walk, case, D(2025, 7, 1), D(2025, 7, 11))
    refusal = walk.head.refused(
        case["id"], "apply_court_enforcement", "LE-54", filed_on=D(2025, 7, 16), court=COURT, signed_by_head=False
    )
    assert "负责人签名" in refusal["message"]
