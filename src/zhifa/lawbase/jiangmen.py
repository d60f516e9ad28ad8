"""The Jiangmen environment bureau's fine table (江环〔2020〕10号), loaded as real benchmarks.

It is a 2020 trial table, expired 2023-02-28, and cites the laws as they stood then. Tiers are
checked against the statute like any other benchmark: a tier that leaves the current statutory
range is refused, and an item citing a superseded version of a law is skipped.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from zhifa.core.errors import DomainError
from zhifa.lawbase.actions.discretion import create_benchmark, publish_benchmark, save_level
from zhifa.lawbase.choices import BasisRole, FineBase, Grade
from zhifa.lawbase.law_data import DATA_DIR
from zhifa.lawbase.models import DiscretionBenchmark, DiscretionLevel, LegalBasis
from zhifa.lawbase.numerals import parse_ordinal
from zhifa.lawbase.selectors import law_by_title
from zhifa.lawbase.statute_check import check_level
from zhifa.orgs.models import Region

FILE = DATA_DIR / "jiangmen_eco_fine_discretion.csv.gz"
REGION = "440700"  # 广东省江门市
ISSUER = "江门市生态环境局"
DOCUMENT = "江环〔2020〕10号"
EFFECTIVE = (dt.date(2020, 3, 1), dt.date(2023, 2, 28))
CITATION = re.compile(r"《([^》]+)》\s*(?:[（(](\d{4})年[^）)]*[）)])?\s*第([〇一二三四五六七八九十百零两]+)条")
GRADES = {1: [Grade.GENERAL], 2: [Grade.GENERAL, Grade.SEVERE], 3: [Grade.MINOR, Grade.GENERAL, Grade.SEVERE]}
DEFAULT_GRADES = [Grade.MINOR, Grade.GENERAL, Grade.SERIOUS, Grade.SEVERE]


@dataclass
class JiangmenSummary:
    created: int = 0
    refused: int = 0
    skipped: int = 0


def _groups() -> dict[tuple[str, str, str], list[dict[str, str]]]:
    groups: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    with gzip.open(FILE, "rt", encoding="utf-8") as handle:
        for row in csv.DictReader(io.StringIO(handle.read())):
            groups[(row["sheet"], row["item_no"], row["clause_no"])].append(row)
    return groups


def _fine(row: dict[str, str]) -> dict[str, Any]:
    kind = row["fine_kind"]
    if kind in {"range", "fixed", "max_only"}:
        low = Decimal(row["fine_min_yuan"]) if row["fine_min_yuan"] else None
        high = Decimal(row["fine_max_yuan"]) if row["fine_max_yuan"] else low
        return {"fine_base": FineBase.AMOUNT, "fine_min": low if kind != "max_only" else None, "fine_max": high}
    if kind in {"multiple", "percent"}:
        scale = Decimal("0.01") if kind == "percent" else Decimal(1)
        base = row["ratio_base"]
        fine_base = (
            FineBase.ILLEGAL_GAINS if "违法所得" in base else FineBase.INVESTMENT if "投资" in base else FineBase.OTHER
        )
        return {
            "fine_base": fine_base,
            "fine_min": Decimal(row["ratio_min"]) * scale if row["ratio_min"] else None,
            "fine_max": Decimal(row["ratio_max"]) * scale if row["ratio_max"] else None,
        }
    return {"fine_base": "", "fine_min": None, "fine_max": None}


def _levels(rows: list[dict[str, str]]) -> list[dict[str, Any]]:
    grades = GRADES.get(len(rows), DEFAULT_GRADES)
    return [
        {
            "order": n,
            "grade": grades[min(n - 1, len(grades) - 1)],
            "circumstances": row["circumstances"] or row["violation"],
            "standard": row["standard"],
            "other_penalties": "",
            **_fine(row),
        }
        for n, row in enumerate(rows, start=1)
    ]


def _matching_bases(legal_basis: str) -> tuple[list[LegalBasis], bool]:
    """The demo matters whose penalty basis is the cited article; False when the table cites a
    version of the law other than the one in the law base."""
    match = CITATION.search(legal_basis)
    if match is None:
        return [], True
    law = law_by_title(match[1])
    if law is None or (match[2] and law.promulgated and int(match[2]) != law.promulgated.year):
        return [], False
    bases = LegalBasis.objects.filter(role=BasisRole.PENALTY, article__law=law, article__num=parse_ordinal(match[3]))
    return list(bases.select_related("matter")), True


def _shingles(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def _similarity(a: str, b: str) -> int:
    return len(_shingles(a) & _shingles(b))


def _fitting_levels(matter: Any, rows: list[dict[str, str]], summary: JiangmenSummary) -> list[dict[str, Any]]:
    fitting = []
    for spec in _levels(rows):
        probe = DiscretionLevel(**{k: v for k, v in spec.items() if k != "standard"})
        try:
            check_level(matter, probe)
        except DomainError:
            summary.refused += 1
            continue
        fitting.append(spec)
    return fitting


@transaction.atomic
def load_jiangmen_benchmarks(*, by: Any | None) -> JiangmenSummary:
    """One benchmark per matched demo matter: of the table's items under the matter's penalty
    article, the one whose violation reads most like the matter's name."""
    summary = JiangmenSummary()
    region = Region.objects.filter(code=REGION).first()
    if region is None:
        return summary
    best: dict[int, tuple[int, Any, str, list[dict[str, str]]]] = {}
    for (sheet, item_no, clause), rows in sorted(_groups().items()):
        bases, current = _matching_bases(rows[0]["legal_basis"])
        if not current:
            summary.skipped += 1
            continue
        for basis in bases:
            score = _similarity(basis.matter.name, rows[0]["violation"])
            if basis.matter_id not in best or score > best[basis.matter_id][0]:
                best[basis.matter_id] = (score, basis.matter, f"{sheet} {item_no}-{clause}", rows)
    for _score, matter, label, rows in best.values():
        if DiscretionBenchmark.objects.filter(matter=matter, region=region).exists():
            continue
        fitting = _fitting_levels(matter, rows, summary)
        if not fitting:
            continue
        title = f"{ISSUER}裁量标准 {label}：{rows[0]['violation'].splitlines()[0][:40]}"
        benchmark = create_benchmark(
            by=by,
            matter=matter,
            title=title,
            region=region,
            issuer=ISSUER,
            document_no=DOCUMENT,
            notes="真实数据：江门市生态环境局 2020 年试行裁量标准，2023-02-28 失效；超出现行法定幅度的档次未导入。",
        )
        for order, spec in enumerate(fitting, start=1):
            save_level(benchmark, by=by, **{**spec, "order": order})
        publish_benchmark(benchmark, by=by, effective_from=EFFECTIVE[0], effective_to=EFFECTIVE[1])
        summary.created += 1
    return summary
