"""Splitting an article's text into paragraphs (款) and items (项)."""

from __future__ import annotations

import re
from typing import Any

ITEM = re.compile(r"^\s*[（(]([一二三四五六七八九十]+)[）)]")


def split_paragraphs(text: str) -> list[dict[str, Any]]:
    """Paragraphs numbered from 1; an item line belongs to the paragraph before it."""
    paragraphs: list[dict[str, Any]] = []
    for line in (part.strip() for part in text.split("\n")):
        if not line:
            continue
        if ITEM.match(line) and paragraphs:
            items = paragraphs[-1]["items"]
            items.append({"no": len(items) + 1, "text": line})
        else:
            paragraphs.append({"no": len(paragraphs) + 1, "text": line, "items": []})
    return paragraphs
