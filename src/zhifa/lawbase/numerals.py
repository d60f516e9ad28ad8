"""Writing numbers the way legal citations do (第三十三条, 第（二）项)."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"


def chinese_ordinal(n: int) -> str:
    """1 → 一, 10 → 十, 15 → 十五, 33 → 三十三, 101 → 一百零一, 110 → 一百一十 (n < 10000)."""
    if n <= 0 or n >= 10000:
        raise ValueError(n)
    if n < 10:
        return _DIGITS[n]
    if n < 20:
        return "十" + (_DIGITS[n % 10] if n % 10 else "")
    parts: list[str] = []
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, n = divmod(n, value)
        if digit:
            parts.append(_DIGITS[digit] + unit)
        elif parts and n and not parts[-1].endswith("零"):
            parts.append("零")
    return "".join(parts)


def article_number(n: int) -> str:
    return f"第{chinese_ordinal(n)}条"


_VALUES = {c: i for i, c in enumerate(_DIGITS)} | {"两": 2, "〇": 0}
_UNITS = {"十": 10, "百": 100, "千": 1000}


def parse_ordinal(text: str) -> int:
    """三十三 → 33, 一百零一 → 101, 十五 → 15, 33 → 33."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    total, digit = 0, None
    for char in text:
        if char in _VALUES:
            digit = _VALUES[char]
        elif char in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[char]
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + (digit or 0)
