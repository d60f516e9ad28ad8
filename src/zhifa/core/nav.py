"""The staff navigation: each app registers its entries at start-up; the shell shows those the
user may use."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise


@dataclass(frozen=True)
class NavItem:
    key: str
    label: str | Promise
    url_name: str
    perm: str | None = None  # None: every signed-in user
    order: int = 100


_items: dict[str, NavItem] = {}


def register(item: NavItem) -> None:
    _items[item.key] = item


def items_for(user: Any) -> list[dict[str, str]]:
    if not getattr(user, "is_authenticated", False):
        return []
    visible = [item for item in _items.values() if item.perm is None or user.has_perm(item.perm)]
    return [
        {"key": item.key, "label": str(item.label), "url": reverse(item.url_name)}
        for item in sorted(visible, key=lambda item: (item.order, item.key))
    ]
