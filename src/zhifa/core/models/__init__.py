from zhifa.core.models.audit import AuditChainHead, AuditEntry
from zhifa.core.models.base import TimestampedModel, VersionedModel
from zhifa.core.models.calendar import CalendarDay, CalendarYear
from zhifa.core.models.schedule import ScheduledRun

__all__ = [
    "AuditChainHead",
    "AuditEntry",
    "CalendarDay",
    "CalendarYear",
    "ScheduledRun",
    "TimestampedModel",
    "VersionedModel",
]
