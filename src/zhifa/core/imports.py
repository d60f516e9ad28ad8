"""Writing what a spreadsheet import read: all rows or none, or only the valid rows.

The caller passes the read result and a function writing one row through the domain's actions.
In "all" mode nothing is written unless every row reads and writes cleanly; in "valid" mode rows
with errors are skipped and reported, each other row written in its own savepoint.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zhifa.core.errors import DomainError, InvalidInput
from zhifa.core.tabular import CellError, ReadResult

ALL_OR_NOTHING = "all"
VALID_ONLY = "valid"


@dataclass
class ImportReport:
    mode: str
    written: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[CellError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def lines(self) -> list[str]:
        return [str(error) for error in self.errors]


class _Abort(Exception):
    pass


def write_rows(
    result: ReadResult,
    *,
    mode: str,
    write: Callable[[int, dict[str, Any]], bool],
    on_progress: Callable[[int], None] | None = None,
) -> ImportReport:
    """`write(row_number, row)` returns True when it created a record, False when it updated one."""
    if mode not in {ALL_OR_NOTHING, VALID_ONLY}:
        raise InvalidInput(_("未知的导入方式。"))
    report = ImportReport(mode=mode, errors=list(result.errors))
    if mode == ALL_OR_NOTHING and result.errors:
        report.skipped = len(result.rows) + len(result.failed_rows())
        return report
    try:
        with transaction.atomic():
            for done, (number, row) in enumerate(result.rows, start=1):
                _write_one(report, mode, number, row, write)
                if on_progress is not None:
                    on_progress(done)
            if mode == ALL_OR_NOTHING and report.errors:
                raise _Abort
    except _Abort:
        report.skipped, report.written, report.created, report.updated = len(result.rows), 0, 0, 0
    report.skipped += len(result.failed_rows()) if mode == VALID_ONLY else 0
    return report


def _write_one(
    report: ImportReport, mode: str, number: int, row: dict[str, Any], write: Callable[[int, dict[str, Any]], bool]
) -> None:
    try:
        with transaction.atomic():
            created = write(number, row)
    except DomainError as error:
        detail = "；".join(m for messages in error.fields.values() for m in messages if m and m != error.message)
        report.errors.append(CellError(number, "", f"{error.message}{('（' + detail + '）') if detail else ''}"))
        if mode == ALL_OR_NOTHING:
            raise _Abort from error
        report.skipped += 1
        return
    report.written += 1
    report.created += created
    report.updated += not created
