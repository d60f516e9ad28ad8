"""加处罚款 (行政处罚法 第七十二条第一款第（一）项, 第七十三条第三款): 3 % of the fine a day
after the payment deadline, never more than the fine, and not while a reconsideration or a
suit is pending."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

RATE = Decimal("0.03")
Pause = tuple[dt.date, dt.date | None]


def remedy_pauses(case: Any) -> list[Pause]:
    """The periods in which no surcharge accrues: each reconsideration or suit of the case, from
    its filing to its end (None while still pending)."""
    return [(r.filed_on, r.concluded_on) for r in case.remedies.all()]


def late_days(due: dt.date, on: dt.date, pauses: Iterable[Pause] = ()) -> int:
    """Days after `due` up to `on`, less the days a remedy was pending (from filing to its end)."""
    if on <= due:
        return 0
    days = (on - due).days
    for filed, concluded in pauses:
        start = max(filed, due)
        end = min(concluded or on, on)
        if end > start:
            days -= (end - start).days
    return max(days, 0)


def nth_late_day(due: dt.date, n: int, pauses: Iterable[Pause] = ()) -> dt.date | None:
    """The day on which the surcharge has run for `n` days (行政强制法 第四十六条 counts them), the
    paused days left out; None while a pending remedy stops the count before it gets there."""
    pauses = list(pauses)
    day = due + dt.timedelta(days=n)
    while (shortfall := n - late_days(due, day, pauses)) > 0:
        if any(concluded is None and filed < day for filed, concluded in pauses):
            return None  # the count stands still until the remedy ends
        # At most one late day accrues per day, so the n-th cannot come before `shortfall` days on.
        day += dt.timedelta(days=shortfall)
    return day


def surcharge(fine: Decimal, due: dt.date, on: dt.date, pauses: Iterable[Pause] = ()) -> Decimal:
    amount = (fine * RATE * late_days(due, on, pauses)).quantize(Decimal("0.01"))
    return min(amount, fine)


def surcharge_began(due: dt.date) -> dt.date:
    return due + dt.timedelta(days=1)
