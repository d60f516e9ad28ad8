"""Filling the calendar: from the maintained `chinese_calendar` package, or from a notice by hand.

The package (PyPI `chinesecalendar`, import name `chinese_calendar`) transcribes each State
Council arrangement notice; a new year appears in a release soon after the notice is published
in November. Until then an administrator enters the notice with `load_arrangement`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from types import ModuleType
from typing import Any

from django.utils.translation import gettext as _

from zhifa.core.calendar.actions import PlannedDay, store_calendar_year
from zhifa.core.calendar.periods import is_weekend, year_days
from zhifa.core.errors import InvalidInput

PACKAGE = "chinesecalendar"
HolidaySpan = tuple[date, date, str]


def load_from_package(years: Iterable[int] | None = None, *, by: Any | None = None) -> list[int]:
    """Load `years` (default: every year the package covers); return the years written.

    Idempotent: a year already loaded with the same days is skipped and not returned. Each year
    is written in its own transaction with its own audit entry.
    """
    module = _package()
    available = package_years(module)
    wanted = sorted(set(years)) if years is not None else available
    missing = [year for year in wanted if year not in available]
    if missing:
        raise InvalidInput(
            _(
                "%(package)s %(version)s 没有 %(years)s 年的放假安排（它收录 %(first)s—%(last)s 年）；"
                "请升级该包，或按国务院办公厅通知手工录入。"
            )
            % {
                "package": PACKAGE,
                "version": module.__version__,
                "years": "、".join(map(str, missing)),
                "first": available[0],
                "last": available[-1],
            }
        )
    source = f"{PACKAGE} {module.__version__}"
    return [year for year in wanted if _load_package_year(module, year, source, by)]


def load_arrangement(
    year: int,
    *,
    holidays: Sequence[HolidaySpan],
    workdays: Sequence[date],
    source: str,
    by: Any | None = None,
) -> bool:
    """Enter a year from its arrangement notice; True when the calendar changed.

    Weekends are rest days; each `(first, last, name)` span of `holidays` is rest (both ends
    included); each date in `workdays` is a 调休 working day. `source` names the notice
    (e.g. "国务院办公厅关于2027年部分节假日安排的通知").
    """
    if not source.strip():
        raise InvalidInput(_("请注明来源（国务院办公厅的放假安排通知）。"))
    days = plan_arrangement(year, holidays=holidays, workdays=workdays)
    return store_calendar_year(by=by, year=year, days=days, source=source.strip())


def plan_arrangement(year: int, *, holidays: Sequence[HolidaySpan], workdays: Sequence[date]) -> list[PlannedDay]:
    """The days of `year` under an arrangement, checked for dates outside the year and overlaps."""
    names = _holiday_names(year, holidays)
    extra_workdays = set(workdays)
    for day in sorted(extra_workdays):
        _check_in_year(day, year)
        if not is_weekend(day):
            raise InvalidInput(_("%(date)s 不是周末，无需调休上班。") % {"date": day.isoformat()})
        if day in names:
            raise InvalidInput(_("%(date)s 既是假日又是调休上班日。") % {"date": day.isoformat()})
    return [
        PlannedDay(
            date=day,
            is_workday=day in extra_workdays or not (is_weekend(day) or day in names),
            holiday_name=names.get(day, ""),
        )
        for day in year_days(year)
    ]


def package_years(module: ModuleType | None = None) -> list[int]:
    """The years the installed package has arrangements for (each one complete)."""
    module = module or _package()
    return sorted({day.year for day in module.holidays} | {day.year for day in module.workdays})


def package_version() -> str:
    return str(_package().__version__)


def _load_package_year(module: ModuleType, year: int, source: str, by: Any | None) -> bool:
    days = [
        PlannedDay(date=day, is_workday=bool(module.is_workday(day)), holiday_name=_package_name(module, day))
        for day in year_days(year)
    ]
    notice = f"{source}（据国务院办公厅关于{year}年部分节假日安排的通知）"
    return store_calendar_year(by=by, year=year, days=days, source=notice)


def _package_name(module: ModuleType, day: date) -> str:
    english = module.holidays.get(day)
    if english is None:
        return ""
    return str(module.Holiday(english).chinese)


def _holiday_names(year: int, holidays: Sequence[HolidaySpan]) -> dict[date, str]:
    names: dict[date, str] = {}
    for first, last, name in holidays:
        _check_in_year(first, year)
        _check_in_year(last, year)
        if last < first or not name.strip():
            raise InvalidInput(_("假日 %(first)s 至 %(last)s 的起止或名称有误。") % {"first": first, "last": last})
        day = first
        while day <= last:
            if day in names:
                raise InvalidInput(_("%(date)s 在两个假日中重复出现。") % {"date": day.isoformat()})
            names[day] = name.strip()
            day += timedelta(days=1)
    return names


def _check_in_year(day: date, year: int) -> None:
    if day.year != year:
        raise InvalidInput(
            _("%(date)s 不在 %(year)s 年内：跨年的日期请录入所在年份的安排。") % {"date": day.isoformat(), "year": year}
        )


def _package() -> ModuleType:
    try:
        import chinese_calendar
    except ImportError as error:  # pragma: no cover - the dependency is declared in pyproject
        raise InvalidInput(_("未安装 %(package)s 包，无法从中载入放假安排。") % {"package": PACKAGE}) from error
    return chinese_calendar
