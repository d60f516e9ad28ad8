"""The real first-offence waiver list of 广东省生态环境厅 (粤环发〔2021〕7号 附件2) attached to the
matters whose violated provision it names."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories.lawbase import make_matter
from tests.factories.orgs import DomainFactory, RegionFactory
from zhifa.lawbase.models import DiscretionBenchmark
from zhifa.lawbase.selectors import benchmark_in_force
from zhifa.lawbase.waivers import load_guangdong_waivers, waiver_list
from zhifa.orgs.choices import RegionLevel

pytestmark = pytest.mark.django_db
AIR = "《中华人民共和国大气污染防治法》"


@pytest.fixture
def guangdong(regions):
    return RegionFactory(code="440000", name="广东省", level=RegionLevel.PROVINCE)


def air_matter(code: str, violated: str) -> object:
    domain = DomainFactory(code=f"eco-{code}")
    return make_matter(code, basis=(f"{AIR}{violated}", f"{AIR}第九十九条"), name=f"事项 {code}", domain=domain)


def test_the_shipped_list_is_the_real_one_and_every_item_requires_a_first_offence():
    data = waiver_list()
    assert (data["issuer"], data["document_no"]) == ("广东省生态环境厅", "粤环发〔2021〕7号 附件2")
    assert (data["effective"], data["valid_until"]) == ("2022-01-01", "2026-12-31")
    assert len(data["items"]) == 20
    assert all(any("首次违法" in c for c in item["conditions"]) for item in data["items"])


def test_a_matter_on_a_listed_provision_gets_a_waiver_benchmark_for_guangdong(guangdong):
    exceeding = air_matter("HB-T18", "第十八条")  # item 8
    evading = air_matter("HB-T20B", "第二十条第二款")  # item 9 names paragraph 2
    outlet = air_matter("HB-T20A", "第二十条第一款")  # not listed
    summary = load_guangdong_waivers(by=None)
    assert (summary.items, summary.created) == (20, 2)
    assert not DiscretionBenchmark.objects.filter(matter=outlet).exists()
    benchmark = DiscretionBenchmark.objects.get(matter=exceeding)
    assert benchmark.first_offence_waiver
    assert benchmark.region == guangdong
    assert benchmark.document_no == "粤环发〔2021〕7号 附件2"
    assert "近一年内属于首次违法" in benchmark.waiver_conditions
    assert (benchmark.effective_from, benchmark.effective_to) == (dt.date(2022, 1, 1), dt.date(2026, 12, 31))
    [row] = benchmark.levels.all()
    assert row.grade == "no_penalty"
    assert not row.has_fine
    assert benchmark_in_force(evading, dt.date(2024, 6, 1), guangdong.path).first_offence_waiver
    assert benchmark_in_force(evading, dt.date(2027, 1, 1), guangdong.path) is None  # the list expired
    assert load_guangdong_waivers(by=None).created == 0  # idempotent
