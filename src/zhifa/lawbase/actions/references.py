"""Typical cases (典型案例)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction

from zhifa.core.snapshot import diff, snapshot
from zhifa.core.validation import validate
from zhifa.lawbase.actions import search_index
from zhifa.lawbase.events import REFERENCE_CASE_SAVED
from zhifa.lawbase.models import Article, Matter, ReferenceCase
from zhifa.lawbase.permissions import MANAGE_LAWBASE
from zhifa.orgs.events import audit
from zhifa.orgs.policy import require

FIELDS = ["kind", "collection", "publisher", "parties", "summary", "decision", "significance"]


@transaction.atomic
def save_reference_case(
    *,
    by: Any | None,
    title: str,
    matters: Iterable[Matter] = (),
    articles: Iterable[Article] = (),
    source: dict[str, Any] | None = None,
    **fields: Any,
) -> ReferenceCase:
    """Create or update a typical case by title, with its links to matters and articles."""
    if by is not None:
        require(by, MANAGE_LAWBASE)
    case = ReferenceCase.objects.filter(title=title).first() or ReferenceCase(title=title)
    before = snapshot(case, FIELDS) if case.pk else {}
    for name in FIELDS:
        if name in fields:
            setattr(case, name, fields[name])
    if source is not None:
        case.source = source
    validate(case)
    case.save()
    case.matters.set(list(matters))
    case.articles.set(list(articles))
    audit(REFERENCE_CASE_SAVED, by=by, obj=case, changes=diff(before, snapshot(case, FIELDS)))
    search_index.index_references([case])
    return case
