"""`zhifa schedule`: the periodic jobs, and queueing those that are due (zhifa.core.schedule)."""

from __future__ import annotations

import logging
import signal
import time
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, close_old_connections
from django.utils import timezone

from zhifa.core.schedule.actions import enqueue_due
from zhifa.core.schedule.health import job_health, status_label
from zhifa.core.schedule.jobs import Job, configured_jobs

logger = logging.getLogger("zhifa.schedule")
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT)


class Command(BaseCommand):
    help = "定时任务：list 列出，run-due 排队已到时间的任务 / the periodic jobs: list them, queue those due"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("list", help="列出定时任务、上次和下次运行时间 / the jobs, their last and next run")
        run = sub.add_parser(
            "run-due",
            help="排队已到时间的任务；无 zhifa serve 时由 cron 每分钟运行 / queue what is due (cron, every minute)",
        )
        run.add_argument(
            "--loop",
            action="store_true",
            help="持续运行，直到收到终止信号（zhifa serve 使用）/ keep looking until stopped",
        )
        run.add_argument("--interval", type=float, default=30, help="--loop 时两次检查相隔的秒数（默认 30）")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            jobs = configured_jobs()
        except ImproperlyConfigured as problem:
            raise CommandError(f"定时任务配置有误 / the schedule is misconfigured: {problem}") from None
        if options["subcommand"] == "list":
            self._list(jobs)
        elif options["loop"]:
            self._loop(jobs, options["interval"])
        else:
            self._run_due(jobs, verbosity=options["verbosity"])

    def _run_due(self, jobs: list[Job], *, verbosity: int) -> None:
        made = enqueue_due(jobs=jobs)
        for run in made:
            self.stdout.write(f"已排队 / queued: {run.job}（{timezone.localtime(run.slot):%Y-%m-%d %H:%M}）")
        if not made and verbosity > 1:  # cron mails whatever a run prints: every minute, otherwise
            self.stdout.write("没有到时间的任务 / nothing due")

    def _loop(self, jobs: list[Job], interval: float) -> None:
        # A flag, not a threading.Event: a handler that takes the Event's lock can interrupt the
        # main thread holding it, and wait for ever.
        stopping: list[int] = []
        saved = {signum: signal.signal(signum, lambda signum, _: stopping.append(signum)) for signum in STOP_SIGNALS}
        try:
            while not stopping:
                try:
                    enqueue_due(jobs=jobs)
                except DatabaseError:
                    # A database restart must not end the schedule: look again at the next interval.
                    logger.exception("the schedule could not queue its jobs; trying again")
                close_old_connections()
                end = time.monotonic() + interval
                while not stopping and time.monotonic() < end:
                    time.sleep(min(0.5, max(0.0, end - time.monotonic())))
        finally:
            for signum, handler in saved.items():
                signal.signal(signum, handler)

    def _list(self, jobs: list[Job]) -> None:
        now = timezone.now()
        for job in jobs:
            health = job_health(job, now)
            self.stdout.write(f"{job.name}  {job.timing}  {job.summary}")
            last = "—"
            if health.last is not None:
                last = f"{timezone.localtime(health.last.slot):%Y-%m-%d %H:%M}  {status_label(health.status)}"
            self.stdout.write(f"    上次 / last: {last}")
            self.stdout.write(f"    下次 / next: {timezone.localtime(job.next_slot(now)):%Y-%m-%d %H:%M}")
            if health.problem:
                self.stdout.write(f"    ！{health.problem}")
