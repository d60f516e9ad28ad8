"""Building the element centre's demo data from the shipped files (see data/SOURCES.md)."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from zhifa.core.demo import DemoReport
from zhifa.core.errors import DomainError
from zhifa.lawbase.actions import search_index
from zhifa.lawbase.actions.discretion import add_circumstance, create_benchmark, publish_benchmark, save_level
from zhifa.lawbase.actions.laws import import_laws
from zhifa.lawbase.actions.matters import (
    BasisSpec,
    assign_matter,
    create_matter,
    save_catalogue,
    set_catalogue_matters,
    update_matter,
)
from zhifa.lawbase.actions.synonyms import load_default_synonyms
from zhifa.lawbase.choices import BenchmarkStatus, Grade, HoldingSource, MatterKind, PenaltyKind
from zhifa.lawbase.citations import Citation
from zhifa.lawbase.jiangmen import load_jiangmen_benchmarks
from zhifa.lawbase.law_data import DATA_DIR, iter_laws
from zhifa.lawbase.models import DiscretionBenchmark, Law, Matter
from zhifa.lawbase.references_data import load_reference_cases
from zhifa.lawbase.selectors import resolve, statutory_limits
from zhifa.orgs.models import Agency, Domain, Region

PROVINCE = "330000"
CATALOGUE = "浙江省综合行政执法事项统一目录（演示）"
OPTIONAL_CATALOGUE = "浙江省综合行政执法事项自选库（演示）"
DEVOLUTION = "浙江省人民政府关于赋予乡镇（街道）县级行政执法权的决定（演示数据，非真实文号）"
# Which demo agency holds the matters of which domain (the township gets a devolved subset).
HOLDERS = {
    "urban_management": "杭州市西湖区综合行政执法局",
    "market_regulation": "杭州市西湖区市场监督管理局",
    "ecology_environment": "杭州市生态环境局西湖分局",
}
TOWNSHIP = "杭州市西湖区人民政府转塘街道办事处"
BENCHMARK_FROM = dt.date(2024, 1, 1)
OLD_BENCHMARK_FROM = dt.date(2021, 7, 15)


def demo_matters() -> list[dict[str, Any]]:
    return json.loads((DATA_DIR / "demo_matters.json").read_text(encoding="utf-8"))


def _laws(report: DemoReport) -> None:
    summary = import_laws(by=None, records=iter_laws())
    report.say(
        f"法律法规：新增 {summary.created}，更新 {summary.updated}，未变 {summary.unchanged}；"
        f"共 {Law.objects.count()} 部"
    )


def _bases(entry: dict[str, Any]) -> list[BasisSpec]:
    specs = []
    for basis in entry["basis"]:
        citation = Citation(basis["law"], basis["article"], basis.get("paragraph"), basis.get("item"))
        specs.append(BasisSpec(resolve(citation), basis["role"], citation.paragraph, citation.item))
    return specs


def load_matters(report: DemoReport) -> list[Matter]:
    province = Region.objects.get(code=PROVINCE)
    domains = {d.code: d for d in Domain.objects.all()}
    matters = []
    for entry in demo_matters():
        fields = {
            "name": entry["name"],
            "kind": entry["kind"],
            "domain": domains[entry["domain"]],
            "region": province,
            "aliases": entry.get("aliases", []),
        }
        existing = Matter.objects.filter(code=entry["code"]).first()
        if existing is None:
            matters.append(create_matter(by=None, code=entry["code"], bases=_bases(entry), **fields))
        else:
            matters.append(update_matter(existing, by=None, expected_version=None, bases=_bases(entry), **fields))
    report.say(f"执法事项：{len(matters)} 项（城市管理、市场监管、生态环境），均关联法律法规库中的真实条款")
    return matters


def _catalogues(matters: list[Matter]) -> None:
    province = Region.objects.get(code=PROVINCE)
    base = save_catalogue(by=None, name=CATALOGUE, kind="base", region=province)
    set_catalogue_matters(base, by=None, matters=matters)
    optional = save_catalogue(by=None, name=OPTIONAL_CATALOGUE, kind="optional", region=province)
    set_catalogue_matters(optional, by=None, matters=[m for m in matters if m.kind == MatterKind.PENALTY][::5])


def _holdings(matters: list[Matter]) -> None:
    agencies = {a.name: a for a in Agency.objects.filter(name__in=[*HOLDERS.values(), TOWNSHIP])}
    for matter in matters:
        holder = agencies.get(HOLDERS[matter.domain.code])
        if holder is not None:
            assign_matter(by=None, agency=holder, matter=matter)
    township = agencies.get(TOWNSHIP)
    if township is None:
        return
    for matter in [m for m in matters if m.domain.code == "urban_management" and m.kind == MatterKind.PENALTY][:12]:
        assign_matter(
            by=None,
            agency=township,
            matter=matter,
            source=HoldingSource.DEVOLVED,
            decision_reference=DEVOLUTION,
            effective_from=dt.date(2022, 1, 1),
        )


def _fines(matter: Matter) -> list[Any]:
    """The bounded fines of the matter's penalty article, one per kind of party."""
    found: dict[str, Any] = {}
    for _basis, penalties in statutory_limits(matter):
        for penalty in penalties:
            if penalty.kind == PenaltyKind.FINE and penalty.maximum is not None and penalty.party not in found:
                found[penalty.party] = penalty
    return list(found.values())


def _split(low: Decimal, high: Decimal, shares: tuple[float, ...]) -> list[tuple[Decimal, Decimal]]:
    """Cut a statutory range into consecutive bands (rounded to whole yuan or 0.1 multiples)."""
    places = Decimal(1) if high >= 100 else Decimal("0.1") if high >= 1 else Decimal("0.0001")
    edges = [low + (high - low) * Decimal(str(s)) for s in (0.0, *shares)]
    edges = [e.quantize(places) for e in edges]
    edges[-1] = high
    return list(zip(edges[:-1], edges[1:], strict=True))


GRADES = (
    (Grade.MINOR, "初次违法，情节轻微，危害后果较小，及时改正或者积极配合调查的"),
    (Grade.GENERAL, "违法行为持续时间较短，造成一定危害后果，经责令后及时改正的"),
    (Grade.SEVERE, "多次违法、拒不改正，或者造成严重危害后果、恶劣社会影响的"),
)


def _generated_benchmark(matter: Matter, effective_from: dt.date, shares: tuple[float, ...], suffix: str) -> None:
    province = Region.objects.get(code=PROVINCE)
    fines = _fines(matter)
    benchmark = create_benchmark(
        by=None,
        matter=matter,
        title=f"{matter.name}裁量基准{suffix}",
        region=province,
        issuer="浙江省综合行政执法指导办公室（演示）",
        document_no="演示数据",
        first_offence_waiver=matter.code in _waivers(),
        waiver_conditions="首次违法、危害后果轻微并及时改正的，可以不予行政处罚（《行政处罚法》第三十三条第一款）。",
        notes="演示数据：按法定罚款幅度自动分档，不是任何机关发布的真实裁量基准。",
    )
    order = 0
    for fine in fines or [None]:
        bands = _split(fine.minimum or Decimal(0), fine.maximum, shares) if fine else []
        for n, (grade, text) in enumerate(GRADES):
            order += 1
            low, high = bands[n] if bands else (None, None)
            save_level(
                benchmark,
                by=None,
                order=order,
                grade=grade,
                circumstances=text,
                party=fine.party if fine else "any",
                fine_base=fine.base if fine else "",
                fine_min=low,
                fine_max=high,
                other_penalties="" if fine else "警告或者依法责令改正",
            )
    add_circumstance(
        benchmark,
        by=None,
        kind="mitigating",
        text="主动消除或者减轻违法行为危害后果的",
        legal_basis="《行政处罚法》第三十二条",
    )
    add_circumstance(benchmark, by=None, kind="aggravating", text="在重大活动保障期间或者经劝阻后仍继续实施违法行为的")
    publish_benchmark(benchmark, by=None, effective_from=effective_from)


def _waivers() -> set[str]:
    return {entry["code"] for entry in demo_matters() if entry.get("first_offence_waiver")}


def _benchmarks(report: DemoReport, matters: list[Matter]) -> None:
    made = 0
    for matter in matters:
        if matter.kind != MatterKind.PENALTY:
            continue
        if DiscretionBenchmark.objects.filter(
            matter=matter, region__code=PROVINCE, status=BenchmarkStatus.PUBLISHED
        ).exists():
            continue
        try:
            if made < 6:  # a few matters get an older version too, to show versioning by date
                _generated_benchmark(matter, OLD_BENCHMARK_FROM, (0.4, 0.8, 1.0), "（2021 版，演示）")
            _generated_benchmark(matter, BENCHMARK_FROM, (0.3, 0.7, 1.0), "（2024 版，演示）")
            made += 1
        except DomainError as error:
            report.say(f"  裁量基准未生成：{matter.code} {error.message}")
    report.say(f"裁量基准：为 {made} 个处罚事项生成演示基准（按法定幅度分档，含版本）")


def load_demo_matters(report: DemoReport) -> list[Matter]:
    """The demo matters with their catalogues, holdings and benchmarks (the laws they cite loaded)."""
    matters = load_matters(report)
    _catalogues(matters)
    _holdings(matters)
    _benchmarks(report, matters)
    return matters


def load_demo(report: DemoReport, options: dict[str, Any]) -> None:
    _laws(report)
    load_demo_matters(report)
    jiangmen = load_jiangmen_benchmarks(by=None)
    report.say(
        f"江门市生态环境局裁量标准（真实数据，已过期）：导入 {jiangmen.created} 个基准，"
        f"{jiangmen.refused} 档因超出现行法定幅度被拒绝，{jiangmen.skipped} 项因引用旧版法律跳过"
    )
    from zhifa.lawbase.waivers import load_guangdong_waivers

    waivers = load_guangdong_waivers(by=None)
    report.say(
        f"首违不罚清单（广东省生态环境厅 粤环发〔2021〕7号 附件2，真实数据）：{waivers.items} 项中 "
        f"{waivers.matched} 项对应演示事项，新增 {waivers.created} 个广东省基准"
    )
    cases = load_reference_cases(by=None)
    report.say(f"典型案例：{cases} 件（最高人民法院行政协议诉讼典型案例）")
    synonyms = load_default_synonyms(by=None)
    indexed = search_index.index_missing()
    report.say(f"在线找法：新增同义词 {synonyms} 条，补建检索条目 {indexed} 条")
