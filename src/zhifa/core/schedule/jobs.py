"""The periodic jobs of `settings.ZHIFA_SCHEDULE`, and the slots their clock divides time into."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.tasks import Task
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Job:
    """One periodic job: a task queued once per slot. `when` is a local time of day (Asia/Shanghai)
    for a daily job, or the period of one that runs every so many minutes, counted from local
    midnight. A slot missed while nothing ran is queued when the scheduler next looks, once: the
    jobs are sweeps, which catch up on everything that fell due."""

    name: str
    task_path: str
    summary: str | Promise
    when: dt.time | dt.timedelta

    @cached_property
    def task(self) -> Task[Any, Any]:
        return import_string(self.task_path)  # type: ignore[no-any-return]

    @property
    def timing(self) -> str:
        if isinstance(self.when, dt.time):
            return _("每天 %(time)s") % {"time": f"{self.when:%H:%M}"}
        return _("每 %(minutes)d 分钟") % {"minutes": self.when.total_seconds() // 60}

    def slot(self, now: dt.datetime) -> dt.datetime:
        """The start of the latest slot that has begun by `now`."""
        day = timezone.localdate(now)
        if isinstance(self.when, dt.time):
            start = _at(day, self.when)
            return start if start <= now else _at(day - dt.timedelta(days=1), self.when)
        midnight = _at(day, dt.time.min)
        return midnight + (now - midnight) // self.when * self.when

    def next_slot(self, now: dt.datetime) -> dt.datetime:
        """The start of the slot after the one `now` is in."""
        start = self.slot(now)
        following = _at(timezone.localdate(start) + dt.timedelta(days=1), dt.time.min)
        if isinstance(self.when, dt.time):
            return _at(timezone.localdate(following), self.when)
        return min(start + self.when, following)  # counting starts again at midnight


def _at(day: dt.date, time: dt.time) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, time))


def configured_jobs() -> list[Job]:
    """The jobs of `settings.ZHIFA_SCHEDULE`; a wrong entry raises ImproperlyConfigured naming it."""
    return [_job(name, entry) for name, entry in getattr(settings, "ZHIFA_SCHEDULE", {}).items()]


def job_named(name: str) -> Job | None:
    return next((job for job in configured_jobs() if job.name == name), None)


def _job(name: str, entry: dict[str, Any]) -> Job:
    def wrong(why: str) -> ImproperlyConfigured:
        return ImproperlyConfigured(f"ZHIFA_SCHEDULE[{name!r}]: {why}")

    unknown = set(entry) - {"task", "summary", "daily_at", "every_minutes"}
    if unknown:
        raise wrong(f"unknown keys {sorted(unknown)}")
    if ("daily_at" in entry) == ("every_minutes" in entry):
        raise wrong("give exactly one of daily_at ('HH:MM') and every_minutes")
    when: dt.time | dt.timedelta
    if "daily_at" in entry:
        time = _time_of_day(entry["daily_at"])
        if time is None:
            raise wrong(f"daily_at {entry['daily_at']!r} is not a local time of day like '00:15'")
        when = time
    else:
        minutes = entry["every_minutes"]
        if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= 24 * 60:
            raise wrong(f"every_minutes {minutes!r} is not a whole number of minutes from 1 to 1440")
        when = dt.timedelta(minutes=minutes)
    job = Job(name, str(entry.get("task", "")), entry.get("summary", name), when)
    try:
        task = job.task
    except ImportError as problem:
        raise wrong(f"task {job.task_path!r} cannot be imported ({problem})") from None
    if not isinstance(task, Task):
        raise wrong(f"{job.task_path!r} is not a task (decorate it with @task)")
    return job


def _time_of_day(text: Any) -> dt.time | None:
    try:
        time = dt.time.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return time if time.tzinfo is None else None  # a zone of its own would not be TIME_ZONE's
