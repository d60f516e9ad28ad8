"""Reading the law texts shipped in `lawbase/data/` (copies of shared/data, see SOURCES.md).

Pure Python, no Django: the penalty parser and data checks use it as well as the importer.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

DATA_DIR = Path(__file__).resolve().parent / "data"
LAWS_FILE = DATA_DIR / "laws.jsonl.gz"


def iter_laws(path: Path = LAWS_FILE) -> Iterator[dict[str, Any]]:
    """One dict per law, as in shared/data/README.md ("Record format")."""
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


@cache
def laws_by_title() -> dict[str, dict[str, Any]]:
    """Laws keyed by full title and by short title. Where two versions share a title (行政复议法
    2023 and 2017), the one in force wins."""
    found: dict[str, dict[str, Any]] = {}
    for law in iter_laws():
        for key in (law["title"], law.get("short_title") or law["title"]):
            current = found.get(key)
            if current is None or (current.get("status") != "有效" and law.get("status") == "有效"):
                found[key] = law
    return found


def article(law_title: str, num: int) -> dict[str, Any] | None:
    law = laws_by_title().get(law_title)
    if law is None:
        return None
    return next((a for a in law["articles"] if a["num"] == num), None)
