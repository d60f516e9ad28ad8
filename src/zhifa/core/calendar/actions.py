"""Writing the working-day calendar: one year at a time, with its audit entry."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _

from zhifa.core.audit import record
from zhifa.core.calendar.events import CALENDAR_LOADED
from zhifa.core.calendar.periods import days_in_year, is_weekend
from zhifa.core.errors import InvalidInput, PermissionDenied
from zhifa.core.models import CalendarDay, CalendarYear

SOURCE_MAX = 200


@dataclass(frozen=True)
class PlannedDay:
    """One day as the year's arrangement sets it (see `CalendarDay`)."""

    date: date
    is_workday: bool
    holiday_name: str = ""


DayState = tuple[bool, str]


# Sent in the storing transaction, so that what depends on the calendar (the case engine's
# deadlines) is corrected atomically with it; core cannot import those apps.
calendar_year_stored = Signal()


@transaction.atomic
def store_calendar_year(*, by: Any | None, year: int, days: Sequence[PlannedDay], source: str) -> bool:
    """Write every day of `year` and mark the year complete, with one audit entry.

    Idempotent: returns False, and writes nothing, when the year is already complete with the same
    days. Only the system (a command, `by=None`) or a superuser may change the calendar.
    """
    if by is not None and not getattr(by, "is_superuser", False):
        raise PermissionDenied(_("只有系统管理员可以载入法定节假日安排。"))
    new = _states(year, days)
    row = CalendarYear.objects.select_for_update().filter(year=year).first()
    old = _stored_states(year)
    if row is not None and row.complete and old == new:
        return False
    _write_days(new, source)
    row, _created = CalendarYear.objects.update_or_create(
        year=year, defaults={"source": source, "loaded_at": timezone.now(), "complete": True}
    )
    record(
        CALENDAR_LOADED,
        by=by,
        obj=row,
        changes={"old": _summary(old), "new": {**_summary(new), "source": source}},
    )
    calendar_year_stored.send(sender=CalendarYear, year=year)
    return True


def _states(year: int, days: Sequence[PlannedDay]) -> dict[date, DayState]:
    """Check that `days` cover the whole year exactly once."""
    states: dict[date, DayState] = {}
    for day in days:
        if day.date.year != year or day.date in states:
            raise InvalidInput(
                _("%(date)s 不属于 %(year)s 年，或重复出现。") % {"date": day.date.isoformat(), "year": year}
            )
        states[day.date] = (day.is_workday, "" if day.is_workday else day.holiday_name)
    if len(states) != days_in_year(year):
        raise InvalidInput(_("%(year)s 年的安排不完整：每一天都要有记录。") % {"year": year})
    return states


def _stored_states(year: int) -> dict[date, DayState]:
    rows = CalendarDay.objects.filter(date__year=year).values_list("date", "is_workday", "holiday_name")
    return {day: (is_workday, name) for day, is_workday, name in rows}


def _write_days(states: Mapping[date, DayState], source: str) -> None:
    CalendarDay.objects.bulk_create(
        [
            CalendarDay(date=day, is_workday=is_workday, holiday_name=name, source=source[:SOURCE_MAX])
            for day, (is_workday, name) in sorted(states.items())
        ],
        update_conflicts=True,
        unique_fields=["date"],
        update_fields=["is_workday", "holiday_name", "source"],
    )


def _summary(states: Mapping[date, DayState]) -> dict[str, Any]:
    """What the audit entry keeps of a year: its holidays and its 调休 working days."""
    if not states:
        return {}
    ordered = sorted(states.items())
    return {
        "rest_days": sum(1 for _day, (is_workday, _name) in ordered if not is_workday),
        "holidays": [[day.isoformat(), name] for day, (_workday, name) in ordered if name],
        "adjusted_workdays": [
            day.isoformat() for day, (is_workday, _name) in ordered if is_workday and is_weekend(day)
        ],
    }
