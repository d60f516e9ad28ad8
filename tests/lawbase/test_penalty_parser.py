"""The statutory penalty parser, checked against real articles of the shipped law base.

`penalty_cases.json` names each article by law title and article number; the text is read from
the shipped data at test time, so only the expected reading lives in the repository.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from zhifa.lawbase.law_data import laws_by_title
from zhifa.lawbase.statute.coverage import coverage, report_text, shipped_articles
from zhifa.lawbase.statute.numbers import chinese_amount
from zhifa.lawbase.statute.penalties import KINDS, ParsedPenalty, parse_article

CASES: list[dict[str, Any]] = json.loads((Path(__file__).parent / "penalty_cases.json").read_text(encoding="utf-8"))
# Measured on the shipped law base: 1,098 of 1,116 articles stating an amount (98.4 %).
COVERAGE_FLOOR = 0.975

BASES = {"amount", "illegal_gains", "goods_value", "turnover", "investment", "fee", "other", ""}
PARTIES = {"any", "individual", "organisation", "responsible_person"}


def article_text(law: str, number: str) -> str:
    found = laws_by_title().get(law)
    assert found is not None, f"{law} is not in the shipped law base"
    text = next((article["text"] for article in found["articles"] if article["number"] == number), None)
    assert text is not None, f"{law} has no {number}"
    return text


def as_expected(penalty: ParsedPenalty) -> dict[str, Any]:
    """The shape of an entry in penalty_cases.json: fines carry their base and bounds."""
    shown: dict[str, Any] = {"kind": penalty.kind}
    if penalty.kind == "fine":
        shown |= {
            "base": penalty.base,
            "label": penalty.base_label,
            "min": None if penalty.minimum is None else str(penalty.minimum),
            "max": None if penalty.maximum is None else str(penalty.maximum),
        }
    return shown | {
        "party": penalty.party,
        "condition": penalty.condition,
        "optional": penalty.optional,
        "paragraph": penalty.paragraph,
        "item": penalty.item,
    }


def case_param(case: dict[str, Any]) -> Any:
    marks = [pytest.mark.xfail(reason=case["why"], strict=True)] if case.get("xfail") else []
    return pytest.param(case, id=f"{case['law']}-{case['article']}", marks=marks)


# Real articles -------------------------------------------------------------------------------------


def test_the_case_file_covers_enough_real_articles() -> None:
    assert len(CASES) >= 40
    assert len({(case["law"], case["article"]) for case in CASES}) == len(CASES)


@pytest.mark.parametrize("case", [case_param(case) for case in CASES])
def test_real_article(case: dict[str, Any]) -> None:
    parsed = parse_article(article_text(case["law"], case["article"]))

    assert [as_expected(penalty) for penalty in parsed] == case["penalties"]


@pytest.mark.parametrize("case", [case_param(case) for case in CASES if not case.get("xfail")])
def test_clauses_are_quoted_as_written(case: dict[str, Any]) -> None:
    text = article_text(case["law"], case["article"])

    for penalty in parse_article(text):
        assert penalty.clause in text


def test_every_reading_of_the_law_base_uses_the_declared_vocabulary() -> None:
    for _law, _number, text in shipped_articles():
        for penalty in parse_article(text):
            assert penalty.kind in KINDS
            assert penalty.base in BASES
            assert penalty.party in PARTIES
            assert (penalty.kind == "fine") == (penalty.base != "")
            if penalty.minimum is not None and penalty.maximum is not None:
                assert penalty.minimum <= penalty.maximum


def test_coverage_of_the_shipped_law_base_does_not_regress() -> None:
    report = coverage(shipped_articles())

    assert report.mentions == report.no_amount + report.states_amount
    assert report.states_amount == report.parsed + report.amount_unparsed
    assert report.coverage >= COVERAGE_FLOOR, report_text(report)


def test_coverage_report_reads_as_text() -> None:
    articles = [
        ("某法", "第一条", "处一万元以上十万元以下罚款。"),
        ("某法", "第二条", "每日按罚款数额的百分之三加处罚款。"),
    ]

    report = coverage(articles)

    assert (report.mentions, report.states_amount, report.parsed, report.amount_unparsed) == (2, 2, 1, 1)
    assert "coverage:" in report_text(report)
    assert "某法 第二条" in report_text(report)


# Forms the shipped data lacks ----------------------------------------------------------------------


def test_full_width_digits_and_half_width_punctuation() -> None:
    (fine,) = parse_article("违反规定的,由主管部门责令改正;逾期不改正的,处１０００元以上５０００元以下罚款。")

    assert (fine.minimum, fine.maximum, fine.condition) == (Decimal(1000), Decimal(5000), "逾期不改正的")


def test_a_reference_to_another_provision_sets_no_fine() -> None:
    assert parse_article("违反前款规定的，由主管部门依照前款规定处以罚款。") == []
    assert parse_article("违反本条例规定的，依法给予罚款。") == []


def test_a_fine_without_amount_has_no_bounds() -> None:
    (fine,) = parse_article("违反本条例规定的，由主管部门责令改正，可以处以罚款。")

    assert (fine.kind, fine.minimum, fine.maximum, fine.optional) == ("fine", None, None, True)


def test_an_investment_percentage_is_a_multiple() -> None:
    (fine,) = parse_article("违反规定的，由主管部门责令停止建设，处建设项目总投资额百分之一以上百分之五以下的罚款。")

    assert (fine.base, fine.base_label, fine.minimum, fine.maximum) == (
        "investment",
        "建设项目总投资额",
        Decimal("0.01"),
        Decimal("0.05"),
    )


# Amounts ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("一万元", "10000"),
        ("一万五千", "15000"),
        ("五十万", "500000"),
        ("二千", "2000"),
        ("两千", "2000"),
        ("一百零五", "105"),
        ("1.5万", "15000"),
        ("10000", "10000"),
        ("5000元", "5000"),
        ("一千万", "10000000"),
        ("一亿", "100000000"),
        ("一亿五千万", "150000000"),
        ("百分之十", "0.1"),
        ("千分之五", "0.005"),
        ("百分之零点五", "0.005"),
        ("30%", "0.3"),
        ("0.5%", "0.005"),
        ("2‰", "0.002"),
        ("一倍", "1"),
        ("零点五倍", "0.5"),
        ("十", "10"),
        ("十五", "15"),
        ("二十万", "200000"),
        ("一千零十", "1010"),
        ("十万零一", "100001"),
        ("一万五", "15000"),
        ("５千元", "5000"),
    ],
)
def test_chinese_amount(written: str, value: str) -> None:
    assert chinese_amount(written) == Decimal(value)


@pytest.mark.parametrize("junk", ["", "元", "万", "百", "百分之", "罚款", "一x", "1.2.3", "十百", "一百千"])
def test_chinese_amount_rejects_junk(junk: str) -> None:
    with pytest.raises(ValueError, match="not an amount"):
        chinese_amount(junk)
