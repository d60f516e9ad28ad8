"""describe → suggest: candidate matters with their articles, statutory limits and benchmark."""

from __future__ import annotations

import pytest

from tests.factories.lawbase import FOOD_LICENCE, make_matter
from tests.factories.orgs import DomainFactory
from zhifa.lawbase.assist.suggest import suggest

pytestmark = pytest.mark.django_db


@pytest.fixture
def matters(regions):
    air = make_matter("HB-021", name="未取得排污许可证排放大气污染物", aliases="无证排污")
    food = make_matter(
        "SJ-001",
        basis=FOOD_LICENCE,
        name="未取得食品生产经营许可从事食品生产经营活动",
        aliases="无证卖食品",
        domain=DomainFactory(code="market", name="市场监管"),
    )
    return air, food


def test_a_described_behaviour_ranks_the_matching_matter_first_with_its_articles(matters):
    candidates = suggest("这家工厂没有排污许可证就在排废气", limit=3)
    first = candidates[0]
    assert first.matter.code == "HB-021"
    assert [b.citation for b in first.violated] == ["《中华人民共和国大气污染防治法》第十九条"]
    assert first.penalty[0].citation.startswith("《中华人民共和国大气污染防治法》第九十九条")
    limits = [p for _, ps in first.limits for p in ps if p.kind == "fine"]
    assert limits
    assert limits[0].maximum == 1000000


def test_suggestions_can_be_kept_to_one_domain(matters):
    codes = [c.matter.code for c in suggest("没有许可证", domain="market")]
    assert codes == ["SJ-001"]
