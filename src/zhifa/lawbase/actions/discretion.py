"""Discretion benchmarks: drafts, levels checked against the statute, publishing versions."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from zhifa.core.errors import InvalidInput
from zhifa.core.locking import update_versioned
from zhifa.core.snapshot import snapshot
from zhifa.core.validation import validate
from zhifa.lawbase.actions import search_index
from zhifa.lawbase.choices import BenchmarkStatus, CircumstanceKind, Grade, PartyScope
from zhifa.lawbase.events import (
    BENCHMARK_CREATED,
    BENCHMARK_LEVEL_REMOVED,
    BENCHMARK_LEVEL_SAVED,
    BENCHMARK_PUBLISHED,
    CIRCUMSTANCE_SAVED,
)
from zhifa.lawbase.models import Circumstance, DiscretionBenchmark, DiscretionLevel, Matter
from zhifa.lawbase.permissions import MANAGE_LAWBASE
from zhifa.lawbase.statute_check import check_level
from zhifa.orgs.events import audit
from zhifa.orgs.models import Region
from zhifa.orgs.policy import require

LEVEL_FIELDS = [
    "order",
    "grade",
    "circumstances",
    "party",
    "fine_base",
    "fine_min",
    "fine_max",
    "other_penalties",
    "standard",
]


def _require(by: Any | None, benchmark: DiscretionBenchmark) -> None:
    if by is not None:
        require(by, MANAGE_LAWBASE, benchmark)


def _draft(benchmark: DiscretionBenchmark) -> DiscretionBenchmark:
    locked = DiscretionBenchmark.objects.select_for_update().get(pk=benchmark.pk)
    if locked.status != BenchmarkStatus.DRAFT:
        raise InvalidInput(_("已发布的裁量基准不能修改；请新建一个版本。"), code="benchmark_published")
    return locked


@transaction.atomic
def create_benchmark(
    *,
    by: Any | None,
    matter: Matter,
    title: str,
    region: Region,
    issuer: str = "",
    document_no: str = "",
    first_offence_waiver: bool = False,
    waiver_conditions: str = "",
    notes: str = "",
) -> DiscretionBenchmark:
    benchmark = DiscretionBenchmark(
        matter=matter,
        title=title.strip(),
        region=region,
        issuer=issuer.strip(),
        document_no=document_no.strip(),
        first_offence_waiver=first_offence_waiver,
        waiver_conditions=waiver_conditions.strip(),
        notes=notes.strip(),
    )
    _require(by, benchmark)
    validate(benchmark)
    benchmark.save()
    audit(BENCHMARK_CREATED, by=by, obj=benchmark, changes={"new": snapshot(benchmark, ["matter", "title", "region"])})
    search_index.index_benchmarks([benchmark])
    return benchmark


@transaction.atomic
def save_level(
    benchmark: DiscretionBenchmark,
    *,
    by: Any | None,
    order: int,
    grade: str,
    circumstances: str,
    party: str = PartyScope.ANY,
    fine_base: str = "",
    fine_min: Decimal | None = None,
    fine_max: Decimal | None = None,
    other_penalties: str = "",
    standard: str = "",
) -> DiscretionLevel:
    """Create or replace the level at `order` of a draft; refused when it leaves the statute."""
    _require(by, benchmark)
    if not 1 <= order <= 50:
        raise InvalidInput(_("档次序号应在 1 到 50 之间。"), fields={"order": [_("超出范围。")]})
    benchmark = _draft(benchmark)
    level = DiscretionLevel.objects.filter(benchmark=benchmark, order=order).first() or DiscretionLevel(
        benchmark=benchmark, order=order
    )
    before = snapshot(level, LEVEL_FIELDS) if level.pk else {}
    level.grade, level.circumstances, level.party = grade, circumstances.strip(), party
    level.fine_base, level.fine_min, level.fine_max = fine_base, fine_min, fine_max
    level.other_penalties, level.standard = other_penalties.strip(), standard.strip()
    if level.fine_base and level.fine_min is None and level.fine_max is None:
        raise InvalidInput(_("设定了罚款基数，须写明罚款幅度。"), fields={"fine_max": [_("必填。")]})
    if grade not in Grade.values:
        raise InvalidInput(_("未知的裁量档次。"), fields={"grade": [_("不是允许的取值。")]})
    validate(level)
    check_level(benchmark.matter, level)
    level.save()
    audit(
        BENCHMARK_LEVEL_SAVED,
        by=by,
        obj=benchmark,
        changes={"order": order, "old": before, "new": snapshot(level, LEVEL_FIELDS)},
    )
    search_index.index_benchmarks([benchmark])
    return level


@transaction.atomic
def remove_level(benchmark: DiscretionBenchmark, *, by: Any | None, order: int) -> None:
    _require(by, benchmark)
    benchmark = _draft(benchmark)
    deleted, _count = DiscretionLevel.objects.filter(benchmark=benchmark, order=order).delete()
    if deleted:
        audit(BENCHMARK_LEVEL_REMOVED, by=by, obj=benchmark, changes={"order": order})
        search_index.index_benchmarks([benchmark])  # the entry lists the rows: the removed one goes


@transaction.atomic
def add_circumstance(
    benchmark: DiscretionBenchmark, *, by: Any | None, kind: str, text: str, legal_basis: str = ""
) -> Circumstance:
    _require(by, benchmark)
    benchmark = _draft(benchmark)
    if kind not in CircumstanceKind.values or not text.strip():
        raise InvalidInput(_("请写明情节及其类别。"), fields={"text": [_("必填。")]})
    circumstance = Circumstance.objects.create(
        benchmark=benchmark, kind=kind, text=text.strip(), legal_basis=legal_basis
    )
    audit(CIRCUMSTANCE_SAVED, by=by, obj=benchmark, changes={"kind": kind, "text": circumstance.text})
    return circumstance


@transaction.atomic
def publish_benchmark(
    benchmark: DiscretionBenchmark, *, by: Any | None, effective_from: dt.date, effective_to: dt.date | None = None
) -> DiscretionBenchmark:
    """Publish a draft from `effective_from`; the version in force for the same matter and region
    ends the day before. Levels must exist and every one must still fit the statute."""
    _require(by, benchmark)
    benchmark = _draft(benchmark)
    levels = list(benchmark.levels.all())
    if not levels:
        raise InvalidInput(_("裁量基准至少要有一个档次才能发布。"), code="benchmark_empty")
    for level in levels:
        check_level(benchmark.matter, level)
    if effective_to is not None and effective_to < effective_from:
        raise InvalidInput(_("废止日期不能早于施行日期。"), fields={"effective_to": [_("早于施行日期。")]})
    earlier = (
        DiscretionBenchmark.objects.select_for_update()
        .filter(matter=benchmark.matter, region=benchmark.region, status=BenchmarkStatus.PUBLISHED)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=effective_from))
        .exclude(pk=benchmark.pk)
    )
    for previous in earlier:
        if previous.effective_from is not None and previous.effective_from >= effective_from:
            raise InvalidInput(
                _("已有自 %(date)s 起施行的版本，新版本的施行日期须晚于它。") % {"date": previous.effective_from},
                fields={"effective_from": [_("须晚于现行版本。")]},
            )
        update_versioned(
            previous, expected_version=None, values={"effective_to": effective_from - dt.timedelta(days=1)}
        )
    values = {"status": BenchmarkStatus.PUBLISHED, "effective_from": effective_from, "effective_to": effective_to}
    update_versioned(benchmark, expected_version=None, values=values)
    audit(BENCHMARK_PUBLISHED, by=by, obj=benchmark, changes={"effective_from": effective_from, "levels": len(levels)})
    search_index.index_benchmarks([benchmark])
    return benchmark


@transaction.atomic
def new_benchmark_version(benchmark: DiscretionBenchmark, *, by: Any | None, title: str = "") -> DiscretionBenchmark:
    """A draft copying a published version's levels and circumstances, to edit and publish."""
    _require(by, benchmark)
    draft = create_benchmark(
        by=by,
        matter=benchmark.matter,
        title=title or benchmark.title,
        region=benchmark.region,
        issuer=benchmark.issuer,
        document_no=benchmark.document_no,
        first_offence_waiver=benchmark.first_offence_waiver,
        waiver_conditions=benchmark.waiver_conditions,
        notes=benchmark.notes,
    )
    DiscretionLevel.objects.bulk_create(
        [
            DiscretionLevel(benchmark=draft, **{f: getattr(level, f) for f in LEVEL_FIELDS})
            for level in benchmark.levels.all()
        ]
    )
    Circumstance.objects.bulk_create(
        [
            Circumstance(benchmark=draft, kind=c.kind, text=c.text, legal_basis=c.legal_basis)
            for c in benchmark.circumstances.all()
        ]
    )
    DiscretionBenchmark.objects.filter(pk=draft.pk).update(previous=benchmark)
    draft.previous = benchmark
    search_index.index_benchmarks([draft])
    return draft
