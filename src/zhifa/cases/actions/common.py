"""What every case action does: lock the case, check permission and rules, write the event,
the warnings and the audit entry."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import Any

from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from zhifa.cases.events import STEPS
from zhifa.cases.models import Case, CaseEvent, CaseWarning
from zhifa.cases.rules import Context, Finding, enforce
from zhifa.core.errors import Conflict, InvalidInput
from zhifa.core.jsonsafe import json_safe
from zhifa.core.locking import update_versioned
from zhifa.orgs.events import audit
from zhifa.orgs.policy import require

# The fields of a case its timeline keeps after every step (for replaying past states).
STATE_FIELDS = [
    "status",
    "number",
    "procedure",
    "outcome",
    "registered_on",
    "decided_on",
    "closed_on",
    "archived_on",
    "extension_days",
    "is_major",
    "is_complex",
    "suspected_crime",
    "facts",
]


def lock(case: Case, expected_version: int | None) -> Case:
    """The case, locked for this transaction; a stale `expected_version` is a conflict."""
    locked = (
        Case.objects.select_for_update().select_related("agency__region", "party", "matter", "domain").get(pk=case.pk)
    )
    if expected_version is not None and locked.version != expected_version:
        raise Conflict(_("案件已被他人办理到下一步（或已修改），请刷新后再操作。"), code="stale_version")
    return locked


def allowed(by: Any, perm: str, case: Any) -> None:
    if by is not None:
        require(by, perm, case)


def check(step: str, case: Case, by: Any, **data: Any) -> list[Finding]:
    """Enforce the rules of `step`; returns the warnings (recorded by `finish`)."""
    return enforce(
        step, Context(step=step, case=case, data=data, by=by, today=data.get("today") or timezone.localdate())
    )


def check_first(step: str, case: Case, by: Any, rules: Collection[str], **data: Any) -> None:
    """Before a stage guard: refuse the step by the legal rules that say why it is not possible at
    this stage (LP-40 for a file sent back for supplementary investigation), so that the user is
    told the article rather than only "wrong stage". Their warnings are left to `check`."""
    enforce(
        step,
        Context(step=step, case=case, data=data, by=by, today=data.get("today") or timezone.localdate()),
        only=rules,
    )


def change(case: Case, **values: Any) -> Case:
    """Write case fields and bump its version (the lock is already held)."""
    return update_versioned(case, expected_version=None, values=values)


def state_of(case: Case) -> dict[str, Any]:
    return {name: json_safe(getattr(case, name)) for name in STATE_FIELDS}


def finish(
    case: Case, code: str, *, by: Any, payload: dict[str, Any] | None = None, warnings: Sequence[Finding] = ()
) -> CaseEvent:
    """The timeline event, the warnings and the audit entry of one step."""
    now = timezone.now()
    last = CaseEvent.objects.filter(case=case).aggregate(m=Max("seq"))["m"] or 0
    event = CaseEvent.objects.create(
        case=case,
        seq=last + 1,
        kind=code,
        at=now,
        actor=by if getattr(by, "pk", None) else None,
        actor_name=getattr(by, "display_name", "") if by is not None else "system",
        payload=json_safe(payload or {}),
        state=state_of(case),
        rules=[f.rule.id for f in warnings],
    )
    for finding in warnings:
        CaseWarning.objects.create(
            case=case,
            rule=finding.rule.id,
            message=finding.message,
            citation=finding.rule.citation,
            step=code,
            raised_at=now,
        )
    audit(
        STEPS[code],
        by=by,
        obj=case,
        changes={"step": code, **json_safe(payload or {}), "warnings": [f.rule.id for f in warnings]},
    )
    return event


def require_status(case: Case, *statuses: str) -> None:
    if case.status not in statuses:
        raise InvalidInput(
            _("案件当前处于“%(status)s”阶段，不能进行此操作。") % {"status": case.get_status_display()},
            code="wrong_stage",
        )


def today() -> dt.date:
    return timezone.localdate()
