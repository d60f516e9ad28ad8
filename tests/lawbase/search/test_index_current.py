"""The search index stays current after every element-centre action that changes what it holds:
a law and its articles (import: create, edit, repeal), a matter (create, edit, repeal), a
discretion benchmark (create, add or change a row, remove a row, publish, new version) and a
typical case (create, edit). Each test searches for what the action changed, in the same
transaction, without any reindex step."""

from __future__ import annotations

import copy
import datetime as dt
import io
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.utils import timezone

from tests.factories.lawbase import make_matter
from zhifa.lawbase.actions.discretion import (
    create_benchmark,
    new_benchmark_version,
    publish_benchmark,
    remove_level,
    save_level,
)
from zhifa.lawbase.actions.laws import import_laws
from zhifa.lawbase.actions.matters import update_matter
from zhifa.lawbase.actions.references import save_reference_case
from zhifa.lawbase.law_data import iter_laws
from zhifa.lawbase.models import SearchKind
from zhifa.lawbase.search.query import Filters, Hit, search

pytestmark = pytest.mark.django_db

HOLIDAYS = "全国年节及纪念日放假办法"  # small, and not among the laws the session loads
PENALTIES = "中华人民共和国行政处罚法"


def _found(query: str, kind: str) -> list[Hit]:
    return search(query, filters=Filters(kinds=(kind,)), limit=10)


def _record(title: str) -> dict:
    return copy.deepcopy(next(r for r in iter_laws() if r["title"] == title))


def test_importing_a_new_law_indexes_it_and_its_articles():
    assert not _found("纪念日放假", SearchKind.LAW)
    import_laws(by=None, records=[_record(HOLIDAYS)])
    assert [h.title for h in _found("纪念日放假", SearchKind.LAW)] == [f"《{HOLIDAYS}》"]
    assert any(h.law_title == HOLIDAYS for h in _found("纪念日放假", SearchKind.ARTICLE))


def test_importing_an_edited_article_replaces_its_entry():
    record = _record(PENALTIES)
    record["articles"][0]["text"] += "另行规定渣土飞扬监测办法。"
    import_laws(by=None, records=[record])
    [hit] = [h for h in _found("渣土飞扬监测", SearchKind.ARTICLE) if h.law_title == PENALTIES]
    assert hit.article_number == record["articles"][0]["number"]


def test_importing_a_repeal_marks_the_entries_not_in_force():
    record = _record(PENALTIES)
    record["status"] = "已废止"
    import_laws(by=None, records=[record])
    assert not any(h.law_title == PENALTIES for h in search("从轻或者减轻行政处罚", filters=Filters(in_force=True)))
    repealed = search("从轻或者减轻行政处罚", filters=Filters(in_force=False))
    assert repealed
    assert all(h.law_title == PENALTIES and not h.in_force for h in repealed)


@pytest.fixture
def matter(regions):
    return make_matter("T-001", aliases="偷排废气")


def test_creating_a_matter_indexes_it_and_its_violated_article(matter):
    assert [h.matter_code for h in _found("偷排废气", SearchKind.MATTER)] == ["T-001"]
    assert any(h.matter_code == "T-001" for h in _found("偷排废气", SearchKind.ARTICLE))


def test_editing_a_matter_reindexes_it(matter):
    update_matter(matter, by=None, expected_version=matter.version, name="夜间偷偷焚烧电缆皮", aliases="")
    assert [h.title for h in _found("焚烧电缆皮", SearchKind.MATTER)] == ["夜间偷偷焚烧电缆皮"]
    # The old name and alias are gone from what is shown (the article's own words still match).
    assert all(
        "偷排废气" not in h.snippet and h.title != "未依法取得排污许可证排放大气污染物"
        for h in _found("偷排废气", SearchKind.MATTER)
    )


def test_repealing_a_matter_marks_its_entry_not_in_force(matter):
    update_matter(matter, by=None, expected_version=matter.version, status="repealed")
    assert not search("偷排废气", filters=Filters(kinds=(SearchKind.MATTER,), in_force=True))
    [hit] = _found("偷排废气", SearchKind.MATTER)
    assert not hit.in_force


@pytest.fixture
def draft(matter, regions):
    return create_benchmark(by=None, matter=matter, title="排污许可裁量基准（试行）", region=regions["province"])


def _row(benchmark, order: int, circumstances: str):
    return save_level(
        benchmark,
        by=None,
        order=order,
        grade="minor" if order == 1 else "general",
        circumstances=circumstances,
        fine_min=Decimal("100000"),
        fine_max=Decimal("300000"),
    )


def test_creating_a_benchmark_indexes_it(draft):
    [hit] = _found("排污许可裁量基准", SearchKind.BENCHMARK)
    assert hit.object_id == draft.pk
    assert not hit.in_force  # a draft is not in force


def test_saving_a_benchmark_row_indexes_its_circumstances(draft):
    _row(draft, 1, "首次违法且排放时间不足一小时")
    assert [h.object_id for h in _found("排放时间不足一小时", SearchKind.BENCHMARK)] == [draft.pk]


def test_removing_a_benchmark_row_drops_its_circumstances(draft):
    _row(draft, 1, "首次违法且排放时间不足一小时")
    _row(draft, 2, "拒不改正持续偷排")
    remove_level(draft, by=None, order=1)
    assert all("不足一小时" not in h.snippet for h in _found("排放时间不足一小时", SearchKind.BENCHMARK))
    [hit] = _found("排污许可裁量基准 持续偷排", SearchKind.BENCHMARK)
    assert "持续偷排" in hit.snippet
    assert "不足一小时" not in hit.snippet


def test_publishing_a_benchmark_puts_its_entry_in_force(draft):
    _row(draft, 1, "首次违法且排放时间不足一小时")
    publish_benchmark(draft, by=None, effective_from=dt.date(2024, 1, 1))
    [hit] = search("排污许可裁量基准", filters=Filters(kinds=(SearchKind.BENCHMARK,), in_force=True))
    assert hit.object_id == draft.pk


def test_a_new_benchmark_version_is_indexed_beside_the_published_one(draft):
    _row(draft, 1, "首次违法且排放时间不足一小时")
    published = publish_benchmark(draft, by=None, effective_from=dt.date(2024, 1, 1))
    second = new_benchmark_version(published, by=None, title="排污许可裁量基准（2026年修订）")
    assert {h.object_id for h in _found("排污许可裁量基准", SearchKind.BENCHMARK)} == {published.pk, second.pk}


def test_saving_a_typical_case_indexes_it_and_an_edit_replaces_it(matter):
    case = save_reference_case(
        by=None,
        title="某化工厂偷排废气案",
        kind="enforcement",
        summary="夜间关闭治污设施",
        decision="罚款十万元",
        matters=[matter],
    )
    [hit] = _found("关闭治污设施", SearchKind.REFERENCE)
    assert (hit.object_id, hit.matter_code) == (case.pk, "T-001")
    save_reference_case(by=None, title="某化工厂偷排废气案", summary="擅自拆除在线监测设备")
    assert not _found("关闭治污设施", SearchKind.REFERENCE)
    assert [h.object_id for h in _found("在线监测设备", SearchKind.REFERENCE)] == [case.pk]


# --- the daily refresh of what comes into force or lapses ----------------------------------------


def _reindex_due() -> int:
    out = io.StringIO()
    call_command("lawbase", "reindex", "--due", stdout=out)
    match = re.fullmatch(r"检索索引：生效或失效状态已更新 (\d+) 项\n", out.getvalue())
    assert match, out.getvalue()
    return int(match.group(1))


def _noon(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(12), tzinfo=ZoneInfo("Asia/Shanghai"))


def _in_force(query: str, kind: str) -> list[int]:
    return [h.object_id for h in search(query, filters=Filters(kinds=(kind,), in_force=True))]


def test_a_benchmark_published_ahead_comes_into_force_in_search_on_its_day(draft):
    today = timezone.localdate()
    _row(draft, 1, "首次违法且排放时间不足一小时")
    published = publish_benchmark(draft, by=None, effective_from=today + dt.timedelta(days=10))
    assert _in_force("排污许可裁量基准", SearchKind.BENCHMARK) == []
    assert _reindex_due() == 0  # nothing changed yet

    with time_machine.travel(_noon(today + dt.timedelta(days=10))):
        assert _reindex_due() == 1
    assert _in_force("排污许可裁量基准", SearchKind.BENCHMARK) == [published.pk]
    with time_machine.travel(_noon(today + dt.timedelta(days=11))):
        assert _reindex_due() == 0  # rewritten once, not every day


def test_a_matter_whose_validity_ends_leaves_the_in_force_results_the_day_after(regions):
    today = timezone.localdate()
    matter = make_matter("T-009", name="未按规定设置排污口偷排废气")
    matter = update_matter(matter, by=None, expected_version=matter.version, effective_to=today + dt.timedelta(days=5))
    assert _in_force("设置排污口偷排废气", SearchKind.MATTER) == [matter.pk]

    with time_machine.travel(_noon(today + dt.timedelta(days=5))):
        assert _reindex_due() == 0  # its last day: still in force
    with time_machine.travel(_noon(today + dt.timedelta(days=6))):
        assert _reindex_due() == 1
    [hit] = _found("设置排污口偷排废气", SearchKind.MATTER)
    assert not hit.in_force
