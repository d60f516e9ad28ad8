"""The penalty of a case as a value: what is proposed, notified and decided is compared as such."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from zhifa.lawbase.choices import PenaltyKind
from zhifa.lawbase.money import yuan

# 行政处罚法 第九条, lightest first; "heavier" compares along this order.
SEVERITY: list[str] = [
    PenaltyKind.WARNING,
    PenaltyKind.CRITICISM,
    PenaltyKind.FINE,
    PenaltyKind.CONFISCATE_GAINS,
    PenaltyKind.CONFISCATE_PROPERTY,
    PenaltyKind.LICENCE_SUSPENSION,
    PenaltyKind.QUALIFICATION_DOWNGRADE,
    PenaltyKind.BUSINESS_RESTRICTION,
    PenaltyKind.PRACTICE_RESTRICTION,
    PenaltyKind.SUSPENSION,
    PenaltyKind.REVOCATION,
    PenaltyKind.CLOSURE,
    PenaltyKind.DETENTION,
]
ARTICLE_9_KINDS = frozenset(SEVERITY)
# 行政处罚法 第六十三条: kinds that always carry the right to a hearing.
HEARING_KINDS = frozenset(
    {
        PenaltyKind.REVOCATION,
        PenaltyKind.QUALIFICATION_DOWNGRADE,
        PenaltyKind.SUSPENSION,
        PenaltyKind.CLOSURE,
        PenaltyKind.PRACTICE_RESTRICTION,
        PenaltyKind.BUSINESS_RESTRICTION,
    }
)


def _decimal(value: Any) -> Decimal | None:
    if value in (None, ""):
        return None
    return Decimal(str(value))


@dataclass(frozen=True)
class Penalty:
    kinds: tuple[str, ...] = ()
    fine: Decimal | None = None
    illegal_gains: Decimal | None = None
    confiscate_gains: bool = False
    refund_reason: str = ""
    confiscated_property: str = ""
    correction: str = ""
    other: str = ""
    mitigated: bool = False  # 从轻或者减轻 applied
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_json(cls, data: dict[str, Any] | None) -> Penalty:
        data = data or {}
        return cls(
            kinds=tuple(data.get("kinds") or ()),
            fine=_decimal(data.get("fine")),
            illegal_gains=_decimal(data.get("illegal_gains")),
            confiscate_gains=bool(data.get("confiscate_gains")),
            refund_reason=data.get("refund_reason") or "",
            confiscated_property=data.get("confiscated_property") or "",
            correction=data.get("correction") or "",
            other=data.get("other") or "",
            mitigated=bool(data.get("mitigated")),
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "kinds": list(self.kinds),
            "fine": None if self.fine is None else str(self.fine),
            "illegal_gains": None if self.illegal_gains is None else str(self.illegal_gains),
            "confiscate_gains": self.confiscate_gains,
            "refund_reason": self.refund_reason,
            "confiscated_property": self.confiscated_property,
            "correction": self.correction,
            "other": self.other,
            "mitigated": self.mitigated,
        }

    @property
    def has_fine(self) -> bool:
        return PenaltyKind.FINE in self.kinds and bool(self.fine)

    @property
    def is_warning_only(self) -> bool:
        return set(self.kinds) == {PenaltyKind.WARNING}

    @property
    def confiscated_gains(self) -> Decimal:
        """The illegal gains this penalty confiscates (0 when it confiscates none)."""
        if self.confiscate_gains or PenaltyKind.CONFISCATE_GAINS in self.kinds:
            return self.illegal_gains or Decimal(0)
        return Decimal(0)

    def heaviest_rank(self) -> int:
        return max((SEVERITY.index(k) for k in self.kinds if k in SEVERITY), default=-1)

    def is_heavier_than(self, other: Penalty) -> bool:
        """Any kind the other does not have, a larger fine, or more gains confiscated."""
        if set(self.kinds) - set(other.kinds):
            return True
        if (self.fine or 0) > (other.fine or 0):
            return True
        return self.confiscated_gains > other.confiscated_gains

    def text(self) -> str:
        """罚款人民币1万元；没收违法所得2000元；警告 — as the decision states it."""
        labels = {k: str(PenaltyKind(k).label) for k in self.kinds if k in PenaltyKind.values}
        parts = []
        for kind in sorted(self.kinds, key=lambda k: SEVERITY.index(k) if k in SEVERITY else 99):
            if kind == PenaltyKind.FINE and self.fine is not None:
                parts.append(f"罚款人民币{yuan(self.fine)}")
            elif kind == PenaltyKind.CONFISCATE_GAINS and self.illegal_gains:
                parts.append(f"没收违法所得人民币{yuan(self.illegal_gains)}")
            elif kind == PenaltyKind.CONFISCATE_PROPERTY and self.confiscated_property:
                parts.append(f"没收{self.confiscated_property}")
            else:
                parts.append(labels.get(kind, kind))
        if self.other:
            parts.append(self.other)
        return "；".join(parts)
