"""The case engine's to-dos on the workbench: my cases by the nearest deadline, red and yellow."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from zhifa.cases.selectors import my_cases
from zhifa.core.workbench import TaskItem


def case_tasks(user: Any) -> list[TaskItem]:
    items = []
    for row in my_cases(user, limit=30):
        case, deadline = row["case"], row["deadline"]
        label = f"{case.number or case.title}：{deadline.label if deadline else case.get_status_display()}"
        due = None
        if deadline is not None:
            due = deadline.due_at or timezone.make_aware(dt.datetime.combine(deadline.due, dt.time.min))
        items.append(
            TaskItem(title=label, url=case.get_absolute_url(), due=due, severity=row["severity"], source="cases")
        )
    return items
