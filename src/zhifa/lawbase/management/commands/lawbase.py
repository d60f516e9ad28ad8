from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from zhifa.core import context
from zhifa.core.progress import progress_bar
from zhifa.core.table_command import add_import_arguments, run_import
from zhifa.core.tabular import write_rows
from zhifa.lawbase.actions.imports import import_benchmarks, import_matters
from zhifa.lawbase.actions.laws import import_laws
from zhifa.lawbase.law_data import iter_laws
from zhifa.lawbase.models import Article, DiscretionBenchmark, Matter
from zhifa.lawbase.statute.coverage import coverage, report_text
from zhifa.lawbase.tables import BENCHMARK_TABLE, MATTER_TABLE, benchmark_rows, matter_rows


class Command(BaseCommand):
    help = "执法要素：法律法规库、执法事项、裁量基准的导入导出 / the element centre's law base, matters and benchmarks"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="subcommand", required=True)
        laws = sub.add_parser("import", help="导入随软件发布的法律法规库（可重复运行）")
        laws.add_argument("--quiet", action="store_true")
        sub.add_parser("coverage", help="罚则解析覆盖率（按提到罚款的条文统计）")
        for name, label in (("matters", "执法事项"), ("benchmarks", "裁量基准")):
            add_import_arguments(sub.add_parser(f"import-{name}", help=f"从 .xlsx/.csv 导入{label}"))
            export = sub.add_parser(f"export-{name}", help=f"把{label}导出为 .xlsx/.csv（可再导入）")
            export.add_argument("file")

    def handle(self, *args: Any, **options: Any) -> None:
        command = options["subcommand"]
        if command == "import":
            self._import_laws(options)
        elif command == "coverage":
            articles = Article.objects.select_related("law").filter(text__contains="罚款")
            self.stdout.write(report_text(coverage((a.law.title, a.number, a.text) for a in articles.iterator())))
        elif command == "import-matters":
            run_import(MATTER_TABLE, options, self.stdout, import_matters)
        elif command == "import-benchmarks":
            run_import(BENCHMARK_TABLE, options, self.stdout, import_benchmarks)
        elif command == "export-matters":
            count = write_rows(MATTER_TABLE, matter_rows(Matter.objects.order_by("code")), Path(options["file"]))
            self.stdout.write(f"导出执法事项 {count} 项到 {options['file']}")
        elif command == "export-benchmarks":
            rows = benchmark_rows(DiscretionBenchmark.objects.order_by("matter__code", "effective_from"))
            count = write_rows(BENCHMARK_TABLE, rows, Path(options["file"]))
            self.stdout.write(f"导出裁量档次 {count} 行到 {options['file']}")

    def _import_laws(self, options: dict[str, Any]) -> None:
        total = sum(1 for _ in iter_laws())
        show = not options["quiet"] and sys.stdout.isatty()
        ctx = context.RequestContext(f"cli-{context.new_request_id()}", None, "cli")
        with context.bound(ctx), progress_bar("导入法律法规", total, enabled=show) as tick:
            summary = import_laws(by=None, records=iter_laws(), on_progress=tick)
        self.stdout.write(
            f"法律法规：新增 {summary.created}，更新 {summary.updated}，未变 {summary.unchanged}；"
            f"写入条文 {summary.articles}，法定罚则 {summary.penalties}"
        )
