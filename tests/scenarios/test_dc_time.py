"""The conventions for computing time (LEGAL-RULES §2, DC-1 … DC-6), as a user sees them: the due
dates of the deadlines on a case walked through the JSON API, and the steps those dates allow or
refuse. Working days come from the holiday calendar package (`chinese_calendar`), loaded by the
test world for 2024–2026; 2027 is not published there, which is what DC-6 is about.

The 2025–2026 arrangements used here (国务院办公厅 notices): National Day and Mid-Autumn 2025 are
rest from Wed 10-01 to Wed 10-08, with make-up working days Sun 09-28 and Sat 10-11; Spring
Festival 2026 is rest from Sun 02-15 (除夕, a holiday since the 2024 revision of the 放假办法, made
up on Mon 02-23) to Mon 02-23, with make-up working days Sat 02-14 and Sat 02-28.
"""

# Tests are named after the ids of LEGAL-RULES (test_DC_1_…), upper case included.
# ruff: noqa: N802

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.scenarios.api import deadline, document, warned
from tests.scenarios.test_g_payment import served_case, spot_form, spot_world
from tests.scenarios.walk import Walk
from zhifa.core.calendar.loading import load_arrangement

pytestmark = pytest.mark.django_db
D = dt.date
DAY = dt.timedelta(days=1)
COURT = "杭州市西湖区人民法院"


# --- helpers -------------------------------------------------------------------------------------


def reviewed_before(walk: Walk, served: dt.date, **report: Any) -> dict[str, Any]:
    """A case walked to a passed review, on a schedule ending two weeks before `served`."""
    registered = served - 14 * DAY
    case = walk.registered(received_on=registered - DAY, act_date=registered - 10 * DAY, registered_on=registered)
    case = walk.investigated(case, day=registered + DAY)
    return walk.reviewed(walk.reported(case, **report), day=registered + 7 * DAY)


def notified_on(walk: Walk, served: dt.date, **report: Any) -> dict[str, Any]:
    """A 告知书 (with the hearing clause: the fine of 150,000 reaches the default 较大数额) served on `served`."""
    return walk.notified(reviewed_before(walk, served, **report), served=served)


def decision(decided_on: dt.date) -> dict[str, Any]:
    return {
        "outcome": "penalty",
        "kinds": ["fine"],
        "fine": "150000",
        "illegal_gains": "0",
        "correction": "责令立即停止无证排污，限期办理排污许可证",
        "reasons": "当事人的行为违反了《中华人民共和国大气污染防治法》第十九条的规定。",
        "decided_on": decided_on,
        "publish": True,
    }


def due(case: dict[str, Any], rule: str) -> str:
    return deadline(case, rule)["due"]


# --- DC-1: the Penalty Law's 2, 3, 5, 7 days are working days; its other periods are natural days ---


def test_DC_1_notice_served_friday_4_july_hearing_request_due_friday_11_july(walk):
    case = notified_on(walk, D(2025, 7, 4))
    request = deadline(case, "LP-64a")
    assert (request["starts_on"], request["due"], request["period"]) == ("2025-07-04", "2025-07-11", "5个工作日")
    assert request["due"] != "2025-07-09"  # what a natural-day engine would give
    assert due(case, "MP-57") == "2025-07-11"  # the statement period, counted the same way


def test_DC_1_seven_working_days_to_deliver_the_decision(walk):
    case = walk.decided(notified_on(walk, D(2025, 6, 20)), decided_on=D(2025, 7, 1))
    delivery = deadline(case, "LP-61")
    # LEGAL-RULES LP-61: decision Tue 2025-07-01, party absent → deliver by Thu 2025-07-10.
    assert (delivery["due"], delivery["period"]) == ("2025-07-10", "7个工作日")


def test_DC_1_the_fifteen_days_to_pay_are_natural_days(walk):
    case = served_case(walk, D(2025, 7, 1))
    payment = deadline(case, "LP-67b")
    assert (payment["due"], payment["period"]) == ("2025-07-16", "15日")  # not the 15th working day, Tue 07-22


def test_DC_1_the_ninety_days_from_filing_are_natural_days(walk):
    case = walk.registered(registered_on=D(2025, 7, 1))
    limit = deadline(case, "LP-60")
    assert (limit["due"], limit["period"]) == ("2025-09-29", "90日")


# --- DC-2: the Compulsion Law's "十日以内" are working days ------------------------------------------


def test_DC_2_reminder_served_tuesday_1_july_ten_day_wait_ends_tuesday_15_july(walk):
    case = served_case(walk, D(2025, 1, 10))
    case = walk.officer.step(case["id"], "serve_reminder", served_on=D(2025, 7, 1), perform_by=D(2025, 7, 11))
    wait = deadline(case, "LE-54")
    assert (wait["starts_on"], wait["due"], wait["period"]) == ("2025-07-01", "2025-07-15", "10个工作日")
    assert wait["due"] != "2025-07-11"  # natural days

    court = {"court": COURT, "signed_by_head": True}
    error = walk.head.refused(case["id"], "apply_court_enforcement", "LE-54", filed_on=D(2025, 7, 15), **court)
    assert "2025-07-16" in error["message"]  # the conservative reading of "十日后"
    case = walk.head.step(case["id"], "apply_court_enforcement", filed_on=D(2025, 7, 16), **court)
    assert deadline(case, "LE-54")["state"] == "met"


# --- DC-3: the Reconsideration Law's 3, 5, 7, 10 days are working days ------------------------------


def test_DC_3_copy_received_tuesday_1_july_reply_due_tuesday_15_july(walk):
    case = served_case(walk, D(2025, 6, 10))
    case = walk.officer.step(
        case["id"], "record_remedy", kind="reconsideration", filed_on=D(2025, 6, 20), copy_received_on=D(2025, 7, 1)
    )
    assert (due(case, "LR-48"), deadline(case, "LR-48")["period"]) == ("2025-07-15", "10个工作日")


def test_DC_3_ten_working_days_across_the_national_day_holiday(walk):
    case = served_case(walk, D(2025, 9, 1))
    case = walk.officer.step(
        case["id"], "record_remedy", kind="reconsideration", filed_on=D(2025, 9, 15), copy_received_on=D(2025, 9, 26)
    )
    # Fri 09-26: Sun 09-28 (make-up), 09-29, 09-30, then 10-09, 10-10, Sat 10-11 (make-up), 10-13 … 10-16.
    assert due(case, "LR-48") == "2025-10-16"


def test_DC_3_the_sixty_days_to_apply_are_natural_days(walk):
    case = served_case(walk, D(2025, 7, 1))
    assert (due(case, "LR-20"), deadline(case, "LR-20")["period"]) == ("2025-09-01", "60日")


# --- DC-4: the start day is not counted; a last day that is a rest day rolls over --------------------


def test_DC_4_party_learns_tuesday_1_july_sixty_days_end_saturday_and_roll_to_monday_1_september(walk):
    case = served_case(walk, D(2025, 7, 1))
    period = deadline(case, "LR-20")
    assert period["starts_on"] == "2025-07-01"  # the day of service, itself not counted
    assert period["due"] == "2025-09-01"  # nominally Sat 08-30


def test_DC_4_the_day_of_service_is_not_counted(walk):
    case = served_case(walk, D(2025, 7, 1))
    assert due(case, "LP-67b") == "2025-07-16"  # 07-02 is day 1, 07-16 day 15


def test_DC_4_a_period_ending_in_the_national_day_holiday_ends_on_the_first_working_day_after_it(walk):
    case = served_case(walk, D(2025, 9, 16))
    assert due(case, "LP-67b") == "2025-10-09"  # the 15th day is Wed 10-01


def test_DC_4_a_period_ending_on_a_make_up_working_saturday_does_not_roll(walk):
    case = served_case(walk, D(2025, 9, 26))
    assert due(case, "LP-67b") == "2025-10-11"  # Sat 10-11 is a working day (调休)


def test_DC_4_the_agencys_own_deadline_is_watched_on_its_date_without_roll_over(walk):
    case = walk.registered(registered_on=D(2025, 7, 3))
    # LEGAL-RULES §2 design choice (a): the 90th day, Wed 10-01, is a holiday; the agency is alerted on it.
    limit = deadline(case, "LP-60")
    assert (limit["due"], limit["binds_party"]) == ("2025-10-01", False)


def test_DC_4_by_post_the_party_periods_run_from_receipt_not_from_posting(walk):
    case = walk.officer.step(reviewed_before(walk, D(2025, 7, 4))["id"], "issue_notice")
    case = walk.deliver(case, "prior_notice", D(2025, 7, 4), method="post", sent_on=D(2025, 7, 1))
    # Posted Tue 07-01 (travel time is not counted), received Fri 07-04: the DC-1 example.
    assert (deadline(case, "MP-57")["starts_on"], due(case, "MP-57")) == ("2025-07-04", "2025-07-11")
    assert due(case, "LP-64a") == "2025-07-11"


def test_DC_4_a_decision_served_by_public_notice_is_served_thirty_days_after_posting(walk):
    case = walk.decided(notified_on(walk, D(2025, 6, 20)), decided_on=D(2025, 6, 30))
    case = walk.deliver(case, "penalty_decision", D(2025, 7, 1), method="public_notice", sent_on=D(2025, 7, 1))
    assert document(case, "penalty_decision")["deliveries"][-1]["served_on"] == "2025-07-31"  # LEGAL-RULES LP-61
    assert deadline(case, "LR-20")["starts_on"] == "2025-07-31"
    assert due(case, "LR-20") == "2025-09-29"  # 60 days from the deemed service
    assert due(case, "LP-67b") == "2025-08-15"


# --- DC-5: "以上", "以下", "内" include the number ---------------------------------------------------


def test_DC_5_on_the_spot_fine_of_exactly_200_yuan_is_within_article_51(walk, w):
    matter = spot_world(w)
    reply = walk.officer.post("/cases/on-the-spot", **spot_form(w, matter, fine="200", paid_on_the_spot=False))
    assert reply.status == 201, reply.body
    assert reply.body["procedure"] == "summary"


def test_DC_5_on_the_spot_fine_of_200_01_yuan_is_outside_article_51(walk, w):
    matter = spot_world(w)
    reply = walk.officer.post("/cases/on-the-spot", **spot_form(w, matter, fine="200.01", paid_on_the_spot=False))
    assert reply.status == 422, reply.body
    assert reply.rule == "LP-51"
    assert "第五十一条" in reply.body["citation"]


def test_DC_5_within_five_working_days_includes_the_fifth(walk):
    case = notified_on(walk, D(2025, 7, 7))
    on_time = walk.officer.step(case["id"], "request_hearing", requested_on=D(2025, 7, 14))
    assert not warned(on_time, "LP-64a")
    # The fifth working day still belongs to the party: no decision on it.
    other = notified_on(walk, D(2025, 7, 7))
    walk.head.refused(other["id"], "issue_decision", "MP-57", **decision(D(2025, 7, 14)))
    assert walk.head.step(other["id"], "issue_decision", **decision(D(2025, 7, 15)))["status"] == "decided"


# --- DC-6: holidays and make-up working days from the official calendar; no calendar, no answer ------


def test_DC_6_make_up_working_sunday_counts_and_the_holiday_week_does_not(walk):
    case = notified_on(walk, D(2025, 9, 26))
    # Fri 09-26: Sun 09-28 (make-up) 1, 09-29 2, 09-30 3, [10-01 … 10-08 rest], 10-09 4, 10-10 5.
    assert due(case, "MP-57") == "2025-10-10"
    assert due(case, "LP-64a") == "2025-10-10"


def test_DC_6_make_up_working_saturday_counts(walk):
    case = notified_on(walk, D(2025, 9, 29))
    # Mon 09-29: 09-30 1, 10-09 2, 10-10 3, Sat 10-11 (make-up) 4, Mon 10-13 5.
    assert due(case, "MP-57") == "2025-10-13"


def test_DC_6_spring_festival_2026_with_new_years_eve_made_up(walk):
    case = notified_on(walk, D(2026, 2, 13))
    # Fri 02-13: Sat 02-14 (make-up) 1, [02-15 … 02-23 rest, 除夕 on a Sunday made up on Mon 02-23],
    # 02-24 2, 02-25 3, 02-26 4, 02-27 5.
    assert due(case, "MP-57") == "2026-02-27"


def test_DC_6_a_lead_received_in_december_is_recorded_with_a_provisional_filing_date(walk):
    lead = walk.lead(received_on=D(2026, 12, 14))  # Mon; its 15 working days run into 2027
    assert lead["decide_by_provisional"] is True
    listed = walk.officer.get("/leads").body["items"]
    assert [x["decide_by_provisional"] for x in listed if x["id"] == lead["id"]] == [True]
    case = walk.officer.ok(
        f"/leads/{lead['id']}/registration",
        party=walk.w.company.pk,
        matter=walk.w.matter.pk,
        act_date=D(2026, 12, 4),
        act_place="西湖区演示工业园1号",
        facts="当事人未取得排污许可证排放废气",
        handlers=[o.pk for o in walk.w.officers],
    )
    # Registering on 12-15 is within the 15 working days whatever 2027 brings (MP-18 raises no error).
    case = walk.head.step(
        case["id"],
        "approve_registration",
        registered_on=D(2026, 12, 15),
        preliminary_evidence="现场检查发现排气筒正在排放",
    )
    assert case["status"] == "investigating"
    assert not warned(case, "MP-18")


def test_DC_6_a_working_day_deadline_into_an_unpublished_year_is_flagged_provisional_until_loaded(walk):
    case = notified_on(walk, D(2026, 12, 28))  # Mon; five working days run into 2027, not yet published
    period = deadline(case, "MP-57")
    assert period["provisional"] is True  # shown as 待节假日安排确认, never passed off as final

    # An administrator enters the State Council's 2027 notice (here: New Year's Day only).
    load_arrangement(
        2027,
        holidays=[(D(2027, 1, 1), D(2027, 1, 3), "元旦")],
        workdays=[],
        source="国务院办公厅关于2027年部分节假日安排的通知（测试用）",
    )
    period = deadline(walk.officer.case(case["id"]), "MP-57")
    assert (period["due"], period["provisional"]) == ("2027-01-05", False)  # 29, 30, 31, [1 rest], 4, 5


def test_DC_6_a_step_that_needs_working_days_of_an_unloaded_year_is_refused_calendar_missing(walk):
    case = notified_on(walk, D(2026, 12, 28))
    reply = walk.head.post(f"/cases/{case['id']}/issue_decision", **decision(D(2027, 1, 8)))
    assert reply.status == 422, reply.body
    assert (reply.body["code"], reply.rule) == ("calendar_missing", "DC-6")
    assert "2027" in reply.body["message"]
    assert "放假办法" in reply.body["citation"]
    after = walk.head.case(case["id"])  # the case page still shows, and says why
    assert after["status"] == "notified"
    step = next(s for s in after["next_steps"] if s["code"] == "issue_decision")
    assert step["allowed"] is False
    assert any(reason.startswith("DC-6") for reason in step["reasons"]), step
