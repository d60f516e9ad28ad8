"""Period arithmetic on the official calendar (LEGAL-RULES §2, DC-1 to DC-6).

Conventions, from 市场监督管理行政处罚程序规定 Art 80 and 民事诉讼法 Art 85:
- the day (or hour) a period starts is not counted: `add_*(start, n)` returns the last day;
- working days (工作日, "WD") skip weekends and statutory holidays and count 调休 working days
  (处罚法 Art 85, 强制法 Art 69, 复议法 Art 88);
- with `roll_over`, a period whose last day is a rest day ends on the next working day (DC-4).
  LEGAL-RULES design choice (a): use it for deadlines that run against the party; the agency's
  own deadlines are watched on the date before any roll-over;
- months and years end on the corresponding day, or the month's last day when there is none
  (民法典 Art 202; not in the law base, wording seen only in secondary sources).
A `Calendar` refuses to answer for a year that is not loaded and complete (DC-6): it never
falls back to "weekends only".
"""

from __future__ import annotations

import calendar as stdlib_calendar
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from django.utils.translation import gettext as _

from zhifa.core.errors import DomainError
from zhifa.core.models import CalendarDay, CalendarYear

Unit = Literal["WD", "d", "m", "y", "h"]
UNITS: tuple[Unit, ...] = ("WD", "d", "m", "y", "h")
ONE_DAY = timedelta(days=1)
# Generous: the longest run of rest days so far is 9 (春节 2026).
MAX_REST_RUN = 31


class CalendarMissing(DomainError):
    """A working-day question about a year whose holiday arrangement is not loaded (DC-6)."""

    http_status = 422
    default_code = "calendar_missing"

    def __init__(self, year: int) -> None:
        super().__init__(
            _("%(year)s 年的法定节假日安排尚未载入，无法计算工作日期限。请系统管理员载入该年的放假安排。")
            % {"year": year},
            rule="DC-6",
            citation="《全国年节及纪念日放假办法》第二条、第六条；国务院办公厅年度部分节假日安排通知",
        )
        self.year = year


RestDays = frozenset[date]
YearFetcher = Callable[[int], RestDays | None]


class Calendar:
    """Which days are working days, read year by year and kept for the life of the instance.

    `fetch(year)` returns the rest days of a complete year, or None when the year is not loaded.
    Make one per request or per job (`Calendar.from_db()`); nothing is shared between processes.
    """

    def __init__(self, fetch: YearFetcher) -> None:
        self._fetch = fetch
        self._years: dict[int, RestDays] = {}

    @classmethod
    def from_db(cls) -> Calendar:
        return cls(_rest_days_from_db)

    @classmethod
    def from_rest_days(cls, years: Mapping[int, Iterable[date]]) -> Calendar:
        """A calendar over given data (tests, previews of an arrangement before it is saved)."""
        frozen = {year: frozenset(days) for year, days in years.items()}
        return cls(frozen.get)

    # -- days ---------------------------------------------------------------------------------

    def rest_days(self, year: int) -> RestDays:
        """The rest days of `year`; raises CalendarMissing when the year is not loaded and complete."""
        days = self._years.get(year)
        if days is None:
            days = self._fetch(year)
            if days is None:
                raise CalendarMissing(year)
            self._years[year] = days
        return days

    def is_workday(self, day: date) -> bool:
        return day not in self.rest_days(day.year)

    def next_workday(self, day: date) -> date:
        """`day` itself when it is a working day, otherwise the first working day after it."""
        for offset in range(MAX_REST_RUN + 1):
            candidate = day + timedelta(days=offset)
            if self.is_workday(candidate):
                return candidate
        raise ValueError(f"no working day within {MAX_REST_RUN} days of {day.isoformat()}")

    def working_days_between(self, start: date, end: date) -> int:
        """Working days in (start, end]: the start day is not counted, the end day is."""
        count, day = 0, start + ONE_DAY
        while day <= end:
            count += self.is_workday(day)
            day += ONE_DAY
        return count

    # -- periods ------------------------------------------------------------------------------

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day after `start` (start not counted, DC-4; 调休 working days count)."""
        if n < 0:
            return self.subtract_working_days(start, -n)
        day = start
        while n > 0:
            day += ONE_DAY
            n -= self.is_workday(day)
        return day

    def after_working_days(self, start: date, n: int, day: date) -> bool:
        """Is `day` later than the n-th working day after `start` (a period of n WD over by then)?

        Needs the calendar only up to `day`: a period that runs into a year not loaded yet has not
        ended on any day before that year, so only a question about that year itself is an error (DC-6).
        """
        try:
            return day > self.add_working_days(start, n)
        except CalendarMissing as missing:
            if day.year < missing.year:
                return False
            raise

    def subtract_working_days(self, end: date, n: int) -> date:
        """The n-th working day before `end` (end not counted).

        "Serve at least 7 WD before the hearing" (LP-64b): serving on this day or earlier complies.
        """
        if n < 0:
            return self.add_working_days(end, -n)
        day = end
        while n > 0:
            day -= ONE_DAY
            n -= self.is_workday(day)
        return day

    def roll_over(self, last_day: date) -> date:
        """DC-4: a period whose last day is a rest day ends on the first working day after it."""
        return self.next_workday(last_day)

    def add_days(self, start: date, n: int, *, roll_over: bool) -> date:
        """`n` natural days after `start`; with `roll_over` moved off a rest day (DC-4)."""
        return self._finish(start + timedelta(days=n), roll_over)

    def add_months(self, start: date, n: int, *, roll_over: bool) -> date:
        return self._finish(add_months(start, n), roll_over)

    def add_years(self, start: date, n: int, *, roll_over: bool) -> date:
        return self._finish(add_years(start, n), roll_over)

    def shift(self, due: date, paused_days: int, *, roll_over: bool) -> date:
        """Move an un-rolled due date by excluded natural days (LP-60, LE-25), then roll over if asked."""
        return self._finish(shift(due, paused_days), roll_over)

    def _finish(self, last_day: date, roll_over: bool) -> date:
        return self.roll_over(last_day) if roll_over else last_day


# -- pure helpers (no calendar needed) ------------------------------------------------------------


def add_months(start: date, n: int) -> date:
    """The corresponding day `n` months later, or that month's last day when it has none."""
    index = start.year * 12 + start.month - 1 + n
    year, month = divmod(index, 12)
    last = stdlib_calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(start.day, last))


def add_years(start: date, n: int) -> date:
    """The same day `n` years later; 29 February becomes 28 February in a common year."""
    return add_months(start, 12 * n)


def add_hours(start: datetime, n: int, *, from_next_hour: bool = False) -> datetime:
    """`n` hours after `start` (LE-19, TR-5: 24 h).

    Hours run on rest days too. With `from_next_hour` the hour in which the period starts is not
    counted (市监程序 Art 80): counting begins at the next full hour. The default counts from the
    very minute, which is the earlier (conservative) end for the agency's own deadlines.
    """
    if start.tzinfo is None:
        raise ValueError("add_hours needs a timezone-aware datetime")
    if from_next_hour and (start.minute, start.second, start.microsecond) != (0, 0, 0):
        start = start.replace(minute=0, second=0, microsecond=0) + timedelta(hours=1)
    return start + timedelta(hours=n)


def days_in_year(year: int) -> int:
    return 366 if stdlib_calendar.isleap(year) else 365


def year_days(year: int) -> list[date]:
    """Every day of `year`, in order."""
    first = date(year, 1, 1)
    return [first + timedelta(days=n) for n in range(days_in_year(year))]


def is_weekend(day: date) -> bool:
    return day.weekday() >= 5


def excluded_days(start: date, end: date, *, inclusive: bool = False) -> int:
    """Natural days excluded from a period by a pause from `start` until `end` (suspension, hearing, testing).

    By default the first day of the pause is not counted and the day it ends is (the DC-4
    convention, so 08-01 to 08-21 is 20 days). Whether both boundary days count is UNVERIFIED
    (LEGAL-RULES MP-46, §6); `inclusive=True` counts both.
    """
    if end < start:
        raise ValueError("a pause cannot end before it starts")
    return (end - start).days + (1 if inclusive else 0)


def shift(due: date, paused_days: int) -> date:
    """Move a due date later by excluded natural days."""
    return due + timedelta(days=paused_days)


@dataclass(frozen=True)
class Period:
    """A legal time limit: "15 WD", "90 d", "6 m", "24 h", with the article that sets it.

    `roll_over` applies DC-4 to the last day of a d/m/y period (deadlines against the party); the
    agency's own deadlines leave it off (LEGAL-RULES §2, design choice (a)). It has no effect on
    WD periods, which end on a working day anyway, nor on hour periods.
    """

    amount: int
    unit: Unit
    roll_over: bool = False
    article: str = ""

    def __post_init__(self) -> None:
        if self.unit not in UNITS:
            raise ValueError(f"unknown period unit {self.unit!r}")

    def __str__(self) -> str:
        label = {"WD": "个工作日", "d": "日", "m": "个月", "y": "年", "h": "小时"}[self.unit]
        return f"{self.amount}{label}"

    def due(self, start: date, calendar: Calendar, *, paused_days: int = 0) -> date:
        """The last day of the period that starts on `start`.

        `paused_days` are excluded days (see `excluded`): natural days for d/m/y periods,
        working days for WD periods.
        """
        if self.unit == "h":
            raise ValueError("an hour period has a due time: use due_at()")
        if self.unit == "WD":
            return calendar.add_working_days(start, self.amount + paused_days)
        return calendar.shift(self._nominal_end(start), paused_days, roll_over=self.roll_over)

    def _nominal_end(self, start: date) -> date:
        if self.unit == "d":
            return start + timedelta(days=self.amount)
        if self.unit == "m":
            return add_months(start, self.amount)
        return add_years(start, self.amount)

    def due_at(self, start: datetime) -> datetime:
        """The end of an hour period (LE-19, TR-5)."""
        if self.unit != "h":
            raise ValueError("only an hour period has a due time")
        return add_hours(start, self.amount)

    def excluded(self, start: date, end: date, calendar: Calendar, *, inclusive: bool = False) -> int:
        """The days a pause from `start` to `end` adds to this period, in the unit `due` expects."""
        if self.unit == "WD":
            days = calendar.working_days_between(start, end)
            return days + (1 if inclusive and calendar.is_workday(start) else 0)
        return excluded_days(start, end, inclusive=inclusive)


def _rest_days_from_db(year: int) -> RestDays | None:
    if not CalendarYear.objects.filter(year=year, complete=True).exists():
        return None
    days = CalendarDay.objects.filter(date__year=year, is_workday=False).values_list("date", flat=True)
    return frozenset(days)
