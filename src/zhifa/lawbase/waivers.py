"""The first-offence waiver list of 广东省生态环境厅 (粤环发〔2021〕7号 附件2: 广东省生态环境不予行政处罚的
轻微违法行为目录, in force 2022-01-01 to 2026-12-31), loaded as real 首违不罚 entries.

Every item of that list waives the penalty only when, among other conditions, the violation is the
first (属于首次违法), which is 行政处罚法 第三十三条第一款's 首违不罚. An item is attached to each demo
matter whose violated article is the item's provision: the matter gets, for 广东省, a published
benchmark from the list's dates, marked as on the waiver list, with the item's conditions and one
不予处罚 row. The list sets no fines, so the benchmark has none; its conditions are the list's text.
The Jiangmen list (江环〔2021〕231号) is shipped too but expired on 2025-01-31 and is not loaded.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from zhifa.lawbase.actions.discretion import create_benchmark, publish_benchmark, save_level
from zhifa.lawbase.choices import BasisRole, Grade
from zhifa.lawbase.law_data import DATA_DIR
from zhifa.lawbase.models import DiscretionBenchmark, LegalBasis
from zhifa.lawbase.numerals import parse_ordinal
from zhifa.lawbase.selectors import law_by_title
from zhifa.orgs.models import Region

FILE = DATA_DIR / "guangdong_eco_no_penalty_list.json"
REGION = "440000"  # 广东省
FIRST_OFFENCE = re.compile(r"首次违法|初次违法")
ARTICLE = re.compile(r"第([〇一二三四五六七八九十百零两]+)条(?:第([一二三四五六七八九十]+)款)?")


@dataclass
class WaiverSummary:
    items: int = 0  # items of the list
    matched: int = 0  # items whose provision a demo matter violates
    created: int = 0  # benchmarks created (one per matter)


def waiver_list() -> dict[str, Any]:
    return json.loads(FILE.read_text(encoding="utf-8"))


def _violating_matters(provisions: list[dict[str, str]]) -> list[Any]:
    matters = []
    for provision in provisions:
        law = law_by_title(provision["law"])
        found = ARTICLE.search(provision["provision"])
        if law is None or found is None:
            continue
        bases = LegalBasis.objects.filter(
            role=BasisRole.VIOLATED, article__law=law, article__num=parse_ordinal(found[1])
        ).select_related("matter")
        if found[2]:  # the item names a paragraph: only a basis on that paragraph is the same act
            bases = bases.filter(paragraph=parse_ordinal(found[2]))
        matters += [basis.matter for basis in bases]
    return list(dict.fromkeys(matters))


@transaction.atomic
def load_guangdong_waivers(*, by: Any | None) -> WaiverSummary:
    """Idempotent: a matter that has a benchmark from this list for 广东省 already is left alone."""
    summary = WaiverSummary()
    region = Region.objects.filter(code=REGION).first()
    if region is None:
        return summary
    data = waiver_list()
    effective = (dt.date.fromisoformat(data["effective"]), dt.date.fromisoformat(data["valid_until"]))
    notes = "\n".join(data.get("notes") or [])
    for item in data["items"]:
        summary.items += 1
        if not any(FIRST_OFFENCE.search(condition) for condition in item["conditions"]):
            continue
        matters = _violating_matters(item["violated_provisions"])
        summary.matched += bool(matters)
        conditions = "；".join(item["conditions"])
        for matter in matters:
            if DiscretionBenchmark.objects.filter(
                matter=matter, region=region, document_no=data["document_no"]
            ).exists():
                continue
            benchmark = create_benchmark(
                by=by,
                matter=matter,
                title=f"{data['title']}第{item['no']}项：{item['violation'][:60]}",
                region=region,
                issuer=data["issuer"],
                document_no=data["document_no"],
                first_offence_waiver=True,
                waiver_conditions=f"{item['condition_rule']}{conditions}",
                notes=f"真实数据：{data['title']}（{data['document_no']}）。\n{notes}",
            )
            save_level(
                benchmark,
                by=by,
                order=1,
                grade=Grade.NO_PENALTY,
                circumstances=f"{item['condition_rule']}{conditions}",
                fine_base="",
                fine_min=None,
                fine_max=None,
            )
            publish_benchmark(benchmark, by=by, effective_from=effective[0], effective_to=effective[1])
            summary.created += 1
    return summary
