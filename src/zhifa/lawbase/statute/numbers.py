"""Turning amounts written in statutes (一万五千元, 1.5万, 百分之十, 零点五倍) into decimals."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
_FRACTIONS = {"百分之": Decimal("0.01"), "千分之": Decimal("0.001"), "万分之": Decimal("0.0001")}
_SIGNS = {"%": Decimal("0.01"), "％": Decimal("0.01"), "‰": Decimal("0.001")}
# Full-width digits and point occur in some local regulations; they mean the same as ASCII ones.
_WIDE = str.maketrans("０１２３４５６７８９．", "0123456789.")
_ARABIC = re.compile(r"(\d+(?:\.\d+)?)([十百千万亿]*)")


def chinese_amount(text: str) -> Decimal:
    """The value of a written amount: 一万五千 → 15000, 1.5万元 → 15000, 百分之十 → 0.1, 三倍 → 3.

    A trailing 元 (yuan) or 倍 (multiple) is dropped: the caller knows from it what the number
    counts. Raises ValueError when the text is not an amount.
    """
    cleaned = text.strip().translate(_WIDE).removeprefix("人民币")
    cleaned = cleaned.removesuffix("元").removesuffix("倍") if cleaned else cleaned
    if not cleaned:
        raise ValueError(f"not an amount: {text!r}")
    for prefix, scale in _FRACTIONS.items():
        if cleaned.startswith(prefix):
            return _tidy(_plain_amount(cleaned.removeprefix(prefix), text) * scale)
    if cleaned[-1] in _SIGNS:
        return _tidy(_plain_amount(cleaned[:-1], text) * _SIGNS[cleaned[-1]])
    return _tidy(_plain_amount(cleaned, text))


def _tidy(value: Decimal) -> Decimal:
    """Whole numbers without exponent or trailing zeros (15000, not 1.5E+4 or 15000.0); 0.10 → 0.1."""
    if value == value.to_integral_value():
        return Decimal(int(value))
    return value.normalize()


def _plain_amount(cleaned: str, original: str) -> Decimal:
    if not cleaned:
        raise ValueError(f"not an amount: {original!r}")
    arabic = _ARABIC.fullmatch(cleaned)
    if arabic:
        # "1.5万", "5千", "10000": Arabic digits, optionally scaled by Chinese units.
        return _to_decimal(arabic.group(1), original) * _unit_product(arabic.group(2))
    if "点" in cleaned:
        return _decimal_chinese(cleaned, original)
    return Decimal(_chinese_integer(cleaned, original))


def _to_decimal(digits: str, original: str) -> Decimal:
    try:
        return Decimal(digits)
    except InvalidOperation as error:
        raise ValueError(f"not an amount: {original!r}") from error


def _unit_product(units: str) -> Decimal:
    product = Decimal(1)
    for unit in units:
        product *= _UNITS.get(unit) or _BIG_UNITS[unit]
    return product


def _decimal_chinese(cleaned: str, original: str) -> Decimal:
    """零点五 → 0.5, 一点五万 → 15000: digits after 点 are read one by one, a big unit scales all."""
    whole, _, rest = cleaned.partition("点")
    fraction = rest.rstrip("万亿")
    if not fraction or any(char not in _DIGITS for char in fraction):
        raise ValueError(f"not an amount: {original!r}")
    digits = "".join(str(_DIGITS[char]) for char in fraction)
    value = Decimal(_chinese_integer(whole, original)) + Decimal(f"0.{digits}")
    return value * _unit_product(rest[len(fraction) :])


def _chinese_integer(cleaned: str, original: str) -> int:
    """Chinese numerals with 十百千 inside a section and 万/亿 between sections.

    A digit after a unit with no 零 between them is the next lower unit (一万五 = 15000), as read
    aloud; with 零 it is the ones (一百零五 = 105).
    """
    total = section = 0
    digit: int | None = None
    last_unit = 1
    zero_seen = False
    for position, char in enumerate(cleaned):
        if char in _DIGITS:
            digit, zero_seen = _DIGITS[char], zero_seen or _DIGITS[char] == 0
        elif char in _UNITS:
            # A bare 十 counts one ten, at the start (十五) or after 零 (一百零十); other units need a digit.
            if not digit and (char != "十" or (position > 0 and digit is None)):
                raise ValueError(f"not an amount: {original!r}")
            section += (digit or 1) * _UNITS[char]
            digit, last_unit, zero_seen = None, _UNITS[char], False
        elif char in _BIG_UNITS:
            if digit is None and section == 0 and total == 0:
                raise ValueError(f"not an amount: {original!r}")
            section += digit or 0
            total = (total + section) * _BIG_UNITS[char] if char == "亿" else total + section * _BIG_UNITS[char]
            section, digit, last_unit, zero_seen = 0, None, _BIG_UNITS[char], False
        else:
            raise ValueError(f"not an amount: {original!r}")
    if digit:
        section += digit if zero_seen or last_unit == 1 else digit * last_unit // 10
    return total + section
