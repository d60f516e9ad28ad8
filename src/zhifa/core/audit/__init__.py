"""Writing audit entries from actions: `record(kind, by=..., obj=..., changes=...)`."""

from __future__ import annotations

from typing import Any

from django.db import models

from zhifa.core import context
from zhifa.core.audit.chain import append
from zhifa.core.audit.kinds import AuditKind, get_kind
from zhifa.core.jsonsafe import json_safe
from zhifa.core.models.audit import AuditEntry


def record(
    kind: AuditKind,
    *,
    by: Any | None,
    obj: models.Model | None = None,
    agency_id: int | None = None,
    agency_name: str = "",
    changes: dict[str, Any] | None = None,
    object_repr: str | None = None,
) -> AuditEntry:
    """Append the audit entry of an action. Call it inside the action's transaction.

    `by` is the acting user (None for the system itself); `agency_id`/`agency_name` the body on
    whose behalf they act. `changes` is structured: {"old": {...}, "new": {...}} or other named parts.
    """
    if get_kind(kind.code) is not kind:
        raise ValueError(f"audit kind {kind.code!r} is not registered")
    ctx = context.current()
    fields = {
        "actor_id": getattr(by, "pk", None),
        "actor_name": _actor_name(by),
        "agency_id": agency_id,
        "agency_name": agency_name[:200],
        "action": kind.code,
        "object_type": obj._meta.label_lower if obj is not None else "",
        "object_id": str(obj.pk) if obj is not None else "",
        "object_repr": (object_repr if object_repr is not None else (str(obj) if obj is not None else ""))[:200],
        "changes": json_safe(changes or {}),
        "request_id": ctx.request_id,
        "client_address": ctx.client_address or ctx.channel,
    }
    return append(fields)


def _actor_name(by: Any | None) -> str:
    if by is None:
        return "system"
    label = getattr(by, "display_name", None) or getattr(by, "get_username", lambda: str(by))()
    return str(label)[:150]
