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
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Job:
    """One periodic job: a task queued once per slot. `when` is a local time of day (Asia/Shanghai)
    for a daily job, or the period of one that runs every so many minutes. A slot missed while
    nothing ran is queued when the scheduler next looks, once: the jobs are sweeps, which catch up
    on everything that fell due."""

    name: str
    task_path: str
    summary: str
    when: dt.time | dt.timedelta

    @cached_property
    def task(self) -> Task[Any, Any]:
        return import_string(self.task_path)  # type: ignore[no-any-return]

    @property
    def timing(self) -> str:
        if isinstance(self.when, dt.time):
            return f"每天 {self.when:%H:%M}"
        return f"每 {int(self.when.total_seconds() // 60)} 分钟"

    def slot(self, now: dt.datetime) -> dt.datetime:
        """The start of the latest slot that has begun by `now`."""
        if isinstance(self.when, dt.time):
            day = timezone.localtime(now).date()
            start = timezone.make_aware(dt.datetime.combine(day, self.when))
            if start > now:
                start = timezone.make_aware(dt.datetime.combine(day - dt.timedelta(days=1), self.when))
            return start
        period = int(self.when.total_seconds())
        seconds = int(now.timestamp())
        return dt.datetime.fromtimestamp(seconds - seconds % period, tz=dt.UTC)

    def next_slot(self, now: dt.datetime) -> dt.datetime:
        if isinstance(self.when, dt.time):
            day = timezone.localdate(self.slot(now)) + dt.timedelta(days=1)
            return timezone.make_aware(dt.datetime.combine(day, self.when))
        return self.slot(now) + self.when


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
        try:
            when = dt.time.fromisoformat(entry["daily_at"])
        except (TypeError, ValueError):
            raise wrong(f"daily_at {entry['daily_at']!r} is not a time of day like '00:15'") from None
    else:
        minutes = entry["every_minutes"]
        if not isinstance(minutes, int) or isinstance(minutes, bool) or not 1 <= minutes <= 24 * 60:
            raise wrong(f"every_minutes {minutes!r} is not a whole number of minutes from 1 to 1440")
        when = dt.timedelta(minutes=minutes)
    job = Job(name, str(entry.get("task", "")), str(entry.get("summary", name)), when)
    try:
        task = job.task
    except ImportError as problem:
        raise wrong(f"task {job.task_path!r} cannot be imported ({problem})") from None
    if not isinstance(task, Task):
        raise wrong(f"{job.task_path!r} is not a task (decorate it with @task)")
    return job
