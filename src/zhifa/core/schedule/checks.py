"""`zhifa check` refuses a schedule it could not run, before a server starts with it."""

from __future__ import annotations

from typing import Any

from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from zhifa.core.schedule.jobs import configured_jobs


def check_schedule(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    try:
        configured_jobs()
    except ImproperlyConfigured as problem:
        return [checks.Error(str(problem), id="zhifa.E001")]
    return []
