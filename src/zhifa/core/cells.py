"""Cell parsers for spreadsheet imports: each returns a value or raises ValueError in Chinese."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation

from django.db.models import TextChoices
from django.utils.translation import gettext as _


def parse_date(text: str) -> dt.date:
    cleaned = re.sub(r"[年月/.]", "-", text.strip()).rstrip("日").strip("-")
    try:
        return dt.date.fromisoformat("-".join(part.zfill(2) for part in cleaned.split("-")))
    except ValueError as error:
        raise ValueError(_("日期格式应为 2026-01-31。")) from error


def parse_decimal(text: str) -> Decimal:
    cleaned = text.replace(",", "").replace("，", "").replace("元", "").replace("倍", "").strip()
    try:
        value = Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError(_("应为数字。")) from error
    if value < 0 or not value.is_finite():
        raise ValueError(_("不能为负数。"))
    return value


def parse_int(text: str) -> int:
    try:
        return int(text.strip())
    except ValueError as error:
        raise ValueError(_("应为整数。")) from error


def parse_bool(text: str) -> bool:
    value = text.strip().lower()
    if value in {"是", "y", "yes", "true", "1", "√"}:
        return True
    if value in {"否", "n", "no", "false", "0", "×", ""}:
        return False
    raise ValueError(_("应填“是”或“否”。"))


def choice_parser(choices: type[TextChoices], aliases: Mapping[str, str] | None = None) -> Callable[[str], str]:
    """Accept the Chinese label, the code, or an alias."""
    by_text = {str(label): value for value, label in choices.choices} | {value: value for value in choices.values}
    by_text |= dict(aliases or {})

    def parse(text: str) -> str:
        key = text.strip()
        if key not in by_text:
            allowed = "、".join(str(label) for _, label in choices.choices if label)
            raise ValueError(_("应为以下之一：%(allowed)s") % {"allowed": allowed})
        return by_text[key]

    return parse


def split_list(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[、,，;；\n]+", text) if part.strip()]
