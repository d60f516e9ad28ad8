"""Moments in Beijing time, the zone every deadline and schedule of zhifa is counted in."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

BEIJING = ZoneInfo("Asia/Shanghai")


def beijing(*parts: int) -> dt.datetime:
    """`beijing(2026, 12, 8, 0, 15)`: that wall-clock time in Beijing."""
    return dt.datetime(*parts, tzinfo=BEIJING)  # type: ignore[misc]
