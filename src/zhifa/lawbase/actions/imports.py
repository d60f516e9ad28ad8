"""Importing matters and discretion benchmarks from spreadsheets, through the ordinary actions."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zhifa.core.errors import DomainError
from zhifa.core.imports import ImportReport, write_rows
from zhifa.core.tabular import CellError, ReadResult
from zhifa.lawbase.actions.discretion import create_benchmark, publish_benchmark, save_level
from zhifa.lawbase.actions.matters import BasisSpec, create_matter, update_matter
from zhifa.lawbase.choices import BasisRole, BenchmarkStatus, MatterStatus
from zhifa.lawbase.events import TABLE_IMPORTED
from zhifa.lawbase.models import DiscretionBenchmark, DiscretionLevel, Matter
from zhifa.lawbase.statute_check import check_level
from zhifa.orgs.events import audit

Progress = Callable[[int], None] | None


def _duplicates(result: ReadResult, key: Callable[[dict[str, Any]], Any], column: str, message: str) -> None:
    seen: dict[Any, int] = {}
    kept = []
    for number, row in result.rows:
        k = key(row)
        if k in seen:
            result.errors.append(CellError(number, column, message % {"row": seen[k]}))
        else:
            seen[k] = number
            kept.append((number, row))
    result.rows = kept


def _bases(row: dict[str, Any]) -> list[BasisSpec]:
    return [
        BasisSpec(article, role, paragraph, item)
        for role in BasisRole.values
        for article, paragraph, item in (row.get(role) or [])
    ]


@transaction.atomic
def import_matters(
    *, by: Any | None, result: ReadResult, mode: str, source: str, on_progress: Progress = None
) -> ImportReport:
    """Create matters by code, or update them (and their legal basis) when the code exists."""
    _duplicates(result, lambda r: r["code"], "事项编码", _("与第 %(row)s 行的事项编码重复。"))

    def write(number: int, row: dict[str, Any]) -> bool:
        fields = {
            "name": row["name"],
            "kind": row["kind"],
            "domain": row["domain"],
            "region": row.get("region"),
            "aliases": row.get("aliases") or [],
        }
        existing = Matter.objects.filter(code=row["code"]).first()
        if existing is None:
            matter = create_matter(by=by, code=row["code"], bases=_bases(row), **fields)
            if row.get("status") and row["status"] != MatterStatus.ACTIVE:
                update_matter(matter, by=by, expected_version=None, status=row["status"])
            return True
        update_matter(
            existing,
            by=by,
            expected_version=None,
            bases=_bases(row),
            status=row.get("status") or existing.status,
            **fields,
        )
        return False

    report = write_rows(result, mode=mode, write=write, on_progress=on_progress)
    if report.written:
        audit(
            TABLE_IMPORTED,
            by=by,
            changes={"table": "matters", "source": source, "created": report.created, "updated": report.updated},
            object_repr=source,
        )
    return report


def _check_levels_against_statute(result: ReadResult) -> None:
    """Every level is checked against the statute while reading, so a bad row is reported with
    its row number before anything is written."""
    kept = []
    for number, row in result.rows:
        probe = DiscretionLevel(
            grade=row["grade"],
            party=row.get("party") or "any",
            fine_base=row.get("fine_base") or "",
            fine_min=row.get("fine_min"),
            fine_max=row.get("fine_max"),
        )
        try:
            check_level(row["matter"], probe)
        except DomainError as error:
            result.errors.append(CellError(number, "罚款上限", error.message))
            continue
        kept.append((number, row))
    result.rows = kept


@transaction.atomic
def import_benchmarks(
    *, by: Any | None, result: ReadResult, mode: str, source: str, on_progress: Progress = None
) -> ImportReport:
    """Rows are levels; rows sharing matter, title and region form one benchmark, created as a
    draft and published when a 施行日期 is given.

    Re-importing a benchmark that exists already: with the 施行日期 of a version already held it is
    left alone (importing the same file twice writes nothing); with a later 施行日期 it becomes a new
    version (its `previous` the latest one), and publishing it ends the version before on the day
    before, whose levels, and the cases that used them, stay as they were. An earlier date is refused
    with its row. Without a 施行日期 an existing benchmark is left alone."""
    _duplicates(
        result,
        lambda r: (r["matter"].pk, r["title"], r["region"].pk, r["order"]),
        "档次序号",
        _("与第 %(row)s 行的档次重复。"),
    )
    _check_levels_against_statute(result)
    groups: dict[tuple[int, str, int], list[tuple[int, dict[str, Any]]]] = defaultdict(list)
    for number, row in result.rows:
        groups[(row["matter"].pk, row["title"], row["region"].pk)].append((number, row))
    grouped = ReadResult(rows=[(rows[0][0], {"rows": rows}) for rows in groups.values()], errors=result.errors)

    def write(number: int, group: dict[str, Any]) -> bool:
        rows = [row for _, row in group["rows"]]
        first = rows[0]
        versions = DiscretionBenchmark.objects.filter(
            matter=first["matter"], title=first["title"], region=first["region"]
        ).order_by("-effective_from", "-pk")
        if versions.exists() and (
            not first.get("effective_from") or versions.filter(effective_from=first["effective_from"]).exists()
        ):
            return False
        previous = versions.filter(status=BenchmarkStatus.PUBLISHED).first()
        benchmark = create_benchmark(
            by=by,
            matter=first["matter"],
            title=first["title"],
            region=first["region"],
            issuer=first.get("issuer") or "",
            document_no=first.get("document_no") or "",
            first_offence_waiver=bool(first.get("waiver")),
        )
        for row in rows:
            save_level(
                benchmark,
                by=by,
                order=row["order"],
                grade=row["grade"],
                circumstances=row["circumstances"],
                party=row.get("party") or "any",
                fine_base=row.get("fine_base") or "",
                fine_min=row.get("fine_min"),
                fine_max=row.get("fine_max"),
                other_penalties=row.get("other_penalties") or "",
                standard=row.get("standard") or "",
            )
        if previous is not None:
            DiscretionBenchmark.objects.filter(pk=benchmark.pk).update(previous=previous)
        if first.get("effective_from"):
            publish_benchmark(
                benchmark, by=by, effective_from=first["effective_from"], effective_to=first.get("effective_to")
            )
        return True

    report = write_rows(grouped, mode=mode, write=write, on_progress=on_progress)
    if report.written:
        audit(
            TABLE_IMPORTED,
            by=by,
            changes={"table": "benchmarks", "source": source, "created": report.created},
            object_repr=source,
        )
    return report
