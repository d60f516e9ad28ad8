"""The official working-day calendar and the arithmetic of legal periods (DESIGN.md §2 "Time").

Read with `Calendar.from_db()` and `Period`; fill with `loading.load_from_package()` or
`loading.load_arrangement()` (`zhifa calendar load`).
"""

from zhifa.core.calendar.periods import (
    Calendar,
    CalendarMissing,
    Period,
    add_hours,
    add_months,
    add_years,
    excluded_days,
    shift,
)

__all__ = ["Calendar", "CalendarMissing", "Period", "add_hours", "add_months", "add_years", "excluded_days", "shift"]
