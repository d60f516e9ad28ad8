"""Spreadsheet imports over the API: the same checks and reports as the command line."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Router
from ninja.files import UploadedFile

from zhifa.api import presenters
from zhifa.api.routers.orgs import ERRORS
from zhifa.api.schemas.parties import ImportReportOut
from zhifa.core.errors import InvalidInput, PermissionDenied
from zhifa.core.tabular import TableFormatError, read_rows
from zhifa.lawbase.actions.imports import import_benchmarks, import_matters
from zhifa.lawbase.permissions import MANAGE_LAWBASE
from zhifa.lawbase.tables import BENCHMARK_TABLE, MATTER_TABLE
from zhifa.orgs.policy import has_any
from zhifa.parties.actions.imports import import_parties
from zhifa.parties.permissions import CHANGE_PARTY
from zhifa.parties.tables import PARTY_TABLE

router = Router(tags=["imports"])
TABLES: dict[str, tuple[Any, Any, str]] = {
    "matters": (MATTER_TABLE, import_matters, MANAGE_LAWBASE),
    "benchmarks": (BENCHMARK_TABLE, import_benchmarks, MANAGE_LAWBASE),
    "parties": (PARTY_TABLE, import_parties, CHANGE_PARTY),
}
MAX_BYTES = 20 * 1024 * 1024


@router.post("/imports/{table}", response={200: ImportReportOut, **ERRORS}, summary="Import an .xlsx or .csv file")
def import_table(
    request: HttpRequest,
    table: Literal["matters", "benchmarks", "parties"],
    file: File[UploadedFile],
    mode: Form[Literal["all", "valid"]] = "all",
) -> dict[str, Any]:
    spec, do_import, perm = TABLES[table]
    if not has_any(request.user, perm):
        raise PermissionDenied(_("您的角色不能导入此类数据。"))
    name = file.name or "upload"
    suffix = Path(name).suffix.lower()
    if suffix not in {".xlsx", ".csv"}:
        raise InvalidInput(_("只支持 .xlsx 和 .csv 文件。"), fields={"file": [_("文件类型不支持。")]})
    if file.size and file.size > MAX_BYTES:
        raise InvalidInput(_("文件超过 20 MB。"), fields={"file": [_("文件过大。")]})
    with tempfile.NamedTemporaryFile(suffix=suffix) as handle:
        for chunk in file.chunks():
            handle.write(chunk)
        handle.flush()
        try:
            result = read_rows(spec, Path(handle.name))
        except TableFormatError as error:
            raise InvalidInput(str(error), fields={"file": [str(error)]}) from error
    report = do_import(by=request.user, result=result, mode=mode, source=name)
    return presenters.report_out(report)
