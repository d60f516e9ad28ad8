"""Intelligent discretion: the statute first, then the benchmark row, each step with its source."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.factories.lawbase import graded_benchmark, make_matter
from zhifa.lawbase.assist.discretion import Facts, advise

pytestmark = pytest.mark.django_db
ACT = dt.date(2025, 6, 20)


@pytest.fixture
def matter(regions):
    return make_matter()  # 大气污染防治法 第九十九条: 十万元以上一百万元以下


@pytest.fixture
def benchmark(matter, regions):
    return graded_benchmark(matter, regions["province"])


def sources(advice):
    return [r.source for r in advice.reasons]


def test_the_row_follows_the_harm_and_the_range_is_the_rows(matter, benchmark):
    advice = advise(matter, Facts(act_date=ACT, harm="general"))
    assert advice.outcome == "penalty"
    assert advice.grade == "general"
    assert (advice.fine_min, advice.fine_max) == (Decimal(300000), Decimal(600000))
    assert advice.range_text == "30万元以上60万元以下"
    assert any("第九十九条" in s for s in sources(advice))  # the statutory limit, cited
    assert any("第三十四条" in s for s in sources(advice))  # the benchmark, under Art 34
    assert any("排污许可裁量基准" in s for s in sources(advice))  # the row used


def test_a_repeat_violation_goes_one_row_up(matter, benchmark):
    advice = advise(matter, Facts(act_date=ACT, harm="general", repeat=True))
    assert advice.grade == "serious"
    assert advice.fine_max == Decimal(1000000)
    assert any("再次违法" in r.text for r in advice.reasons)


def test_a_statutory_mitigating_ground_keeps_to_the_lower_half_of_the_row(matter, benchmark):
    advice = advise(matter, Facts(act_date=ACT, harm="general", harm_removed=True))
    assert advice.mitigation == "lighter"
    assert (advice.fine_min, advice.fine_max) == (Decimal(300000), Decimal(450000))
    assert "《中华人民共和国行政处罚法》第三十二条第一款第（一）项" in sources(advice)


def test_a_minor_corrected_violation_without_harm_is_not_penalised(matter, benchmark):
    advice = advise(matter, Facts(act_date=ACT, harm="none", corrected=True))
    assert advice.outcome == "no_penalty"
    assert advice.fine_max is None
    assert "《中华人民共和国行政处罚法》第三十三条第一款" in sources(advice)


def test_a_child_under_fourteen_is_not_penalised(matter, benchmark):
    facts = Facts(act_date=ACT, party="individual", birth_date=dt.date(2012, 3, 1), harm="serious")
    advice = advise(matter, facts)
    assert advice.outcome == "no_penalty"
    assert "《中华人民共和国行政处罚法》第三十条" in sources(advice)


def test_a_minor_of_fifteen_is_penalised_more_lightly(matter, benchmark):
    facts = Facts(act_date=ACT, party="individual", birth_date=dt.date(2010, 3, 1), harm="minor")
    advice = advise(matter, facts)
    assert advice.outcome == "penalty"
    assert advice.mitigation == "lighter"
    assert advice.fine_max == Decimal(200000)


def test_the_benchmark_in_force_on_the_act_date_is_used(matter, benchmark):
    advice = advise(matter, Facts(act_date=dt.date(2023, 6, 1), harm="general"))
    assert advice.benchmark is None
    assert advice.grade == ""
    # No benchmark yet: the statutory range, and the reason says so.
    assert (advice.fine_min, advice.fine_max) == (Decimal(100000), Decimal(1000000))
    assert any("没有施行中的裁量基准" in r.text for r in advice.reasons)


def test_illegal_gains_are_to_be_confiscated(matter, benchmark):
    advice = advise(matter, Facts(act_date=ACT, harm="general", illegal_gains=Decimal(8000)))
    assert advice.confiscate_gains
    assert "《中华人民共和国行政处罚法》第二十八条第二款" in sources(advice)


def test_the_calculator_page_shows_the_range_and_the_reasons(matter, benchmark, signed_in, regions):
    from tests.factories.orgs import AgencyFactory, OfficerFactory

    # An officer in Hangzhou gets the Zhejiang benchmark.
    client = signed_in(OfficerFactory(agency=AgencyFactory(region=regions["county"])).user)
    query = {"act_date": "2025-06-20", "harm": "general", "party": "organisation"}
    page = client.get(f"/lawbase/matters/{matter.code}/discretion/", query)
    html = page.content.decode()
    assert page.status_code == 200
    assert "30万元以上60万元以下" in html
    assert "第三十四条" in html


def test_the_calculator_refuses_a_birth_date_after_the_act(matter, benchmark, signed_in):
    from tests.factories.orgs import OfficerFactory

    client = signed_in(OfficerFactory().user)
    query = {"act_date": "2025-06-20", "harm": "general", "party": "individual", "birth_date": "2026-01-01"}
    page = client.get(f"/lawbase/matters/{matter.code}/discretion/", query)
    assert page.status_code == 200
    assert "出生日期不能晚于违法行为发生日期" in page.content.decode()
    assert "裁量建议" not in page.content.decode()


def test_cooperation_lightens_within_the_row_only_where_the_benchmark_lists_it(matter, regions):
    from zhifa.lawbase.actions.discretion import add_circumstance, create_benchmark, publish_benchmark, save_level

    draft = create_benchmark(by=None, matter=matter, title="排污许可裁量基准（配合）", region=regions["province"])
    save_level(
        draft,
        by=None,
        order=1,
        grade="general",
        circumstances="一般",
        fine_base="amount",
        fine_min=Decimal(300000),
        fine_max=Decimal(600000),
    )
    add_circumstance(draft, by=None, kind="mitigating", text="积极配合调查，如实陈述违法事实", legal_basis="基准第五条")
    publish_benchmark(draft, by=None, effective_from=dt.date(2024, 1, 1))

    advice = advise(matter, Facts(act_date=ACT, harm="general", cooperative=True))
    assert (advice.fine_min, advice.fine_max) == (Decimal(300000), Decimal(450000))
    assert "排污许可裁量基准（配合） · 基准第五条" in sources(advice)
    assert any("积极配合调查" in r.text for r in advice.reasons)
    plain = advise(matter, Facts(act_date=ACT, harm="general"))
    assert (plain.fine_min, plain.fine_max) == (Decimal(300000), Decimal(600000))


def test_cooperation_the_benchmark_does_not_list_changes_nothing_and_says_so(matter, benchmark):
    advice = advise(matter, Facts(act_date=ACT, harm="general", cooperative=True))
    assert (advice.fine_min, advice.fine_max) == (Decimal(300000), Decimal(600000))
    assert any("未将其列为从轻情节" in r.text for r in advice.reasons)


def test_every_step_of_the_range_cites_the_benchmark_row_or_the_article(matter, benchmark):
    advice = advise(matter, Facts(act_date=ACT, harm="general", repeat=True))
    by_text = {r.text: r.source for r in advice.reasons}
    assert by_text["建议罚款幅度：60万元以上100万元以下。"] == "排污许可裁量基准 · 较重"
    assert any(s.startswith("《中华人民共和国大气污染防治法》第九十九条") for s in sources(advice))
    assert by_text["再次违法：从重，提高一档。"] == "排污许可裁量基准"
    assert all(r.source for r in advice.reasons), [r.text for r in advice.reasons if not r.source]


def test_an_open_ended_row_stops_at_the_statutory_maximum(matter, regions):
    from zhifa.lawbase.actions.discretion import create_benchmark, publish_benchmark, save_level

    draft = create_benchmark(by=None, matter=matter, title="排污许可裁量基准（不设上限）", region=regions["province"])
    save_level(
        draft,
        by=None,
        order=1,
        grade="serious",
        circumstances="情节较重",
        fine_base="amount",
        fine_min=Decimal(600000),
        fine_max=None,
    )
    publish_benchmark(draft, by=None, effective_from=dt.date(2024, 1, 1))
    for facts in (Facts(act_date=ACT, harm="serious"), Facts(act_date=ACT, harm="serious", refused_correction=True)):
        advice = advise(matter, facts)
        assert (advice.fine_min, advice.fine_max) == (Decimal(600000), Decimal(1000000))  # 第九十九条: 一百万元以下
        assert any("未设上限" in r.text and "第九十九条" in r.source for r in advice.reasons)
    lighter = advise(matter, Facts(act_date=ACT, harm="serious", harm_removed=True))
    assert (lighter.fine_min, lighter.fine_max) == (Decimal(600000), Decimal(800000))
