from zhifa.core.models.audit import AuditChainHead, AuditEntry
from zhifa.core.models.base import TimestampedModel, VersionedModel
from zhifa.core.models.calendar import CalendarDay, CalendarYear

__all__ = ["AuditChainHead", "AuditEntry", "CalendarDay", "CalendarYear", "TimestampedModel", "VersionedModel"]
