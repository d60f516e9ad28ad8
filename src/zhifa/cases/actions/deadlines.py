"""Deadlines: every period the law sets is computed when its start event happens, stored with
the article and unit, and watched (yellow when near, red when passed).

A working-day deadline in a year whose holiday arrangement is not loaded yet is stored as
*provisional* with a visible warning, never silently computed on weekends alone (DC-6); it is
recomputed by `recompute_provisional` once the calendar is loaded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.utils import timezone

from zhifa.cases.choices import DeadlineState
from zhifa.cases.models import Case, Deadline
from zhifa.cases.rules.base import REGISTRY
from zhifa.core.calendar.periods import Calendar, CalendarMissing, Period


@dataclass(frozen=True)
class Spec:
    rule: str
    label: str
    period: Period
    binds_party: bool


def due_or_estimate(period: Period, start: dt.date, calendar: Calendar, paused: int = 0) -> tuple[dt.date, bool]:
    """(the last day of `period` from `start`, provisional?): in a year whose holiday arrangement is
    not loaded the day is estimated and flagged, never passed off as final (DC-6)."""
    try:
        return period.due(start, calendar, paused_days=paused), False
    except CalendarMissing:
        # Loud, not silent: the deadline shows as provisional until the year's calendar is loaded.
        days = {"WD": period.amount * 7 // 5, "d": period.amount, "m": period.amount * 30, "y": period.amount * 365}
        return start + dt.timedelta(days=days.get(period.unit, period.amount) + paused), True


def open_deadline(
    case: Case,
    rule: str,
    *,
    starts_on: dt.date,
    period: Period,
    label: str,
    binds_party: bool = False,
    calendar: Calendar | None = None,
    starts_at: dt.datetime | None = None,
    replace: bool = True,
) -> Deadline:
    """Start (or, with `replace`, restart) the deadline of `rule` for this case."""
    calendar = calendar or Calendar.from_db()
    citation = REGISTRY[rule].citation if rule in REGISTRY else period.article
    if replace:
        Deadline.objects.filter(case=case, rule=rule, state=DeadlineState.OPEN).update(state=DeadlineState.CANCELLED)
    if period.unit == "h":
        start = starts_at or timezone.make_aware(dt.datetime.combine(starts_on, dt.time()))
        due_at = period.due_at(start)
        due, provisional = timezone.localtime(due_at).date(), False
    else:
        due_at = None
        due, provisional = due_or_estimate(period, starts_on, calendar)
    return Deadline.objects.create(
        case=case,
        rule=rule,
        label=label,
        citation=citation,
        binds_party=binds_party,
        starts_on=starts_on,
        period=str(period),
        due=due,
        due_at=due_at,
        provisional=provisional,
    )


def meet(case: Case, rule: str, on: dt.date) -> None:
    Deadline.objects.filter(case=case, rule=rule, state=DeadlineState.OPEN).update(state=DeadlineState.MET, met_on=on)


def cancel(case: Case, *rules: str) -> None:
    Deadline.objects.filter(case=case, rule__in=rules, state=DeadlineState.OPEN).update(state=DeadlineState.CANCELLED)


def open_for(case: Case, rule: str) -> Deadline | None:
    return Deadline.objects.filter(case=case, rule=rule, state=DeadlineState.OPEN).order_by("-id").first()


def latest(case: Case, rule: str) -> Deadline | None:
    return Deadline.objects.filter(case=case, rule=rule).exclude(state=DeadlineState.CANCELLED).order_by("-id").first()


def severity(deadline: Deadline, today: dt.date | None = None) -> str:
    """ "red" when passed or due today, "yellow" in the last fifth of the period (at least the last
    three days), "" otherwise. LP-60's 90 days thus turn yellow at day 72–75 and red at day 90."""
    today = today or timezone.localdate()
    if deadline.state != DeadlineState.OPEN:
        return ""
    if deadline.due <= today:
        return "red"
    span = max((deadline.due - deadline.starts_on).days, 1)
    if (deadline.due - today).days <= max(3, span // 5):
        return "yellow"
    return ""


def recompute_provisional(calendar: Calendar | None = None, *, year: int | None = None) -> int:
    """After a year's holiday arrangement is loaded, fix the deadlines computed without it, and
    (when `year` is given) the open working-day deadlines ending in it, whose count it may change."""
    calendar = calendar or Calendar.from_db()
    fixed = 0
    affected = Q(provisional=True)
    if year is not None:
        affected |= Q(period__endswith="个工作日", due__year__in=[year, year + 1])
    for deadline in Deadline.objects.filter(affected, state=DeadlineState.OPEN):
        amount, unit = _parse(deadline.period)
        if unit == "h":
            continue
        period = Period(amount, unit, roll_over=deadline.binds_party and unit != "WD")
        due, provisional = due_or_estimate(period, deadline.starts_on, calendar)
        if not provisional and (due != deadline.due or deadline.provisional):
            Deadline.objects.filter(pk=deadline.pk).update(due=due, provisional=False)
            fixed += 1
    return fixed


def on_calendar_year_stored(sender: Any, *, year: int, **kwargs: Any) -> None:
    recompute_provisional(year=year)


def _parse(text: str) -> tuple[int, Any]:
    for suffix, unit in (("个工作日", "WD"), ("个月", "m"), ("小时", "h"), ("年", "y"), ("日", "d")):
        if text.endswith(suffix):
            return int(text[: -len(suffix)]), unit
    raise ValueError(text)
