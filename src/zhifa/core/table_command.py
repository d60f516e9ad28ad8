"""Shared pieces of the import/export subcommands (progress bar, report printing, exit codes)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import CommandError, OutputWrapper

from zhifa.core import context
from zhifa.core.imports import ALL_OR_NOTHING, VALID_ONLY, ImportReport
from zhifa.core.progress import progress_bar
from zhifa.core.tabular import TableFormatError, TableSpec, read_rows


def add_import_arguments(parser: Any) -> None:
    parser.add_argument("file", help=".xlsx 或 .csv 文件")
    parser.add_argument(
        "--valid-only", action="store_true", help="只导入校验通过的行，并报告其余行的错误（默认：有错则全部不导入）"
    )
    parser.add_argument("--quiet", action="store_true")


def run_import(
    spec: TableSpec,
    options: dict[str, Any],
    stdout: OutputWrapper,
    do_import: Callable[..., ImportReport],
) -> None:
    path = Path(options["file"])
    if not path.exists():
        raise CommandError(f"找不到文件 {path}")
    try:
        result = read_rows(spec, path)
    except TableFormatError as error:
        raise CommandError(str(error)) from error
    mode = VALID_ONLY if options["valid_only"] else ALL_OR_NOTHING
    show = not options["quiet"] and sys.stdout.isatty()
    with context.fresh("cli"), progress_bar(f"导入{spec.name}", len(result.rows), enabled=show) as tick:
        report = do_import(by=None, result=result, mode=mode, source=path.name, on_progress=tick)
    for line in report.lines():
        stdout.write(line)
    counts = f"写入 {report.written}（新增 {report.created}，更新 {report.updated}）"
    stdout.write(f"{spec.name}：{counts}，未导入 {report.skipped}，错误 {len(report.errors)}")
    if report.errors:
        if mode == ALL_OR_NOTHING:
            stdout.write("有错误，未写入任何数据。更正后重新导入，或使用 --valid-only 只导入正确的行。")
        sys.exit(1)
