"""Writing amounts the way enforcement documents do."""

from __future__ import annotations

from decimal import Decimal


def yuan(amount: Decimal | None) -> str:
    """50000 → 5万元, 2000 → 2000元, 1250.5 → 1250.5元."""
    if amount is None:
        return "—"
    if amount >= 10000 and amount % 1000 == 0:
        wan = (amount / 10000).normalize()
        return f"{wan:f}万元"
    return f"{amount.normalize():f}元"


def multiple(value: Decimal | None, base_label: str) -> str:
    """违法所得 1 → 违法所得1倍; 0.05 of 投资额 → 投资额5%."""
    if value is None:
        return "—"
    if value < 1:
        return f"{base_label}{(value * 100).normalize():f}%"
    return f"{base_label}{value.normalize():f}倍"


def fine_range(base: str, minimum: Decimal | None, maximum: Decimal | None, base_label: str = "") -> str:
    """5万元以上10万元以下; 违法所得1倍以上3倍以下 (the base named once, as the statutes write it)."""
    render = yuan if base == "amount" else (lambda v: multiple(v, base_label))
    if minimum is not None and maximum is not None:
        if minimum == maximum:
            return render(minimum)
        upper = yuan(maximum) if base == "amount" else multiple(maximum, "")
        return f"{render(minimum)}以上{upper}以下"
    if maximum is not None:
        return f"{render(maximum)}以下"
    if minimum is not None:
        return f"{render(minimum)}以上"
    return "—"
