"""Replaying a case from its events: the case as it stood at any past moment.

Each event stores the case's procedural fields after its step (`CaseEvent.state`), so the state
at a moment is the state of the last event at or before it; the events, documents and
deliveries up to that moment come with it. `drift` compares the replay with the live row: any
difference means a write bypassed the actions and is a defect.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from zhifa.cases.actions.common import STATE_FIELDS, state_of
from zhifa.cases.models import Case, CaseDocument, CaseEvent


@dataclass
class CaseAt:
    """A case as it stood at `moment` (None before it existed)."""

    moment: dt.datetime
    state: dict[str, Any] | None
    events: list[CaseEvent] = field(default_factory=list)
    documents: list[CaseDocument] = field(default_factory=list)

    @property
    def existed(self) -> bool:
        return self.state is not None

    @property
    def status(self) -> str | None:
        return self.state["status"] if self.state else None


def state_at(case: Case, moment: dt.datetime) -> CaseAt:
    events = list(case.events.filter(at__lte=moment).order_by("seq"))
    if not events:
        return CaseAt(moment, None)
    documents = list(case.documents.filter(created_at__lte=moment).order_by("id"))
    return CaseAt(moment, dict(events[-1].state), events, documents)


def drift(case: Case) -> dict[str, tuple[Any, Any]]:
    """Fields where the latest event's state differs from the case row: {field: (replayed, live)}."""
    last = case.events.order_by("-seq").first()
    replayed = last.state if last else {}
    live = state_of(case)
    return {name: (replayed.get(name), live[name]) for name in STATE_FIELDS if replayed.get(name) != live[name]}
