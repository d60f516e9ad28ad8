"""The case-file sweep: builds that failed, or were lost with their worker, are asked for again.
`zhifa serve` queues it every 15 minutes (`ZHIFA_SCHEDULE`); it is idempotent."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from zhifa.cases.actions.case_files import LOST_AFTER, sweep_case_files
from zhifa.core import context


class Command(BaseCommand):
    help = "电子案卷巡检：sweep 重新生成失败或久未完成的电子案卷 / the case-file sweep: queue failed or lost builds"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sweep = sub.add_parser("sweep", help="重新排队失败或久未完成的生成 / queue failed or stale builds again")
        sweep.add_argument(
            "--pending-minutes",
            type=int,
            default=int(LOST_AFTER.total_seconds() // 60),
            help="生成中超过这么多分钟视为丢失（默认 %(default)s）/ a build pending this long counts as lost",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with context.fresh("cli"):
            asked = sweep_case_files(pending_for=dt.timedelta(minutes=options["pending_minutes"]))
        self.stdout.write(f"电子案卷重新生成 / case files asked for again: {asked}")
