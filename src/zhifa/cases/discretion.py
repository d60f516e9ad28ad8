"""Intelligent discretion for a case: the facts the handler recorded, read as the calculator's
facts, so the report is prefilled with the advised range and a fine outside it needs a reason."""

from __future__ import annotations

from typing import Any

from zhifa.cases.models import Case
from zhifa.lawbase.assist.discretion import Advice, Facts, Harm, advise
from zhifa.lawbase.choices import PartyScope


def _harm(circumstances: dict[str, Any]) -> Harm:
    if circumstances.get("no_harm"):
        return "none"
    if circumstances.get("minor_harm") or circumstances.get("minor"):
        return "minor"
    return "general"


def advice_for(case: Case, circumstances: dict[str, Any] | None = None, illegal_gains: Any = None) -> Advice:
    """The advice for this case's matter on the date of the act, for its party and region."""
    flags = circumstances or {}
    party = case.party
    facts = Facts(
        act_date=case.act_date,
        party=PartyScope.INDIVIDUAL if party.is_individual else PartyScope.ORGANISATION,
        birth_date=party.birth_date if party.is_individual else None,
        harm=_harm(flags),
        corrected=bool(flags.get("corrected")),
        first_offence=bool(flags.get("first_offence")),
        harm_removed=bool(flags.get("voluntarily_reduced")),
        coerced=bool(flags.get("coerced")),
        confessed=bool(flags.get("confessed_unknown")),
        meritorious=bool(flags.get("meritorious")),
        illegal_gains=illegal_gains or None,
        region_path=case.region_path,
    )
    return advise(case.matter, facts)


def summary(advice: Advice) -> str:
    """The advice in the words a report's 裁量理由 starts from; the handler edits it."""
    lines = [reason.text for reason in advice.reasons if not reason.text.startswith("法定处罚")]
    return "\n".join(lines)
