from zhifa.core.models.audit import AuditChainHead, AuditEntry
from zhifa.core.models.base import TimestampedModel, VersionedModel

__all__ = ["AuditChainHead", "AuditEntry", "TimestampedModel", "VersionedModel"]
