"""Checks of identity numbers used by the org tree."""

from __future__ import annotations

from django.utils.translation import gettext as _
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError


def check_credit_code(value: str) -> str | None:
    """None if `value` is a valid 统一社会信用代码 (GB 32100-2015), else the problem in words."""
    try:
        uscc.validate(value)
    except ValidationError:
        return _("统一社会信用代码无效：应为 18 位，且校验位正确。")
    return None
