"""Reading and resolving citations such as 《城市市容和环境卫生管理条例》第三十六条第一款第（三）项."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

from zhifa.lawbase.numerals import parse_ordinal

_NUM = r"[零〇一二两三四五六七八九十百千\d]+"
CITATION = re.compile(
    rf"《?(?P<law>[^《》第]+?)》?\s*第\s*(?P<article>{_NUM})\s*条"
    rf"(?:\s*第\s*(?P<paragraph>{_NUM})\s*款)?"
    rf"(?:\s*第\s*[（(]?\s*(?P<item>{_NUM})\s*[）)]?\s*项)?"
)


@dataclass(frozen=True)
class Citation:
    law: str
    article: int
    paragraph: int | None = None
    item: int | None = None


def parse_citation(text: str) -> Citation:
    """One citation; ValueError (in words a user understands) when it cannot be read."""
    match = CITATION.fullmatch(text.strip().rstrip("。；;，,"))
    if match is None:
        raise ValueError(_("无法识别的条款引用：“%(text)s”，应形如《某某法》第十条第一款第（二）项") % {"text": text})
    return Citation(
        law=match["law"].strip(),
        article=parse_ordinal(match["article"]),
        paragraph=parse_ordinal(match["paragraph"]) if match["paragraph"] else None,
        item=parse_ordinal(match["item"]) if match["item"] else None,
    )


def parse_citations(text: str) -> list[Citation]:
    """Several citations separated by ；/;/、/newlines."""
    return [parse_citation(part) for part in re.split(r"[；;\n]+", text) if part.strip()]
