"""Audit kinds of the working-day calendar."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zhifa.core.audit.kinds import audit_kind

CALENDAR_LOADED = audit_kind(
    "core.calendar.loaded",
    _("载入法定节假日安排"),
    "《全国年节及纪念日放假办法》第二条、第六条、第七条；国务院办公厅年度部分节假日安排通知",
)
