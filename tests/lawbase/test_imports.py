"""Spreadsheet import: every row checked first; errors by row and column in Chinese; nothing
written unless all rows are valid (or, by choice, only the valid rows, with a report)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from tests.factories.lawbase import make_matter
from tests.factories.orgs import DomainFactory
from zhifa.core.imports import ALL_OR_NOTHING, VALID_ONLY
from zhifa.core.models import AuditEntry
from zhifa.core.tabular import TableFormatError, read_rows, write_rows
from zhifa.lawbase.actions.imports import import_benchmarks, import_matters
from zhifa.lawbase.models import DiscretionBenchmark, Matter
from zhifa.lawbase.tables import BENCHMARK_TABLE, MATTER_TABLE, matter_rows

pytestmark = pytest.mark.django_db

HEADERS = ["事项编码", "事项名称", "事项类别", "执法领域", "所属地区", "违法依据", "处罚依据", "俗称"]
GOOD = [
    [
        "CG-101",
        "擅自在街道两侧堆放物料",
        "行政处罚",
        "城市管理",
        "330000",
        "《城市市容和环境卫生管理条例》第十四条",
        "《城市市容和环境卫生管理条例》第三十六条第（二）项",
        "乱堆物料、占道堆放",
    ],
    [
        "HB-101",
        "无证排污",
        "行政处罚",
        "生态环境",
        "330000",
        "《大气污染防治法》第十九条",
        "《大气污染防治法》第九十九条第（一）项",
        "",
    ],
]


def xlsx(path: Path, headers: list[str], rows: list[list[str]]) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def domains(regions):
    return DomainFactory(code="urban_management", name="城市管理"), DomainFactory(
        code="ecology_environment", name="生态环境"
    )


def test_a_valid_file_creates_the_matters_with_their_bases(tmp_path, domains):
    result = read_rows(MATTER_TABLE, xlsx(tmp_path / "m.xlsx", HEADERS, GOOD))
    report = import_matters(by=None, result=result, mode=ALL_OR_NOTHING, source="m.xlsx")
    assert (report.created, report.errors) == (2, [])
    matter = Matter.objects.get(code="CG-101")
    assert matter.alias_list == ["乱堆物料", "占道堆放"]
    assert {b.citation for b in matter.bases.all()} == {
        "《城市市容和环境卫生管理条例》第十四条",
        "《城市市容和环境卫生管理条例》第三十六条第（二）项",
    }
    assert AuditEntry.objects.filter(action="lawbase.table.imported").count() == 1


def test_a_bad_file_is_refused_row_by_row_and_writes_nothing(tmp_path, domains):
    bad = [
        GOOD[0],
        ["CG-102", "某事项", "行政处罚", "城市管理", "330000", "《城市市容和环境卫生管理条例》第十四条", "", ""],
        ["CG-103", "某事项", "处罚", "城市管理", "330000", "x", "y", ""],
        [
            "CG-104",
            "某事项",
            "行政处罚",
            "不存在的领域",
            "999999",
            "《城市市容和环境卫生管理条例》第一百条",
            "《城市市容和环境卫生管理条例》第三十六条",
            "",
        ],
        ["CG-101", "重复编码", "行政处罚", "城市管理", "", GOOD[0][5], GOOD[0][6], ""],
    ]
    before = (Matter.objects.count(), AuditEntry.objects.count())
    result = read_rows(MATTER_TABLE, xlsx(tmp_path / "bad.xlsx", HEADERS, bad))
    report = import_matters(by=None, result=result, mode=ALL_OR_NOTHING, source="bad.xlsx")
    lines = report.lines()
    assert report.written == 0
    assert "第 3 行“处罚依据”列：行政处罚事项须同时填写违法依据和处罚依据。" in lines
    assert any(line.startswith("第 4 行“事项类别”列：应为以下之一") for line in lines)
    assert any(line.startswith("第 4 行“违法依据”列：无法识别的条款引用") for line in lines)
    assert "第 5 行“执法领域”列：没有执法领域“不存在的领域”。" in lines
    assert "第 5 行“所属地区”列：没有区划代码 999999。" in lines
    assert any("第 5 行“违法依据”列" in line and "没有第 100 条" in line for line in lines)
    assert "第 6 行“事项编码”列：与第 2 行的事项编码重复。" in lines
    assert (Matter.objects.count(), AuditEntry.objects.count()) == before


def test_valid_only_mode_writes_the_good_rows_and_reports_the_rest(tmp_path, domains):
    rows = [GOOD[0], ["CG-105", "x", "行政处罚", "城市管理", "", "", "", ""], GOOD[1]]
    result = read_rows(MATTER_TABLE, xlsx(tmp_path / "mixed.xlsx", HEADERS, rows))
    report = import_matters(by=None, result=result, mode=VALID_ONLY, source="mixed.xlsx")
    assert report.created == 2
    assert [e.row for e in report.errors] == [3]
    assert set(Matter.objects.values_list("code", flat=True)) == {"CG-101", "HB-101"}


def test_csv_in_gb18030_and_missing_columns(tmp_path, domains):
    path = tmp_path / "m.csv"
    with path.open("w", encoding="gb18030", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        writer.writerows(GOOD)
    assert len(read_rows(MATTER_TABLE, path).rows) == 2
    with pytest.raises(TableFormatError, match="缺少必需的列：事项名称"):
        read_rows(MATTER_TABLE, xlsx(tmp_path / "cols.xlsx", ["事项编码", "事项类别", "执法领域"], []))
    with pytest.raises(TableFormatError, match=r"\.xlsx"):
        read_rows(MATTER_TABLE, tmp_path / "m.txt")


def test_export_then_import_round_trips(tmp_path, domains):
    make_matter("HB-200", aliases=["无证排污"])
    out = tmp_path / "export.xlsx"
    write_rows(MATTER_TABLE, matter_rows(Matter.objects.all()), out)
    Matter.objects.filter(code="HB-200").update(name="被改掉的名称")
    report = import_matters(by=None, result=read_rows(MATTER_TABLE, out), mode=ALL_OR_NOTHING, source="export.xlsx")
    assert (report.updated, report.errors) == (1, [])
    assert Matter.objects.get(code="HB-200").name == "未依法取得排污许可证排放大气污染物"


BENCH_HEADERS = [
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


def test_a_benchmark_row_beyond_the_statute_is_refused_with_its_row(tmp_path, domains):
    make_matter("HB-300")
    rows = [
        ["HB-300", "排污许可基准", "330000", "2025-01-01", "1", "轻微", "初次", "固定金额", "100000", "300000"],
        ["HB-300", "排污许可基准", "330000", "2025-01-01", "2", "严重", "多次", "固定金额", "500000", "1500000"],
    ]
    result = read_rows(BENCHMARK_TABLE, xlsx(tmp_path / "b.xlsx", BENCH_HEADERS, rows))
    report = import_benchmarks(by=None, result=result, mode=ALL_OR_NOTHING, source="b.xlsx")
    assert report.written == 0
    [error] = report.errors
    assert error.row == 3
    assert error.column == "罚款上限"
    assert "150万元" in error.message
    assert "10万元以上100万元以下" in error.message
    assert not DiscretionBenchmark.objects.exists()
    rows[1][9] = "1000000"
    report = import_benchmarks(
        by=None,
        result=read_rows(BENCHMARK_TABLE, xlsx(tmp_path / "b2.xlsx", BENCH_HEADERS, rows)),
        mode=ALL_OR_NOTHING,
        source="b2.xlsx",
    )
    assert report.created == 1
    benchmark = DiscretionBenchmark.objects.get()
    assert (benchmark.status, benchmark.levels.count()) == ("published", 2)


def test_the_cli_reports_errors_and_exits_non_zero(tmp_path, domains, capsys):
    path = xlsx(tmp_path / "bad.xlsx", HEADERS, [["CG-9", "x", "行政处罚", "城市管理", "", "", "", ""]])
    with pytest.raises(SystemExit) as exit_info:
        call_command("lawbase", "import-matters", str(path), "--quiet")
    assert exit_info.value.code == 1
    out = capsys.readouterr().out
    assert "第 2 行" in out
    assert "未写入任何数据" in out
    call_command("lawbase", "import-matters", str(xlsx(tmp_path / "ok.xlsx", HEADERS, GOOD)), "--quiet")
    assert "新增 2" in capsys.readouterr().out


def _bench_file(tmp_path: Path, name: str, code: str, effective: str, ranges: list[tuple[str, str]]) -> Path:
    grades = [("一般", "初次"), ("严重", "多次")]
    rows = [
        [code, "排污许可裁量基准", "330000", effective, str(n), grade, text, "固定金额", low, high]
        for n, ((low, high), (grade, text)) in enumerate(zip(ranges, grades, strict=True), start=1)
    ]
    return xlsx(tmp_path / name, BENCH_HEADERS, rows)


def _import(path: Path) -> object:
    return import_benchmarks(by=None, result=read_rows(BENCHMARK_TABLE, path), mode=ALL_OR_NOTHING, source=path.name)


def test_reimporting_a_benchmark_with_a_later_date_makes_a_new_version_and_keeps_the_old(tmp_path, domains):
    import datetime as dt

    from zhifa.lawbase.selectors import benchmark_in_force

    matter = make_matter("HB-310")
    first = _bench_file(tmp_path, "v1.xlsx", "HB-310", "2025-01-01", [("100000", "300000"), ("500000", "1000000")])
    assert _import(first).created == 1
    # The same file again writes nothing: that version is held already.
    again = _import(first)
    assert (again.created, again.errors) == (0, [])
    assert DiscretionBenchmark.objects.count() == 1
    second = _bench_file(tmp_path, "v2.xlsx", "HB-310", "2026-01-01", [("100000", "200000"), ("600000", "1000000")])
    assert _import(second).created == 1
    v1, v2 = DiscretionBenchmark.objects.order_by("effective_from")
    assert v2.previous == v1
    assert (v1.effective_from, v1.effective_to) == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert (v2.effective_from, v2.effective_to) == (dt.date(2026, 1, 1), None)
    assert [(lv.fine_min, lv.fine_max) for lv in v1.levels.all()] == [(100000, 300000), (500000, 1000000)]
    assert [(lv.fine_min, lv.fine_max) for lv in v2.levels.all()] == [(100000, 200000), (600000, 1000000)]
    assert benchmark_in_force(matter, dt.date(2025, 12, 31), v1.region.path) == v1
    assert benchmark_in_force(matter, dt.date(2026, 1, 1), v1.region.path) == v2


def test_reimporting_a_benchmark_with_an_earlier_date_is_refused_with_its_row(tmp_path, domains):
    make_matter("HB-311")
    _import(_bench_file(tmp_path, "v1.xlsx", "HB-311", "2025-01-01", [("100000", "300000"), ("500000", "1000000")]))
    report = _import(
        _bench_file(tmp_path, "old.xlsx", "HB-311", "2024-06-01", [("100000", "300000"), ("500000", "1000000")])
    )
    assert report.written == 0
    [error] = report.errors
    assert error.row == 2
    assert "已有自 2025-01-01 起施行的版本" in error.message
    only = DiscretionBenchmark.objects.get()
    assert only.effective_to is None
