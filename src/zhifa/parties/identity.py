"""Checking identity numbers (python-stdnum) and what they tell (birth date)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import gettext as _
from stdnum.cn import ric, uscc
from stdnum.exceptions import ValidationError

from zhifa.parties.choices import IdType


@dataclass(frozen=True)
class Identity:
    id_type: str
    number: str
    birth_date: dt.date | None = None


def check_identity(id_type: str, number: str) -> Identity:
    """Normalise and validate; ValueError with a message for the user when invalid."""
    number = number.strip().upper().replace(" ", "")
    if id_type == IdType.RESIDENT_ID:
        try:
            valid = ric.validate(number)
        except ValidationError as error:
            raise ValueError(_("身份证号码无效：应为 18 位，出生日期和校验位须正确。")) from error
        return Identity(id_type, valid, ric.get_birth_date(valid))
    if id_type == IdType.CREDIT_CODE:
        try:
            return Identity(id_type, uscc.validate(number))
        except ValidationError as error:
            raise ValueError(_("统一社会信用代码无效：应为 18 位，且校验位正确。")) from error
    if number and len(number) < 5:
        raise ValueError(_("证件号码过短。"))
    return Identity(id_type, number)


def age_on(birth_date: dt.date, day: dt.date) -> int:
    """Full years on `day` (行政处罚法 第三十条 counts the age on the date of the act)."""
    years = day.year - birth_date.year
    return years - ((day.month, day.day) < (birth_date.month, birth_date.day))
