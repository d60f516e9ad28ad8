"""The working-day calendar and period arithmetic, against the date examples of LEGAL-RULES §2 and §3.

Each test is named after the rule whose example it proves. Dates are the real 2025/2026
arrangements, loaded from the `chinese_calendar` package inside each test.
"""

# Tests are named after the rule ids of LEGAL-RULES (test_DC_1_…, test_LP_64b_…), upper case included.
# ruff: noqa: N802

from __future__ import annotations

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from tests.factories.orgs import UserFactory
from zhifa.core.audit.chain import verify
from zhifa.core.calendar import Calendar, CalendarMissing, Period, add_hours, add_months, add_years, excluded_days
from zhifa.core.calendar.loading import load_arrangement, load_from_package, package_years
from zhifa.core.errors import InvalidInput, PermissionDenied
from zhifa.core.models import AuditEntry, CalendarDay, CalendarYear

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")
TUE = date(2025, 7, 1)  # the start day of most examples: Tuesday 1 July 2025


@pytest.fixture
def cal() -> Calendar:
    load_from_package([2025, 2026])
    return Calendar.from_db()


# -- §2 conventions ---------------------------------------------------------------------------------


def test_DC_1_penalty_law_five_days_are_working_days(cal):
    served = date(2025, 7, 4)  # Friday
    assert Period(5, "WD", article="处罚法第六十四条").due(served, cal) == date(2025, 7, 11)
    assert cal.add_days(served, 5, roll_over=False) == date(2025, 7, 9)  # the wrong, natural-day answer


def test_DC_2_compulsion_law_ten_days_are_working_days(cal):
    assert cal.add_working_days(TUE, 10) == date(2025, 7, 15)
    assert cal.add_days(TUE, 10, roll_over=False) == date(2025, 7, 11)


def test_DC_3_reconsideration_reply_in_ten_working_days(cal):
    assert Period(10, "WD", article="复议法第四十八条").due(TUE, cal) == date(2025, 7, 15)


def test_DC_4_start_day_not_counted_and_last_day_rolls_to_a_working_day(cal):
    assert cal.add_days(TUE, 60, roll_over=False) == date(2025, 8, 30)  # Saturday
    assert cal.add_days(TUE, 60, roll_over=True) == date(2025, 9, 1)  # Monday
    assert cal.add_working_days(TUE, 0) == TUE


def test_DC_6_a_year_not_loaded_is_an_error_never_weekends_only(cal):
    with pytest.raises(CalendarMissing) as caught:
        cal.add_working_days(date(2027, 3, 1), 5)
    assert "2027" in caught.value.message
    assert caught.value.year == 2027
    assert caught.value.rule == "DC-6"
    assert caught.value.as_dict()["code"] == "calendar_missing"
    # A period that runs into the missing year fails too, at the first day it needs.
    with pytest.raises(CalendarMissing, match="2027 年的法定节假日安排尚未载入"):
        cal.add_working_days(date(2026, 12, 28), 10)
    # Natural days without roll-over need no calendar; with roll-over they do.
    assert cal.add_days(date(2026, 12, 1), 60, roll_over=False) == date(2027, 1, 30)
    with pytest.raises(CalendarMissing):
        cal.add_days(date(2026, 12, 1), 60, roll_over=True)


def test_DC_6_a_period_running_into_a_missing_year_has_not_ended_before_that_year(cal):
    # Lead received Mon 2026-12-14: its 15 working days end in 2027, which is not loaded.
    assert cal.after_working_days(date(2026, 12, 14), 15, date(2026, 12, 31)) is False
    assert cal.after_working_days(date(2026, 12, 1), 5, date(2026, 12, 9)) is True  # Mon 12-08 was the 5th
    assert cal.after_working_days(date(2026, 12, 1), 5, date(2026, 12, 8)) is False
    with pytest.raises(CalendarMissing):  # a day inside the missing year cannot be answered
        cal.after_working_days(date(2026, 12, 14), 15, date(2027, 1, 8))


def test_DC_6_an_incomplete_year_is_missing(cal):
    CalendarYear.objects.filter(year=2026).update(complete=False)
    with pytest.raises(CalendarMissing, match="2026"):
        Calendar.from_db().is_workday(date(2026, 3, 2))


# -- §3 rules ---------------------------------------------------------------------------------------


def test_MP_18_lead_check_in_15_working_days_plus_15(cal):
    due = Period(15, "WD", article="市监程序第十八条").due(TUE, cal)
    assert due == date(2025, 7, 22)
    assert cal.add_working_days(due, 15) == date(2025, 8, 12)


def test_LP_56_preservation_decision_in_7_working_days(cal):
    assert cal.add_working_days(TUE, 7) == date(2025, 7, 10)


def test_MP_57_statement_period_of_5_working_days(cal):
    due = cal.add_working_days(date(2025, 7, 7), 5)
    assert due == date(2025, 7, 14)
    assert date(2025, 7, 11) <= due < date(2025, 7, 15)  # 07-11 inside the period, 07-15 after it


def test_LP_60_decision_within_90_days_of_filing(cal):
    period = Period(90, "d", article="处罚法第六十条")
    due = period.due(TUE, cal)
    assert due == date(2025, 9, 29)
    assert cal.add_days(due, 30, roll_over=False) == date(2025, 10, 29)  # 市监 extension
    assert date(2025, 10, 1) > due  # decided on 10-01 without extension: overdue


def test_MP_46_suspension_moves_the_90_day_due_date(cal):
    period = Period(90, "d", article="处罚法第六十条；市监程序第六十四条")
    paused = period.excluded(date(2025, 8, 1), date(2025, 8, 21), cal)
    assert paused == excluded_days(date(2025, 8, 1), date(2025, 8, 21)) == 20
    assert excluded_days(date(2025, 8, 1), date(2025, 8, 21), inclusive=True) == 21  # the UNVERIFIED reading
    assert period.due(TUE, cal, paused_days=paused) == date(2025, 10, 19)
    assert cal.shift(date(2025, 9, 29), paused, roll_over=False) == date(2025, 10, 19)


def test_MP_18_testing_time_is_excluded_in_working_days(cal):
    period = Period(15, "WD", article="市监程序第十八条")
    # Testing from Fri 07-04 to Fri 07-11 takes five working days (07-07 … 07-11) off the clock.
    paused = period.excluded(date(2025, 7, 4), date(2025, 7, 11), cal)
    assert paused == 5
    assert period.due(TUE, cal, paused_days=paused) == date(2025, 7, 29)


def test_LP_61_delivery_in_7_working_days_and_public_notice_after_30_days(cal):
    assert cal.add_working_days(TUE, 7) == date(2025, 7, 10)
    assert cal.add_days(TUE, 30, roll_over=False) == date(2025, 7, 31)


def test_LP_64a_hearing_request_within_5_working_days(cal):
    due = cal.add_working_days(date(2025, 7, 7), 5)
    assert date(2025, 7, 14) <= due  # timely
    assert date(2025, 7, 15) > due  # late


def test_LP_64b_hearing_notice_at_least_7_working_days_before(cal):
    hearing = date(2025, 7, 21)
    latest = cal.subtract_working_days(hearing, 7)
    assert latest == date(2025, 7, 10)
    assert cal.add_working_days(latest, 7) == hearing
    assert date(2025, 7, 14) > latest  # served Mon 07-14: too late


def test_LP_67b_payment_within_15_days_of_delivery(cal):
    assert Period(15, "d", roll_over=True, article="处罚法第六十七条").due(TUE, cal) == date(2025, 7, 16)


def test_LP_71_collected_fines_handed_over_in_2_plus_2_working_days(cal):
    to_agency = cal.add_working_days(TUE, 2)
    assert to_agency == date(2025, 7, 3)
    assert cal.add_working_days(to_agency, 2) == date(2025, 7, 7)


def test_MP_70_GO_118_MD_9_publication_and_archiving_in_working_days(cal):
    assert cal.add_working_days(TUE, 7) == date(2025, 7, 10)
    assert cal.add_working_days(TUE, 20) == date(2025, 7, 29)
    assert cal.add_working_days(TUE, 10) == date(2025, 7, 15)


def test_LP_48b_withdraw_publication_within_3_working_days(cal):
    assert cal.add_working_days(date(2025, 7, 7), 3) == date(2025, 7, 10)


def test_LR_23_forward_the_application_within_5_working_days(cal):
    assert cal.add_working_days(TUE, 5) == date(2025, 7, 8)


def test_LE_19_emergency_measure_approved_within_24_hours():
    seized = datetime(2025, 7, 1, 20, 0, tzinfo=SHANGHAI)
    assert Period(24, "h", article="强制法第十九条").due_at(seized) == datetime(2025, 7, 2, 20, 0, tzinfo=SHANGHAI)


def test_LE_25_sealing_30_days_plus_one_extension_of_30(cal):
    ends = cal.add_days(TUE, 30, roll_over=False)
    assert ends == date(2025, 7, 31)
    extended = cal.add_days(ends, 30, roll_over=False)
    assert extended == date(2025, 8, 30)  # a Saturday: the agency's own limit does not roll over
    assert cal.add_days(ends, 30, roll_over=True) == date(2025, 9, 1)


def test_LE_29_freezing_decision_in_3_working_days_and_handling_in_30_days(cal):
    assert cal.add_working_days(TUE, 3) == date(2025, 7, 4)
    assert cal.add_days(TUE, 30, roll_over=False) == date(2025, 7, 31)


def test_LE_43_national_day_is_a_rest_day(cal):
    assert not cal.is_workday(date(2025, 10, 2))


def test_LE_44_demolition_only_after_both_remedy_periods(cal):
    served = date(2025, 1, 10)
    reconsideration = cal.add_days(served, 60, roll_over=True)
    litigation = cal.add_months(served, 6, roll_over=True)
    assert max(reconsideration, litigation) == date(2025, 7, 10)


def test_LE_46_enforcement_after_more_than_30_days_of_surcharge(cal):
    assert cal.add_days(date(2025, 7, 17), 30, roll_over=False) == date(2025, 8, 16)


def test_LE_51_substitute_performance_warned_3_working_days_before(cal):
    assert cal.subtract_working_days(date(2025, 7, 8), 3) == date(2025, 7, 3)


def test_LE_53_court_application_within_3_months_of_the_litigation_period(cal):
    litigation_ends = cal.add_months(date(2025, 1, 10), 6, roll_over=True)
    assert litigation_ends == date(2025, 7, 10)
    assert Period(3, "m", article="强制法第五十三条").due(litigation_ends, cal) == date(2025, 10, 10)


def test_LE_54_court_application_after_10_working_days_from_the_notice(cal):
    tenth = cal.add_working_days(TUE, 10)
    assert tenth == date(2025, 7, 15)
    assert cal.add_days(tenth, 1, roll_over=True) == date(2025, 7, 16)  # earliest filing


def test_LE_39_three_full_years_of_suspension():
    assert add_years(date(2022, 7, 1), 3) == date(2025, 7, 1)


def test_LR_20_reconsideration_within_60_days_rolls_over(cal):
    assert Period(60, "d", roll_over=True, article="复议法第二十条").due(TUE, cal) == date(2025, 9, 1)


def test_LR_48_reply_in_10_or_5_working_days(cal):
    assert cal.add_working_days(TUE, 10) == date(2025, 7, 15)
    assert cal.add_working_days(TUE, 5) == date(2025, 7, 8)


def test_LR_62_reconsideration_decision_in_60_days_plus_30(cal):
    due = Period(60, "d", article="复议法第六十二条").due(TUE, cal)
    assert due == date(2025, 8, 30)
    assert cal.add_days(due, 30, roll_over=False) == date(2025, 9, 29)


def test_LL_46_direct_suit_within_6_months(cal):
    assert Period(6, "m", roll_over=True, article="行诉法第四十六条").due(date(2025, 1, 10), cal) == date(2025, 7, 10)


def test_SI_64_one_year_bar_when_the_litigation_period_was_not_told(cal):
    assert cal.add_years(date(2025, 1, 10), 1, roll_over=False) == date(2026, 1, 10)
    assert cal.add_years(date(2025, 1, 10), 1, roll_over=True) == date(2026, 1, 12)  # 01-10 is a Saturday


def test_MD_13_and_LP_36_years_without_a_loaded_calendar():
    assert add_years(date(2025, 7, 29), 3) == date(2028, 7, 29)
    assert add_years(date(2023, 3, 10), 2) == date(2025, 3, 10)
    assert add_years(date(2023, 3, 10), 5) == date(2028, 3, 10)


def test_TR_5_head_decides_in_3_days_then_transfer_in_24_hours(cal):
    assert cal.add_days(TUE, 3, roll_over=False) == date(2025, 7, 4)
    approved = datetime(2025, 7, 4, 10, 0, tzinfo=SHANGHAI)
    assert add_hours(approved, 24) == datetime(2025, 7, 5, 10, 0, tzinfo=SHANGHAI)


def test_TR_12_reconsideration_request_within_3_days(cal):
    assert cal.add_days(date(2025, 7, 10), 3, roll_over=False) == date(2025, 7, 13)


# -- the calendar itself ----------------------------------------------------------------------------


def test_adjusted_weekend_workdays_count(cal):
    assert cal.is_workday(date(2025, 9, 28))  # Sunday before National Day, 调休上班
    assert cal.add_working_days(date(2025, 9, 26), 1) == date(2025, 9, 28)
    assert cal.is_workday(date(2026, 1, 4))  # Sunday after New Year 2026
    assert cal.add_working_days(date(2025, 12, 31), 1) == date(2026, 1, 4)  # across the year and the holiday


def test_a_holiday_spanning_weekends(cal):
    # National Day + Mid-autumn 2025: Wed 10-01 to Wed 10-08, Saturday 10-11 worked.
    assert cal.add_working_days(date(2025, 9, 30), 1) == date(2025, 10, 9)
    assert cal.add_working_days(date(2025, 9, 30), 3) == date(2025, 10, 11)
    assert cal.add_days(date(2025, 9, 1), 30, roll_over=True) == date(2025, 10, 9)
    assert cal.subtract_working_days(date(2025, 10, 9), 1) == date(2025, 9, 30)
    # Spring Festival 2026: nine rest days from Sunday 02-15 to Monday 02-23; Saturday 02-14 worked.
    assert cal.add_working_days(date(2026, 2, 13), 1) == date(2026, 2, 14)
    assert cal.add_working_days(date(2026, 2, 14), 1) == date(2026, 2, 24)
    assert cal.working_days_between(date(2026, 2, 13), date(2026, 2, 24)) == 2


def test_months_end_on_the_corresponding_day_or_the_month_end():
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 8, 31), 6) == date(2025, 2, 28)
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)
    assert add_months(date(2025, 3, 31), -1) == date(2025, 2, 28)
    assert add_years(date(2024, 2, 29), 1) == date(2025, 2, 28)


def test_hours_need_an_aware_datetime_and_may_skip_the_start_hour():
    with pytest.raises(ValueError, match="timezone-aware"):
        add_hours(datetime(2025, 7, 1, 20, 0), 24)  # noqa: DTZ001 - the naive value is the point
    start = datetime(2025, 7, 1, 20, 15, tzinfo=SHANGHAI)
    assert add_hours(start, 24) == datetime(2025, 7, 2, 20, 15, tzinfo=SHANGHAI)
    assert add_hours(start, 24, from_next_hour=True) == datetime(2025, 7, 2, 21, 0, tzinfo=SHANGHAI)


def test_period_value_object():
    assert str(Period(15, "WD")) == "15个工作日"
    assert str(Period(90, "d")) == "90日"
    assert str(Period(6, "m")) == "6个月"
    assert str(Period(24, "h")) == "24小时"
    with pytest.raises(ValueError, match="unknown period unit"):
        Period(1, "w")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="due_at"):
        Period(24, "h").due(TUE, Calendar.from_rest_days({}))
    with pytest.raises(ValueError, match="hour period"):
        Period(1, "d").due_at(datetime(2025, 7, 1, tzinfo=SHANGHAI))


def test_the_calendar_reads_each_year_once(cal, django_assert_num_queries):
    fresh = Calendar.from_db()
    with django_assert_num_queries(2):
        fresh.add_working_days(TUE, 20)
        fresh.add_days(TUE, 60, roll_over=True)
    with django_assert_num_queries(0):
        fresh.add_working_days(TUE, 30)


# -- loading ----------------------------------------------------------------------------------------


def test_loading_from_the_package_is_idempotent_with_one_audit_entry_per_year():
    before = AuditEntry.objects.count()
    assert load_from_package([2025]) == [2025]
    assert load_from_package([2025]) == []
    assert CalendarDay.objects.filter(date__year=2025).count() == 365
    assert AuditEntry.objects.count() == before + 1
    row = CalendarYear.objects.get(year=2025)
    assert row.complete
    assert "chinesecalendar" in row.source
    holiday = CalendarDay.objects.get(date=date(2025, 10, 6))
    assert (holiday.is_workday, holiday.holiday_name) == (False, "中秋")
    weekend = CalendarDay.objects.get(date=date(2025, 7, 5))
    assert (weekend.is_workday, weekend.holiday_name) == (False, "")


def test_the_audit_entry_of_a_loaded_year():
    load_from_package([2025])
    entry = AuditEntry.objects.filter(action="core.calendar.loaded").latest("seq")
    assert entry.object_type == "core.calendaryear"
    assert entry.object_repr == "2025 年"
    assert entry.actor_name == "system"
    assert entry.changes["old"] == {}
    new = entry.changes["new"]
    assert new["adjusted_workdays"] == ["2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11"]
    assert ["2025-10-06", "中秋"] in new["holidays"]
    assert new["rest_days"] == 117
    assert verify().ok


def test_package_years_and_a_year_the_package_lacks():
    years = package_years()
    assert {2025, 2026} <= set(years)
    assert years == list(range(years[0], years[-1] + 1))
    with pytest.raises(InvalidInput, match="2099"):
        load_from_package([2099])


def test_load_arrangement_for_a_year_the_package_does_not_have():
    changed = load_arrangement(
        2031,
        holidays=[
            (date(2031, 1, 1), date(2031, 1, 1), "元旦"),
            (date(2031, 1, 22), date(2031, 1, 29), "春节"),  # Wed to Wed, over a weekend
        ],
        workdays=[date(2031, 1, 19), date(2031, 2, 8)],  # Sunday and Saturday worked
        source="国务院办公厅关于2031年部分节假日安排的通知（测试）",
    )
    assert changed
    cal = Calendar.from_db()
    assert not cal.is_workday(date(2031, 1, 1))
    assert cal.is_workday(date(2031, 1, 19))
    assert not cal.is_workday(date(2031, 1, 25))  # Saturday inside the holiday
    assert not cal.is_workday(date(2031, 3, 1))  # an ordinary Saturday
    assert cal.add_working_days(date(2031, 1, 21), 1) == date(2031, 1, 30)
    assert CalendarDay.objects.get(date=date(2031, 1, 25)).holiday_name == "春节"
    entry = AuditEntry.objects.filter(action="core.calendar.loaded").latest("seq")
    assert entry.object_repr == "2031 年"
    assert entry.changes["new"]["adjusted_workdays"] == ["2031-01-19", "2031-02-08"]
    assert not load_arrangement(
        2031,
        holidays=[(date(2031, 1, 1), date(2031, 1, 1), "元旦"), (date(2031, 1, 22), date(2031, 1, 29), "春节")],
        workdays=[date(2031, 1, 19), date(2031, 2, 8)],
        source="再次录入",
    )
    assert CalendarYear.objects.get(year=2031).source.startswith("国务院办公厅")


def test_load_arrangement_overrides_a_year_with_old_and_new_in_the_audit():
    load_from_package([2025])
    load_arrangement(
        2025,
        holidays=[(date(2025, 1, 1), date(2025, 1, 1), "元旦"), (date(2025, 9, 3), date(2025, 9, 3), "纪念日（假设）")],
        workdays=[],
        source="假设的调整通知",
    )
    entry = AuditEntry.objects.filter(action="core.calendar.loaded").latest("seq")
    assert entry.changes["old"]["rest_days"] == 117
    assert ["2025-09-03", "纪念日（假设）"] in entry.changes["new"]["holidays"]
    assert not Calendar.from_db().is_workday(date(2025, 9, 3))


@pytest.mark.parametrize(
    ("holidays", "workdays", "message"),
    [
        ([], [date(2031, 1, 20)], "不是周末"),
        ([(date(2030, 12, 31), date(2031, 1, 1), "元旦")], [], "不在 2031 年内"),
        ([(date(2031, 1, 3), date(2031, 1, 1), "元旦")], [], "起止或名称有误"),
        ([(date(2031, 1, 1), date(2031, 1, 2), "元旦"), (date(2031, 1, 2), date(2031, 1, 3), "X")], [], "重复"),
        ([(date(2031, 1, 4), date(2031, 1, 5), "X")], [date(2031, 1, 4)], "既是假日又是调休上班日"),
    ],
)
def test_load_arrangement_refuses_inconsistent_input(holidays, workdays, message):
    with pytest.raises(InvalidInput, match=message):
        load_arrangement(2031, holidays=holidays, workdays=workdays, source="测试")
    assert not CalendarYear.objects.filter(year=2031).exists()


def test_only_the_system_or_a_superuser_loads_the_calendar():
    with pytest.raises(PermissionDenied):
        load_from_package([2025], by=UserFactory())
    assert not CalendarYear.objects.filter(year=2025).exists()
    superuser = UserFactory(is_superuser=True)
    assert load_from_package([2025], by=superuser) == [2025]
    assert AuditEntry.objects.filter(action="core.calendar.loaded").latest("seq").actor_id == superuser.pk


def test_the_calendar_command_loads_and_shows_a_year():
    out = StringIO()
    call_command("calendar", "load", "--year", "2025", stdout=out)
    assert "已载入 / loaded: 2025" in out.getvalue()
    call_command("calendar", "load", "--year", "2025", stdout=out)
    assert "未变 / unchanged: 2025" in out.getvalue()
    out = StringIO()
    call_command("calendar", "show", "2025", stdout=out)
    text = out.getvalue()
    assert "2025-10-06 周一  中秋" in text
    assert "2025-09-28 周日  调休上班" in text
    assert "工作日 248 天" in text
    with pytest.raises(CommandError, match="2027 年的法定节假日安排尚未载入"):
        call_command("calendar", "show", "2027")
    with pytest.raises(CommandError, match="2099"):
        call_command("calendar", "load", "--year", "2099")
