"""The closed registry of audit kinds: every action writes an entry of a declared kind.

A kind has a stable code (it is stored and hashed, so it never changes once used), a label for
people, and for a legal step the article that governs it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise


@dataclass(frozen=True)
class AuditKind:
    code: str
    label: str | Promise
    citation: str = ""

    def __str__(self) -> str:
        return str(self.label)


_registry: dict[str, AuditKind] = {}


def audit_kind(code: str, label: str | Promise, citation: str = "") -> AuditKind:
    """Declare a kind once, at import time of the owning app's `events` module."""
    existing = _registry.get(code)
    if existing is not None and existing.label != label:
        raise ValueError(f"audit kind {code!r} declared twice with different labels")
    kind = AuditKind(code=code, label=label, citation=citation)
    _registry[code] = kind
    return kind


def get_kind(code: str) -> AuditKind | None:
    return _registry.get(code)


def all_kinds() -> list[AuditKind]:
    return sorted(_registry.values(), key=lambda kind: kind.code)
