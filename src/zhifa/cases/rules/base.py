"""Rules as code: each legal rule declared once, with its id, citation, kind and predicate.

A rule's check gets a `Context` (the step, the case, the proposed input) and returns None when
the step is lawful, or the message (zh-hans) saying why not. Kinds follow LEGAL-RULES.md:
BLOCK and REQUIRE refuse the step; WARN saves it and raises a warning for supervision; DEADLINE
rules compute periods (see `cases.deadlines`). A rule marked UNVERIFIED there never blocks unless
listed in settings.ZHIFA_STRICT_RULES.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property
from typing import Any

from django.conf import settings
from django.utils import timezone

from zhifa.core.calendar.periods import Calendar
from zhifa.core.errors import RuleViolation


class RuleKind(StrEnum):
    BLOCK = "block"
    REQUIRE = "require"
    WARN = "warn"
    DEADLINE = "deadline"


@dataclass
class Context:
    """What a rule may look at: the step, the case (None before it exists), the proposed input."""

    step: str
    # Any, not Case | None: only registration rules see None, and they test for it first.
    case: Any
    data: dict[str, Any] = field(default_factory=dict)
    by: Any | None = None
    today: dt.date = field(default_factory=timezone.localdate)

    @cached_property
    def calendar(self) -> Calendar:
        return Calendar.from_db()

    def get(self, key: str, default: Any = None) -> Any:
        return self.data.get(key, default)


Check = Callable[[Context], str | None]


@dataclass(frozen=True)
class Rule:
    id: str
    group: str
    title: Any
    citation: str
    kind: RuleKind
    steps: tuple[str, ...]
    check: Check | None = None
    unverified: bool = False
    period: str = ""

    @property
    def blocks(self) -> bool:
        if self.kind not in {RuleKind.BLOCK, RuleKind.REQUIRE}:
            return False
        return not self.unverified or self.id in getattr(settings, "ZHIFA_STRICT_RULES", ())

    @property
    def test_name(self) -> str:
        return "test_" + self.id.replace("-", "_")


@dataclass(frozen=True)
class Finding:
    rule: Rule
    message: str

    @property
    def blocking(self) -> bool:
        return self.rule.blocks


class Registry:
    """All rules; one legal rule id may have several checks (a BLOCK and a WARN, say)."""

    def __init__(self) -> None:
        self._rules: list[Rule] = []

    def add(self, new: Rule) -> None:
        duplicate = any(r.id == new.id and r.kind == new.kind and r.check is new.check for r in self._rules)
        if not duplicate:
            self._rules.append(new)

    def __iter__(self) -> Any:
        return iter(sorted(self._rules, key=lambda r: (r.group, _sort_key(r.id), r.kind)))

    def __contains__(self, rule_id: object) -> bool:
        return any(r.id == rule_id for r in self._rules)

    def __getitem__(self, rule_id: str) -> Rule:
        """The first rule declared under this id (they share the citation)."""
        for candidate in self._rules:
            if candidate.id == rule_id:
                return candidate
        raise KeyError(rule_id)

    def ids(self) -> list[str]:
        return sorted({r.id for r in self._rules}, key=_sort_key)

    def for_step(self, step: str) -> list[Rule]:
        return [r for r in self._rules if step in r.steps and r.check is not None]


def _sort_key(rule_id: str) -> tuple[str, int, str]:
    prefix, _, rest = rule_id.partition("-")
    digits = "".join(c for c in rest if c.isdigit())
    return prefix, int(digits or 0), rest


REGISTRY = Registry()


def rule(
    rule_id: str,
    *,
    group: str,
    title: Any,
    citation: str,
    kind: RuleKind,
    steps: Iterable[str] = (),
    unverified: bool = False,
    period: str = "",
) -> Callable[[Check], Check]:
    """Declare a rule with its predicate (the decorated function)."""

    def register(check: Check) -> Check:
        REGISTRY.add(Rule(rule_id, group, title, citation, kind, tuple(steps), check, unverified, period))
        return check

    return register


def declare(
    rule_id: str, *, group: str, title: Any, citation: str, kind: RuleKind, period: str = "", unverified: bool = False
) -> Rule:
    """A rule with no predicate of its own: a period the deadline engine computes."""
    declared = Rule(rule_id, group, title, citation, kind, (), None, unverified, period)
    REGISTRY.add(declared)
    return declared


def rules_for(step: str) -> list[Rule]:
    return REGISTRY.for_step(step)


def evaluate(step: str, context: Context, only: Collection[str] | None = None) -> list[Finding]:
    """The findings of the rules of `step` (or only of the rule ids in `only`)."""
    findings = []
    for candidate in sorted(rules_for(step), key=lambda r: r.id):
        if only is not None and candidate.id not in only:
            continue
        message = candidate.check(context)  # type: ignore[misc]
        if message:
            findings.append(Finding(candidate, message))
    return findings


def enforce(step: str, context: Context, only: Collection[str] | None = None) -> list[Finding]:
    """Refuse the step (RuleViolation naming the rule and article) if a blocking rule fails;
    otherwise return the warnings for the caller to record."""
    findings = evaluate(step, context, only)
    blocking = [f for f in findings if f.blocking]
    if blocking:
        first = blocking[0]
        raise RuleViolation(
            first.message,
            rule=first.rule.id,
            citation=first.rule.citation,
            fields={"__all__": [f"{f.rule.id}：{f.message}" for f in blocking]},
        )
    return [f for f in findings if not f.blocking]
