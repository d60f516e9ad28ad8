"""Spreadsheet import and export (.xlsx and .csv) with every row checked before anything is written.

A `TableSpec` names the columns (the Chinese headers users see), how each cell is read, and a
check across the cells of a row. `read_rows` turns a file into cleaned rows and row-level errors
(row number as the spreadsheet shows it, column header, message in Chinese); the caller writes
only when there are no errors, or, by choice, only the valid rows.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

Parser = Callable[[str], Any]
MAX_ROWS = 100_000


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    required: bool = False
    parse: Parser = str
    render: Callable[[Any], str] = lambda value: "" if value is None else str(value)
    help: str = ""


@dataclass(frozen=True)
class TableSpec:
    name: str
    columns: Sequence[Column]
    row_check: Callable[[dict[str, Any]], dict[str, str]] | None = None

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


@dataclass(frozen=True)
class CellError:
    row: int  # as the spreadsheet numbers it (the header is row 1)
    column: str  # the header, or "" for the whole row
    message: str

    def __str__(self) -> str:
        where = _("第 %(row)s 行") % {"row": self.row}
        if self.column:
            where += _("“%(column)s”列") % {"column": self.column}
        return f"{where}：{self.message}"


@dataclass
class ReadResult:
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def failed_rows(self) -> set[int]:
        return {error.row for error in self.errors}


class TableFormatError(ValueError):
    """The file itself cannot be read (wrong type, missing headers): nothing row-level to say."""


def _raw_rows(path: Path) -> Iterator[list[str]]:
    suffix = path.suffix.lower()
    if suffix == ".csv":
        data = path.read_bytes()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise TableFormatError(_("无法识别文件编码，请保存为 UTF-8 编码的 CSV。"))
        yield from csv.reader(io.StringIO(text))
    elif suffix == ".xlsx":
        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds for a damaged file
            raise TableFormatError(_("无法读取 Excel 文件：%(error)s") % {"error": error}) from error
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(values_only=True):
            yield ["" if v is None else _cell_text(v) for v in values]
        workbook.close()
    else:
        raise TableFormatError(_("只支持 .xlsx 和 .csv 文件。"))


def _cell_text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "date") and callable(value.date) and getattr(value, "hour", 0) == 0:
        return value.date().isoformat()
    return str(value).strip()


def read_rows(spec: TableSpec, path: Path) -> ReadResult:
    raw = _raw_rows(path)
    header = next(raw, None)
    if header is None:
        raise TableFormatError(_("文件是空的。"))
    positions = {h.strip(): i for i, h in enumerate(header) if h and h.strip()}
    missing = [c.header for c in spec.columns if c.required and c.header not in positions]
    if missing:
        raise TableFormatError(_("缺少必需的列：%(columns)s") % {"columns": "、".join(missing)})
    result = ReadResult()
    for number, values in enumerate(raw, start=2):
        if number > MAX_ROWS + 1:
            raise TableFormatError(_("一次最多导入 %(n)s 行。") % {"n": MAX_ROWS})
        if not any(v.strip() for v in values):
            continue
        cells = {
            c.key: (
                values[positions[c.header]].strip()
                if c.header in positions and positions[c.header] < len(values)
                else ""
            )
            for c in spec.columns
        }
        _read_row(spec, number, cells, result)
    return result


def _read_row(spec: TableSpec, number: int, cells: dict[str, str], result: ReadResult) -> None:
    cleaned: dict[str, Any] = {}
    before = len(result.errors)
    for column in spec.columns:
        text = cells[column.key]
        if not text:
            if column.required:
                result.errors.append(CellError(number, column.header, _("必填。")))
            cleaned[column.key] = None
            continue
        try:
            cleaned[column.key] = column.parse(text)
        except (ValueError, LookupError) as error:
            result.errors.append(CellError(number, column.header, str(error) or _("格式不正确。")))
    if len(result.errors) == before and spec.row_check is not None:
        for key, message in spec.row_check(cleaned).items():
            header = spec.column(key).header if key else ""
            result.errors.append(CellError(number, header, message))
    if len(result.errors) == before:
        result.rows.append((number, cleaned))


def write_rows(spec: TableSpec, rows: Iterable[dict[str, Any]], path: Path) -> int:
    """Write rows (dicts by column key) to .xlsx or .csv; the headers make the file re-importable."""
    headers = [c.header for c in spec.columns]
    lines = ([c.render(row.get(c.key)) for c in spec.columns] for row in rows)
    count = 0
    if path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(headers)
            for line in lines:
                writer.writerow(line)
                count += 1
        return count
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(spec.name[:31])
    sheet.append(headers)
    for line in lines:
        sheet.append(line)
        count += 1
    workbook.save(path)  # archlint: allow ZA001 an openpyxl workbook, not a model
    return count
