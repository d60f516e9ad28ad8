"""How much of a law base the penalty parser understands.

Coverage = articles with at least one bounded fine parsed / articles whose text states a fine
amount. "States an amount" is deliberately crude (a number followed by 元 or 倍, or a percentage,
in an article that mentions 罚款) so that it does not depend on the parser it measures.

Run over the shipped law base with `python -m zhifa.lawbase.statute.coverage`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from zhifa.lawbase.statute.penalties import parse_article

_STATED_AMOUNT = re.compile(r"[\d０-９零〇一二两三四五六七八九十百千万亿.．]+(?:元|倍)|[百千万]分之|\d[%％‰]")


@dataclass(frozen=True)
class UnparsedArticle:
    law_title: str
    number: str
    text: str


@dataclass
class CoverageReport:
    """Counts over the articles that mention 罚款."""

    mentions: int = 0  # articles that mention 罚款 at all
    states_amount: int = 0  # … and state an amount
    parsed: int = 0  # … of those, articles with at least one bounded fine parsed
    no_amount: int = 0  # articles that mention 罚款 without any amount (references, procedure)
    unparsed: list[UnparsedArticle] = field(default_factory=list)

    @property
    def amount_unparsed(self) -> int:
        return len(self.unparsed)

    @property
    def coverage(self) -> float:
        return self.parsed / self.states_amount if self.states_amount else 1.0


def states_amount(text: str) -> bool:
    return _STATED_AMOUNT.search(text) is not None


def has_bounded_fine(text: str) -> bool:
    return any(
        penalty.kind == "fine" and (penalty.minimum is not None or penalty.maximum is not None)
        for penalty in parse_article(text)
    )


def coverage(articles: Iterable[tuple[str, str, str]]) -> CoverageReport:
    """Count (law title, article number, text) tuples; articles without 罚款 are skipped."""
    report = CoverageReport()
    for law_title, number, text in articles:
        if "罚款" not in text:
            continue
        report.mentions += 1
        if not states_amount(text):
            report.no_amount += 1
            continue
        report.states_amount += 1
        if has_bounded_fine(text):
            report.parsed += 1
        else:
            report.unparsed.append(UnparsedArticle(law_title, number, text))
    return report


def shipped_articles() -> Iterator[tuple[str, str, str]]:
    """Every article of the shipped law base, versions no longer in force included."""
    from zhifa.lawbase.law_data import iter_laws

    for law in iter_laws():
        for article in law["articles"]:
            yield law["title"], article["number"], article["text"]


def report_text(report: CoverageReport, *, examples: int = 20) -> str:
    lines = [
        f"articles mentioning 罚款:          {report.mentions}",
        f"  without any amount:             {report.no_amount}",
        f"  stating an amount:              {report.states_amount}",
        f"    with a bounded fine parsed:   {report.parsed}",
        f"    amount not read as a fine:    {report.amount_unparsed}",
        f"coverage:                         {report.coverage:.1%}",
    ]
    if report.unparsed:
        lines.append("")
        lines.append(f"unparsed (first {min(examples, len(report.unparsed))} of {len(report.unparsed)}):")
        for article in report.unparsed[:examples]:
            snippet = article.text.replace("\n", " ")[:100]
            lines.append(f"  {article.law_title} {article.number}: {snippet}")
    return "\n".join(lines)


def main() -> None:
    print(report_text(coverage(shipped_articles())))


if __name__ == "__main__":
    main()
