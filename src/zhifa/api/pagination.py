"""Keyset pagination: the cost of a page never grows with the table (no OFFSET, no COUNT)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet


def keyset_page(
    rows: QuerySet[Any],
    *,
    after: Any,
    limit: int,
    serialize: Callable[[Any], dict[str, Any]],
    key: str = "pk",
    max_limit: int = 200,
) -> dict[str, Any]:
    """Rows ordered by `key` after the cursor `after`; `next` is the cursor of the following page."""
    limit = max(1, min(limit, max_limit))
    if after:
        rows = rows.filter(**{f"{key}__gt": after})
    fetched = list(rows.order_by(key)[: limit + 1])
    items = fetched[:limit]
    has_more = len(fetched) > limit
    return {"items": [serialize(row) for row in items], "next": getattr(items[-1], key) if has_more else None}
