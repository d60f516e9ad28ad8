"""The deadline watch: what the law makes happen by itself when a period runs out. `zhifa serve`
queues it daily (`ZHIFA_SCHEDULE`); it is idempotent, so a missed or repeated run does no harm."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from zhifa.cases.actions.investigation import lapse_overdue_preservations
from zhifa.core import context


class Command(BaseCommand):
    help = "期限到期处理：sweep 执行已届满期限的法律后果 / the deadline watch: apply what lapses when a period runs out"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sweep = sub.add_parser(
            "sweep",
            help="逾期未作处理决定的先行登记保存自动解除并提示（LP-56）/ lapse preservations left unhandled past 7 WD",
        )
        sweep.add_argument(
            "--today", type=dt.date.fromisoformat, default=None, help="按这一天计算（默认今天）/ as of this day"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        with context.fresh("cli"):
            lapsed = lapse_overdue_preservations(today=options["today"])
        self.stdout.write(f"先行登记保存逾期自动解除 / preservations lapsed: {lapsed}")
