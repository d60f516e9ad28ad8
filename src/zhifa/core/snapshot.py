"""Before/after summaries of registry edits for the audit entry (one helper, every app)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models

from zhifa.core.jsonsafe import json_safe


def field_value(instance: models.Model, name: str) -> Any:
    field = instance._meta.get_field(name)
    if isinstance(field, models.ForeignKey):
        related = getattr(instance, name)
        return None if related is None else {"id": related.pk, "repr": str(related)}
    return json_safe(getattr(instance, name))


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    return {name: field_value(instance, name) for name in fields}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Only the fields that changed, as {"old": {...}, "new": {...}}."""
    changed = [name for name in after if before.get(name) != after[name]]
    return {"old": {n: before.get(n) for n in changed}, "new": {n: after[n] for n in changed}}
