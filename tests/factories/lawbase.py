"""Master data of the element centre, made through the same citation resolver users type into."""

from __future__ import annotations

from typing import Any

from tests.factories.orgs import DomainFactory, RegionFactory
from zhifa.lawbase.actions.matters import BasisSpec, create_matter
from zhifa.lawbase.citations import parse_citation
from zhifa.lawbase.models import Matter
from zhifa.lawbase.selectors import resolve
from zhifa.orgs.choices import RegionLevel

# 食品安全法 第三十五条 (licence required) / 第一百二十二条 (penalty: fines by goods value).
FOOD_LICENCE = ("《中华人民共和国食品安全法》第三十五条", "《中华人民共和国食品安全法》第一百二十二条第一款")
# 大气污染防治法 第九十九条: 十万元以上一百万元以下.
AIR_PERMIT = ("《中华人民共和国大气污染防治法》第十九条", "《中华人民共和国大气污染防治法》第九十九条第（一）项")


def spec(citation: str, role: str) -> BasisSpec:
    parsed = parse_citation(citation)
    return BasisSpec(resolve(parsed), role, parsed.paragraph, parsed.item)


def make_matter(
    code: str = "T-001", *, basis: tuple[str, str] = AIR_PERMIT, domain: Any = None, **fields: Any
) -> Matter:
    violated, penalty = basis
    province = RegionFactory(code="330000", name="浙江省", level=RegionLevel.PROVINCE)
    return create_matter(
        by=None,
        code=code,
        name=fields.pop("name", "未依法取得排污许可证排放大气污染物"),
        kind=fields.pop("kind", "penalty"),
        domain=domain or DomainFactory(code="ecology_environment", name="生态环境"),
        region=fields.pop("region", province),
        bases=[spec(violated, "violated"), spec(penalty, "penalty")],
        **fields,
    )


def graded_benchmark(matter: Matter, region: Any) -> Any:
    """A published three-row benchmark (轻微 10–30万, 一般 30–60万, 较重 60–100万) from 2024-01-01."""
    import datetime as dt
    from decimal import Decimal

    from zhifa.lawbase.actions.discretion import create_benchmark, publish_benchmark, save_level

    draft = create_benchmark(by=None, matter=matter, title="排污许可裁量基准", region=region)
    rows = [("minor", "100000", "300000"), ("general", "300000", "600000"), ("serious", "600000", "1000000")]
    for order, (grade, low, high) in enumerate(rows, start=1):
        save_level(
            draft,
            by=None,
            order=order,
            grade=grade,
            circumstances=f"{grade} 情形",
            fine_base="amount",
            fine_min=Decimal(low),
            fine_max=Decimal(high),
        )
    return publish_benchmark(draft, by=None, effective_from=dt.date(2024, 1, 1))
