"""Spreadsheet layouts of matters and discretion benchmarks (import and export use the same)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from zhifa.core.cells import choice_parser, parse_bool, parse_date, parse_decimal, parse_int, split_list
from zhifa.core.tabular import Column, TableSpec
from zhifa.lawbase.choices import BasisRole, FineBase, Grade, MatterKind, MatterStatus, PartyScope
from zhifa.lawbase.citations import parse_citations
from zhifa.lawbase.models import Article, DiscretionBenchmark, Matter
from zhifa.lawbase.selectors import resolve
from zhifa.orgs.models import Domain, Region


def parse_domain(text: str) -> Domain:
    domain = Domain.objects.filter(Q(name=text.strip()) | Q(code=text.strip())).first()
    if domain is None:
        raise LookupError(_("没有执法领域“%(name)s”。") % {"name": text})
    return domain


def parse_region(text: str) -> Region:
    region = Region.objects.filter(code=text.strip()).first()
    if region is None:
        raise LookupError(_("没有区划代码 %(code)s。") % {"code": text})
    return region


def parse_matter(text: str) -> Matter:
    matter = Matter.objects.filter(code=text.strip()).first()
    if matter is None:
        raise LookupError(_("没有事项编码 %(code)s。") % {"code": text})
    return matter


def parse_bases(text: str) -> list[tuple[Article, int | None, int | None]]:
    """Citations separated by ；, each resolved to an article of the law base."""
    return [(resolve(c), c.paragraph, c.item) for c in parse_citations(text)]


def _render_bases(value: Any) -> str:
    return "；".join(value or [])


def _matter_check(row: dict[str, Any]) -> dict[str, str]:
    if row.get("kind") == MatterKind.PENALTY and not (row.get("violated") and row.get("penalty")):
        return {"penalty": _("行政处罚事项须同时填写违法依据和处罚依据。")}
    return {}


MATTER_TABLE = TableSpec(
    name="执法事项",
    columns=[
        Column("code", "事项编码", required=True),
        Column("name", "事项名称", required=True),
        Column("kind", "事项类别", required=True, parse=choice_parser(MatterKind)),
        Column("domain", "执法领域", required=True, parse=parse_domain),
        Column("region", "所属地区", parse=parse_region),
        Column("violated", "违法依据", parse=parse_bases, render=_render_bases),
        Column("penalty", "处罚依据", parse=parse_bases, render=_render_bases),
        Column("procedure", "程序依据", parse=parse_bases, render=_render_bases),
        Column("aliases", "俗称", parse=split_list, render=lambda v: v if isinstance(v, str) else "、".join(v or [])),
        Column("status", "状态", parse=choice_parser(MatterStatus)),
    ],
    row_check=_matter_check,
)


def matter_rows(matters: QuerySet[Matter]) -> list[dict[str, Any]]:
    rows = []
    for matter in matters.select_related("domain", "region").prefetch_related("bases__article__law"):
        cites: dict[str, list[str]] = {role: [] for role in BasisRole.values}
        for basis in matter.bases.all():
            cites[basis.role].append(basis.citation)
        rows.append(
            {
                "code": matter.code,
                "name": matter.name,
                "kind": matter.get_kind_display(),
                "domain": matter.domain.name,
                "region": matter.region.code if matter.region else "",
                "violated": cites[BasisRole.VIOLATED],
                "penalty": cites[BasisRole.PENALTY],
                "procedure": cites[BasisRole.PROCEDURE],
                "aliases": matter.aliases,
                "status": matter.get_status_display(),
            }
        )
    return rows


_PARTY_ALIASES = {"自然人": PartyScope.INDIVIDUAL, "法人": PartyScope.ORGANISATION, "其他组织": PartyScope.ORGANISATION}
_BASE_ALIASES = {"元": FineBase.AMOUNT, "金额": FineBase.AMOUNT, "建设项目总投资额": FineBase.INVESTMENT}


def _level_check(row: dict[str, Any]) -> dict[str, str]:
    low, high = row.get("fine_min"), row.get("fine_max")
    if (low is not None or high is not None) and not row.get("fine_base"):
        return {"fine_base": _("填写了罚款幅度，须写明罚款基数。")}
    if low is not None and high is not None and low > high:
        return {"fine_min": _("下限高于上限。")}
    if row.get("effective_to") and row.get("effective_from") and row["effective_to"] < row["effective_from"]:
        return {"effective_to": _("早于施行日期。")}
    return {}


BENCHMARK_TABLE = TableSpec(
    name="裁量基准",
    columns=[
        Column("matter", "事项编码", required=True, parse=parse_matter, render=lambda m: m.code if m else ""),
        Column("title", "基准名称", required=True),
        Column("region", "适用地区", required=True, parse=parse_region, render=lambda r: r.code if r else ""),
        Column("issuer", "制定机关"),
        Column("document_no", "文号"),
        Column("effective_from", "施行日期", parse=parse_date),
        Column("effective_to", "废止日期", parse=parse_date),
        Column("waiver", "首违不罚", parse=parse_bool, render=lambda v: "是" if v else "否"),
        Column("order", "档次序号", required=True, parse=parse_int),
        Column("grade", "裁量档次", required=True, parse=choice_parser(Grade)),
        Column("circumstances", "适用情形", required=True),
        Column("party", "适用对象", parse=choice_parser(PartyScope, _PARTY_ALIASES)),
        Column("fine_base", "罚款基数", parse=choice_parser(FineBase, _BASE_ALIASES)),
        Column(
            "fine_min",
            "罚款下限",
            parse=parse_decimal,
            render=lambda v: "" if v is None else f"{Decimal(v).normalize():f}",
        ),
        Column(
            "fine_max",
            "罚款上限",
            parse=parse_decimal,
            render=lambda v: "" if v is None else f"{Decimal(v).normalize():f}",
        ),
        Column("other_penalties", "其他处罚"),
        Column("standard", "裁量标准"),
    ],
    row_check=_level_check,
)


def benchmark_rows(benchmarks: QuerySet[DiscretionBenchmark]) -> list[dict[str, Any]]:
    rows = []
    for benchmark in benchmarks.select_related("matter", "region").prefetch_related("levels"):
        for level in benchmark.levels.all():
            rows.append(
                {
                    "matter": benchmark.matter,
                    "title": benchmark.title,
                    "region": benchmark.region,
                    "issuer": benchmark.issuer,
                    "document_no": benchmark.document_no,
                    "effective_from": benchmark.effective_from,
                    "effective_to": benchmark.effective_to,
                    "waiver": benchmark.first_offence_waiver,
                    "order": level.order,
                    "grade": level.get_grade_display(),
                    "circumstances": level.circumstances,
                    "party": level.get_party_display(),
                    "fine_base": level.get_fine_base_display() if level.fine_base else "",
                    "fine_min": level.fine_min,
                    "fine_max": level.fine_max,
                    "other_penalties": level.other_penalties,
                    "standard": level.standard,
                }
            )
    return rows
