"""A case uses the discretion benchmark in force on the date of the violation; importing a new
version of the benchmark later leaves the cases decided under the old one as they were."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook

from tests.cases.flow import investigated, registered, reported
from tests.factories.cases import build_world
from zhifa.cases.selectors import benchmark_for
from zhifa.core.imports import ALL_OR_NOTHING
from zhifa.core.tabular import read_rows
from zhifa.lawbase.actions.imports import import_benchmarks
from zhifa.lawbase.models import DiscretionBenchmark
from zhifa.lawbase.tables import BENCHMARK_TABLE

pytestmark = pytest.mark.django_db
D = dt.date
HEADERS = [
    "事项编码",
    "基准名称",
    "适用地区",
    "施行日期",
    "档次序号",
    "裁量档次",
    "适用情形",
    "罚款基数",
    "罚款下限",
    "罚款上限",
]


def import_version(tmp_path: Path, code: str, effective: str, general: tuple[str, str]) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(HEADERS)
    sheet.append([code, "无证排污裁量基准", "330000", effective, "1", "一般", "初次违法", "固定金额", *general])
    sheet.append(
        [code, "无证排污裁量基准", "330000", effective, "2", "严重", "多次违法", "固定金额", "500000", "1000000"]
    )
    path = tmp_path / f"{effective}.xlsx"
    book.save(path)
    report = import_benchmarks(by=None, result=read_rows(BENCHMARK_TABLE, path), mode=ALL_OR_NOTHING, source=path.name)
    assert report.errors == []
    assert report.created == 1


def test_a_case_keeps_the_benchmark_of_its_violation_date_after_a_new_version_is_imported(tmp_path):
    w = build_world()
    import_version(tmp_path, w.matter.code, "2025-01-01", ("100000", "300000"))
    old_case = reported(w)  # act 2025-06-20
    v1 = DiscretionBenchmark.objects.get()
    assert old_case.reports.get().benchmark == v1

    import_version(tmp_path, w.matter.code, "2025-10-01", ("100000", "200000"))
    v1.refresh_from_db()
    v2 = DiscretionBenchmark.objects.exclude(pk=v1.pk).get()
    assert v1.effective_to == D(2025, 9, 30)
    # The old case: same report, same benchmark, same levels; and still the one in force on its act date.
    assert old_case.reports.get().benchmark == v1
    assert benchmark_for(old_case) == v1
    assert [(lv.fine_min, lv.fine_max) for lv in v1.levels.order_by("order")][0] == (100000, 300000)

    new_case = registered(w, act=D(2025, 10, 8), received=D(2025, 10, 9), registered_on=D(2025, 10, 10))
    new_case = reported(w, investigated(w, new_case, day=D(2025, 10, 13)))
    assert benchmark_for(new_case) == v2
    assert new_case.reports.get().benchmark == v2
