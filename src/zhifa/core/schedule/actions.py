"""Queueing the periodic jobs whose slot has come: the only writer of `ScheduledRun`."""

from __future__ import annotations

import datetime as dt
import logging

from django.db import IntegrityError, transaction
from django.utils import timezone

from zhifa.core.models import ScheduledRun
from zhifa.core.schedule.jobs import Job, configured_jobs

logger = logging.getLogger("zhifa.schedule")

# The claims are kept this long, for `zhifa schedule list` and for whoever asks when a job last ran.
KEEP = dt.timedelta(days=90)


def enqueue_due(*, now: dt.datetime | None = None, jobs: list[Job] | None = None) -> list[ScheduledRun]:
    """Queue the task of every job whose current slot nobody has claimed yet; returns the claims
    made. Safe to call from any number of processes at once: each slot is queued once."""
    now = now or timezone.now()
    made = [run for job in (configured_jobs() if jobs is None else jobs) if (run := _claim(job, now))]
    if made:  # most looks claim nothing, and need take no write lock
        ScheduledRun.objects.filter(slot__lt=now - KEEP).delete()
    return made


def _claim(job: Job, now: dt.datetime) -> ScheduledRun | None:
    slot = job.slot(now)
    # A read first: most looks find the slot taken, and need not wait for SQLite's write lock.
    if ScheduledRun.objects.filter(job=job.name, slot__gte=slot).exists():
        return None
    # The claim and the queued task commit together (the database queue shares the transaction):
    # a crash between them leaves neither, and the next look claims the slot again.
    try:
        with transaction.atomic():
            run = ScheduledRun.objects.create(job=job.name, slot=slot, enqueued_at=now)
            run.task_id = str(job.task.enqueue().id)
            run.save(update_fields=["task_id"])
    except IntegrityError:  # another scheduler claimed this slot a moment ago
        return None
    logger.info("queued %s for %s", job.name, slot.isoformat())
    return run
