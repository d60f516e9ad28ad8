"""Loading the published typical cases shipped in data/ (最高人民法院行政协议诉讼典型案例)."""

from __future__ import annotations

import json
import re
from typing import Any

from zhifa.lawbase.actions.references import save_reference_case
from zhifa.lawbase.choices import ReferenceKind
from zhifa.lawbase.citations import Citation
from zhifa.lawbase.law_data import DATA_DIR
from zhifa.lawbase.models import Article
from zhifa.lawbase.numerals import parse_ordinal
from zhifa.lawbase.selectors import resolve

FILE = DATA_DIR / "spc_admin_agreement_typical_cases.jsonl"
CITED = re.compile(r"《([^》]{2,40})》第([〇一二三四五六七八九十百零两]+)条")


def cited_articles(text: str) -> list[Article]:
    found: dict[int, Article] = {}
    for law, number in CITED.findall(text):
        try:
            article = resolve(Citation(law, parse_ordinal(number)))
        except ValueError:
            continue
        found[article.pk] = article
    return list(found.values())


def load_reference_cases(*, by: Any | None) -> int:
    count = 0
    for line in FILE.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        text = " ".join(record.get(k) or "" for k in ("facts", "judgment", "significance"))
        save_reference_case(
            by=by,
            title=record["title"],
            kind=ReferenceKind.COURT,
            collection=record.get("collection") or "",
            publisher=record.get("publisher") or "",
            parties=f"{record.get('plaintiff') or ''} 诉 {record.get('defendant_and_cause') or ''}".strip(),
            summary=record.get("facts") or "",
            decision=record.get("judgment") or "",
            significance=record.get("significance") or "",
            articles=cited_articles(text),
            source={k: record.get(k) for k in ("source_repo", "source_commit", "source_path")},
        )
        count += 1
    return count
