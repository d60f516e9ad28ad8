"""Discretion benchmarks: never beyond the statute, versioned by date, most specific region first."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.factories.lawbase import FOOD_LICENCE, make_matter
from tests.factories.orgs import AgencyFactory, DomainFactory, OfficerFactory
from zhifa.core.errors import InvalidInput, PermissionDenied, RuleViolation
from zhifa.core.models import AuditEntry
from zhifa.lawbase.actions.discretion import create_benchmark, new_benchmark_version, publish_benchmark, save_level
from zhifa.lawbase.models import DiscretionLevel
from zhifa.lawbase.selectors import benchmark_in_force
from zhifa.orgs.choices import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def matter(regions):
    return make_matter()  # 大气污染防治法 第九十九条: 十万元以上一百万元以下


@pytest.fixture
def draft(matter, regions):
    return create_benchmark(by=None, matter=matter, title="排污许可裁量基准", region=regions["province"])


def level(draft, order=1, low="100000", high="300000", **fields):
    return save_level(
        draft,
        by=None,
        order=order,
        grade=fields.pop("grade", "minor"),
        circumstances="初次违法",
        fine_base=fields.pop("fine_base", "amount"),
        fine_min=Decimal(low) if low else None,
        fine_max=Decimal(high) if high else None,
        **fields,
    )


def test_a_level_within_the_statute_is_saved_and_audited(draft):
    level(draft)
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry.action == "lawbase.benchmark.level_saved"
    assert entry.changes["new"]["fine_max"] == "300000"


@pytest.mark.parametrize(("low", "high"), [("50000", "300000"), ("100000", "1200000"), ("2000000", "3000000")])
def test_a_level_beyond_the_statute_is_refused_with_both_ranges_and_the_article(draft, low, high):
    with pytest.raises(RuleViolation) as error:
        level(draft, low=low, high=high)
    message = error.value.message
    assert "10万元以上100万元以下" in message  # the statute
    assert "超出" in message
    assert "第九十九条" in error.value.citation
    assert not DiscretionLevel.objects.filter(benchmark=draft).exists()


def test_a_level_on_a_base_the_statute_does_not_use_is_refused(draft):
    with pytest.raises(RuleViolation, match="法定幅度"):
        level(draft, fine_base="illegal_gains", low="1", high="3")


def test_a_fine_where_the_penalty_article_sets_none_is_refused(regions):
    matter = make_matter(
        "T-002",
        name="擅自堆放物料",
        basis=("《城市市容和环境卫生管理条例》第十四条", "《城市市容和环境卫生管理条例》第三十六条第（二）项"),
        domain=DomainFactory(),
    )
    draft = create_benchmark(by=None, matter=matter, title="堆放物料", region=regions["province"])
    with pytest.raises(RuleViolation):
        level(draft, low="100", high="1000")
    level(draft, low=None, high=None, fine_base="", other_penalties="责令限期清理")


def test_fines_measured_by_goods_value_follow_the_statutes_multiples(regions):
    matter = make_matter(
        "T-003",
        basis=FOOD_LICENCE,
        name="未取得食品经营许可从事食品经营",
        domain=DomainFactory(code="market_regulation"),
    )
    draft = create_benchmark(by=None, matter=matter, title="无证经营食品", region=regions["province"])
    level(draft, low="50000", high="80000")  # 货值不足一万元的 5万—10万
    level(draft, order=2, grade="severe", fine_base="goods_value", low="10", high="15")  # 货值 10—20 倍
    with pytest.raises(RuleViolation):
        level(draft, order=3, grade="severe", fine_base="goods_value", low="10", high="25")


def test_versions_by_date_and_the_most_specific_region(matter, regions):
    v1 = create_benchmark(by=None, matter=matter, title="2022 版", region=regions["province"])
    level(v1, low="100000", high="500000")
    publish_benchmark(v1, by=None, effective_from=dt.date(2022, 1, 1))
    v2 = new_benchmark_version(v1, by=None, title="2024 版")
    level(v2, low="100000", high="200000")
    publish_benchmark(v2, by=None, effective_from=dt.date(2024, 1, 1))
    v1.refresh_from_db()
    assert v1.effective_to == dt.date(2023, 12, 31)
    county_path = regions["county"].path
    assert benchmark_in_force(matter, dt.date(2023, 6, 1), county_path) == v1
    assert benchmark_in_force(matter, dt.date(2024, 6, 1), county_path) == v2
    assert benchmark_in_force(matter, dt.date(2021, 6, 1), county_path) is None
    local = create_benchmark(by=None, matter=matter, title="西湖区细化", region=regions["county"])
    level(local, low="150000", high="250000")
    publish_benchmark(local, by=None, effective_from=dt.date(2024, 3, 1))
    assert benchmark_in_force(matter, dt.date(2024, 6, 1), county_path) == local
    assert benchmark_in_force(matter, dt.date(2024, 6, 1), regions["beside"].path) == v2


def test_a_published_benchmark_cannot_be_edited(draft):
    level(draft)
    publish_benchmark(draft, by=None, effective_from=dt.date(2025, 1, 1))
    with pytest.raises(InvalidInput, match="新建一个版本"):
        level(draft, order=2, grade="general")


def test_publishing_needs_levels_and_a_later_date(matter, regions, draft):
    with pytest.raises(InvalidInput, match="至少要有一个档次"):
        publish_benchmark(draft, by=None, effective_from=dt.date(2025, 1, 1))
    level(draft)
    publish_benchmark(draft, by=None, effective_from=dt.date(2025, 1, 1))
    older = create_benchmark(by=None, matter=matter, title="回溯版本", region=regions["province"])
    level(older)
    with pytest.raises(InvalidInput, match="须晚于"):
        publish_benchmark(older, by=None, effective_from=dt.date(2024, 1, 1))


def test_only_administrators_of_the_region_maintain_benchmarks(matter, regions):
    county_admin = OfficerFactory(agency=AgencyFactory(region=regions["county"]), roles=[Role.ADMINISTRATOR]).user
    officer = OfficerFactory(agency=AgencyFactory(region=regions["county"])).user
    with pytest.raises(PermissionDenied):
        create_benchmark(by=officer, matter=matter, title="x", region=regions["county"])
    with pytest.raises(PermissionDenied):  # the province's benchmark is above a county administrator
        create_benchmark(by=county_admin, matter=matter, title="x", region=regions["province"])
    create_benchmark(by=county_admin, matter=matter, title="西湖区细化", region=regions["county"])


# -- edge cases of the statute check, on real articles of the shipped law base -------------------

# 广告法 第六十三条: 违法所得五万元以上的，并处违法所得一倍以上三倍以下的罚款，违法所得不足五万元的，并处一万元
# 以上五万元以下的罚款 (two fines on two bases, each with its condition).
AD_VENUE = ("《中华人民共和国广告法》第四十五条", "《中华人民共和国广告法》第六十三条")
# 无证无照经营查处办法 第十三条: 并处1万元以下的罚款 (no minimum).
UNLICENSED = ("《无证无照经营查处办法》第二条", "《无证无照经营查处办法》第十三条")


def _draft_on(code: str, basis: tuple[str, str], regions: dict) -> object:
    matter = make_matter(code, basis=basis, name=f"事项 {code}", domain=DomainFactory())
    return create_benchmark(by=None, matter=matter, title=f"基准 {code}", region=regions["province"])


def test_a_multiple_of_illegal_gains_must_stay_within_the_statutes_multiples(regions):
    draft = _draft_on("T-010", AD_VENUE, regions)
    level(draft, fine_base="illegal_gains", low="1", high="2")
    with pytest.raises(RuleViolation) as error:
        level(draft, order=2, grade="severe", fine_base="illegal_gains", low="2", high="4")
    message = error.value.message
    assert "违法所得2倍以上4倍以下" in message  # the level
    assert "违法所得1倍以上3倍以下" in message  # the statute
    assert "《中华人民共和国广告法》第六十三条" in message
    assert error.value.rule == "DB-34"


def test_an_article_with_several_fines_admits_a_level_within_any_of_them_and_names_them_all(regions):
    draft = _draft_on("T-011", AD_VENUE, regions)
    level(draft, low="10000", high="50000")  # 违法所得不足五万元的: 1万—5万
    level(draft, order=2, grade="severe", fine_base="illegal_gains", low="2", high="3")
    with pytest.raises(RuleViolation) as error:
        level(draft, order=3, grade="severe", low="5000", high="50000")
    message = error.value.message
    assert "5000元以上5万元以下" in message
    assert "1万元以上5万元以下" in message
    assert "第六十三条" in error.value.citation


def test_an_open_ended_fine_with_no_minimum_bounds_only_the_top(regions):
    draft = _draft_on("T-012", UNLICENSED, regions)
    level(draft, low=None, high="3000")  # 1万元以下, from nothing
    level(draft, order=2, grade="general", low="3000", high="10000")
    with pytest.raises(RuleViolation) as error:
        level(draft, order=3, grade="severe", low="8000", high="15000")
    message = error.value.message
    assert "8000元以上1.5万元以下" in message
    assert "1万元以下" in message
    assert "《无证无照经营查处办法》第十三条" in error.value.citation


def test_a_fine_with_a_minimum_and_no_maximum_sets_a_floor_and_no_ceiling():
    """No article of the shipped base sets a penalty "X元以上罚款" without a maximum (the ones that
    read so are thresholds, e.g. 治安管理处罚法 第九十八条's hearing rule), so the limit is made here."""
    from zhifa.lawbase.models import StatutoryPenalty
    from zhifa.lawbase.statute_check import _within

    limit = StatutoryPenalty(kind="fine", base="amount", minimum=Decimal(2000), maximum=None)
    assert _within(DiscretionLevel(fine_base="amount", fine_min=Decimal(2000), fine_max=Decimal(50000)), limit)
    assert not _within(DiscretionLevel(fine_base="amount", fine_min=Decimal(1000), fine_max=Decimal(5000)), limit)
    neither = StatutoryPenalty(kind="fine", base="amount", minimum=None, maximum=None)
    assert not _within(DiscretionLevel(fine_base="amount", fine_min=Decimal(1), fine_max=Decimal(2)), neither)
