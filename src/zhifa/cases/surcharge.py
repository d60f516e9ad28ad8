"""加处罚款 (行政处罚法 第七十二条第一款第（一）项, 第七十三条第三款): 3 % of the fine a day
after the payment deadline, never more than the fine, and not while a reconsideration or a
suit is pending."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal

RATE = Decimal("0.03")


def late_days(due: dt.date, on: dt.date, pauses: Iterable[tuple[dt.date, dt.date | None]] = ()) -> int:
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


def surcharge(
    fine: Decimal, due: dt.date, on: dt.date, pauses: Iterable[tuple[dt.date, dt.date | None]] = ()
) -> Decimal:
    amount = (fine * RATE * late_days(due, on, pauses)).quantize(Decimal("0.01"))
    return min(amount, fine)


def surcharge_began(due: dt.date) -> dt.date:
    return due + dt.timedelta(days=1)
