"""The audit chain (全过程记录): an append-only, hash-linked record of every action."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhifa.core.scoping import Jurisdiction, JurisdictionQuerySet

GENESIS_HASH = "0" * 64


class AuditEntry(models.Model):
    """One action by one actor on one object, linked to the entry before it by hash.

    The hash covers every field below and the previous entry's hash, so editing, deleting or
    reordering any entry breaks the chain from that point on; `zhifa audit verify` finds it.
    Actor and agency are copied as plain ids and names rather than foreign keys: the record must
    outlive the people and bodies it names, and an append-only table takes no cascades.
    """

    chain = models.CharField(_("链"), max_length=32, default="main")
    seq = models.BigIntegerField(_("序号"))
    created_at = models.DateTimeField(_("时间"))
    actor_id = models.BigIntegerField(_("操作人 ID"), null=True, blank=True)
    actor_name = models.CharField(_("操作人"), max_length=150, blank=True)
    agency_id = models.BigIntegerField(_("所属机关 ID"), null=True, blank=True)
    agency_name = models.CharField(_("所属机关"), max_length=200, blank=True)
    action = models.CharField(_("操作"), max_length=64)
    object_type = models.CharField(_("对象类型"), max_length=64, blank=True)
    object_id = models.CharField(_("对象 ID"), max_length=64, blank=True)
    object_repr = models.CharField(_("对象"), max_length=200, blank=True)
    changes = models.JSONField(_("变更摘要"), default=dict, blank=True)
    request_id = models.CharField(_("请求 ID"), max_length=64, blank=True)
    client_address = models.CharField(_("客户端地址"), max_length=45, blank=True)
    prev_hash = models.CharField(_("前一条哈希"), max_length=64)
    hash = models.CharField(_("哈希"), max_length=64)

    objects = JurisdictionQuerySet.as_manager()
    jurisdiction = Jurisdiction(agency="agency_id", agency_in_region="agency_id", owner="actor_id")

    class Meta:
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")
        constraints = [models.UniqueConstraint(fields=["chain", "seq"], name="audit_entry_chain_seq_unique")]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_entry_object_idx"),
            models.Index(fields=["actor_id", "created_at"], name="audit_entry_actor_idx"),
            models.Index(fields=["agency_id", "created_at"], name="audit_entry_agency_idx"),
            # Failed sign-ins per client address (the sign-in throttle counts them).
            models.Index(fields=["client_address", "action", "created_at"], name="audit_entry_address_idx"),
        ]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.object_repr}"


class AuditChainHead(models.Model):
    """The last sequence number and hash of a chain.

    Appending locks this row, which serialises writers; comparing it with the last entry also
    reveals entries cut off the end of the chain, which hash links alone cannot.
    """

    name = models.CharField(max_length=32, primary_key=True)
    seq = models.BigIntegerField(default=0)
    hash = models.CharField(max_length=64, default=GENESIS_HASH)

    class Meta:
        verbose_name = _("审计链头")
        verbose_name_plural = _("审计链头")

    def __str__(self) -> str:
        return f"{self.name}@{self.seq}"
