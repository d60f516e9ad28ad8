"""Appending to and verifying the hash chain."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhifa.core.models.audit import GENESIS_HASH, AuditChainHead, AuditEntry

HASHED_FIELDS = (
    "chain",
    "seq",
    "created_at",
    "actor_id",
    "actor_name",
    "agency_id",
    "agency_name",
    "action",
    "object_type",
    "object_id",
    "object_repr",
    "changes",
    "request_id",
    "client_address",
    "prev_hash",
)


def _canonical_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def compute_hash(values: dict[str, Any]) -> str:
    """SHA-256 over a canonical JSON array of the hashed fields, in a fixed order."""
    parts = [_canonical_time(values[name]) if name == "created_at" else values[name] for name in HASHED_FIELDS]
    payload = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def _lock_head(chain: str) -> AuditChainHead:
    head = AuditChainHead.objects.select_for_update().filter(name=chain).first()
    if head is None:
        AuditChainHead.objects.bulk_create([AuditChainHead(name=chain)], ignore_conflicts=True)
        head = AuditChainHead.objects.select_for_update().get(name=chain)
    return head


def append(fields: dict[str, Any], *, chain: str = "main") -> AuditEntry:
    """Write one entry at the end of the chain, inside the caller's transaction."""
    if not connection.in_atomic_block:
        raise RuntimeError("audit entries are written inside the action's transaction")
    head = _lock_head(chain)
    values: dict[str, Any] = {
        **fields,
        "chain": chain,
        "seq": head.seq + 1,
        "created_at": timezone.now(),
        "prev_hash": head.hash,
    }
    entry = AuditEntry(**values, hash=compute_hash(values))
    entry.save(force_insert=True)
    AuditChainHead.objects.filter(name=chain).update(seq=entry.seq, hash=entry.hash)
    return entry


@dataclass(frozen=True)
class Problem:
    seq: int
    entry_id: int | None
    reason: str

    def __str__(self) -> str:
        where = _("第 %(seq)s 条") % {"seq": self.seq}
        if self.entry_id is not None:
            where += f" (id={self.entry_id})"
        return f"{where}: {self.reason}"


@dataclass(frozen=True)
class VerifyResult:
    chain: str
    checked: int
    head_seq: int
    head_hash: str
    problem: Problem | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def _entries(chain: str, batch: int) -> Iterator[dict[str, Any]]:
    """Stream the chain in seq order with bounded memory (keyset pagination, not OFFSET)."""
    last = 0
    columns = ("id", "hash", *HASHED_FIELDS)
    while True:
        rows = list(AuditEntry.objects.filter(chain=chain, seq__gt=last).order_by("seq").values(*columns)[:batch])
        if not rows:
            return
        yield from rows
        last = rows[-1]["seq"]


def _check_entry(row: dict[str, Any], expected_seq: int, prev_hash: str) -> str | None:
    if row["seq"] != expected_seq:
        return _("序号不连续：应为第 %(expected)s 条，却是第 %(seq)s 条（记录被删除或重排）") % {
            "expected": expected_seq,
            "seq": row["seq"],
        }
    if row["prev_hash"] != prev_hash:
        return _("前序哈希不符：前一条记录被改动、删除或重排")
    if compute_hash(row) != row["hash"]:
        return _("内容哈希不符：此条记录被改动")
    return None


def verify(
    chain: str = "main",
    *,
    batch: int = 5000,
    on_progress: Callable[[int], None] | None = None,
    anchors: dict[int, str] | None = None,
) -> VerifyResult:
    """Walk the chain from its first entry; stop at the first entry that does not fit.

    `anchors` maps sequence numbers to hashes published elsewhere (a printed daily head, a
    supervisor's copy): a chain rewritten from some point on with fresh hashes fails there.
    """
    anchors = anchors or {}
    with transaction.atomic():
        head = AuditChainHead.objects.filter(name=chain).first()
        expected, prev_hash, checked = 1, GENESIS_HASH, 0
        for row in _entries(chain, batch):
            reason = _check_entry(row, expected, prev_hash)
            if reason is None and row["seq"] in anchors and anchors[row["seq"]] != row["hash"]:
                reason = _("与外部留存的哈希不符：此处之前的链被重写")
            if reason is not None:
                problem = Problem(seq=expected, entry_id=row["id"], reason=reason)
                return VerifyResult(chain, checked, head.seq if head else 0, head.hash if head else "", problem)
            checked += 1
            expected += 1
            prev_hash = row["hash"]
            if on_progress is not None and checked % batch == 0:
                on_progress(checked)
        tail_problem = _check_tail(head, checked, prev_hash, anchors)
        return VerifyResult(chain, checked, head.seq if head else 0, head.hash if head else "", tail_problem)


def _check_tail(head: AuditChainHead | None, last_seq: int, last_hash: str, anchors: dict[int, str]) -> Problem | None:
    head_seq = head.seq if head else 0
    head_hash = head.hash if head else GENESIS_HASH
    if head_seq != last_seq or head_hash != last_hash:
        return Problem(
            seq=last_seq + 1,
            entry_id=None,
            reason=_("链尾不符：链头记到第 %(head)s 条，表中只连续到第 %(last)s 条（末尾记录被删除）")
            % {"head": head_seq, "last": last_seq},
        )
    beyond = [seq for seq in anchors if seq > last_seq]
    if beyond:
        return Problem(seq=min(beyond), entry_id=None, reason=_("外部留存的记录在链中不存在（记录被删除）"))
    return None
