"""A discretion benchmark can never exceed the statute: each level's fine must lie within a
fine the penalty article sets for the same base and the same kind of party."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _

from zhifa.core.errors import RuleViolation
from zhifa.lawbase.choices import FineBase, PartyScope, PenaltyKind
from zhifa.lawbase.models import DiscretionLevel, LegalBasis, Matter, StatutoryPenalty
from zhifa.lawbase.money import fine_range
from zhifa.lawbase.selectors import statutory_limits

RULE = "DB-34"
PRINCIPLE = "《中华人民共和国行政处罚法》第三十四条"


def _party_fits(level_party: str, statute_party: str) -> bool:
    return statute_party == PartyScope.ANY or level_party in {PartyScope.ANY, statute_party}


def _within(level: DiscretionLevel, limit: StatutoryPenalty) -> bool:
    """ "X以下" has no floor but nothing (the level may start at 0); "X以上" with no maximum sets a
    floor and no ceiling; a fine with neither ("依法罚款") cannot bound a benchmark."""
    low = level.fine_min if level.fine_min is not None else Decimal(0)
    high = level.fine_max if level.fine_max is not None else low
    floor = limit.minimum if limit.minimum is not None else Decimal(0)
    if limit.maximum is None and limit.minimum is None:
        return False
    if limit.maximum is None:
        return floor <= low <= high
    return floor <= low <= high <= limit.maximum


def check_level(matter: Matter, level: DiscretionLevel) -> None:
    """Raise RuleViolation, naming both ranges and the article, if the level's fine leaves the statute."""
    if not level.has_fine:
        return
    if level.fine_min is not None and level.fine_max is not None and level.fine_min > level.fine_max:
        raise RuleViolation(_("罚款下限不能高于上限。"), rule=RULE, fields={"fine_min": [_("下限高于上限。")]})
    limits = statutory_limits(matter)
    if not limits:
        raise RuleViolation(_("该事项没有处罚依据，不能设定罚款。"), rule=RULE, citation=PRINCIPLE)
    fines = [(basis, p) for basis, penalties in limits for p in penalties if p.kind == PenaltyKind.FINE]
    if not fines:
        basis = limits[0][0]
        raise RuleViolation(
            _("%(article)s未规定罚款，裁量基准不能设定罚款。") % {"article": basis.citation},
            rule=RULE,
            citation=basis.citation,
        )
    same_base = [(b, p) for b, p in fines if p.base == level.fine_base and _party_fits(level.party, p.party)]
    if any(_within(level, p) for _, p in same_base):
        return
    raise _outside(level, same_base or fines)


def _outside(level: DiscretionLevel, candidates: list[tuple[LegalBasis, StatutoryPenalty]]) -> RuleViolation:
    basis, limit = candidates[0]
    statute = "；".join(
        (f"{p.condition.rstrip('，,')}，" if p.condition else "")
        + fine_range(p.base, p.minimum, p.maximum, p.base_label)
        for _, p in candidates
    )
    wanted = fine_range(level.fine_base, level.fine_min, level.fine_max, _base_label(level.fine_base, limit))
    message = _("“%(grade)s”档罚款%(wanted)s，超出%(article)s规定的法定幅度（%(statute)s）。") % {
        "grade": level.get_grade_display(),
        "wanted": wanted,
        "article": basis.citation,
        "statute": statute,
    }
    return RuleViolation(message, rule=RULE, citation=basis.citation, fields={"fine_max": [message]})


def _base_label(base: str, limit: StatutoryPenalty) -> str:
    if base == limit.base and limit.base_label:
        return limit.base_label
    return str(FineBase(base).label) if base else ""
