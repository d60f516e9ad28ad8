"""结案 and 归档."""

from __future__ import annotations

import datetime as dt
import hashlib
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhifa.cases import case_file
from zhifa.cases.actions.common import allowed, change, check, finish, lock, require_status
from zhifa.cases.actions.deadlines import cancel
from zhifa.cases.actions.documents import issue_document
from zhifa.cases.actions.execution import amount_due
from zhifa.cases.choices import CaseStatus, Outcome, Procedure
from zhifa.cases.models import Case, CaseFile
from zhifa.cases.permissions import APPROVE_CASE, HANDLE_CASE
from zhifa.core.errors import InvalidInput

CLOSABLE = (CaseStatus.DECIDED, CaseStatus.EXECUTING)


def _unfinished_execution(case: Case, on: dt.date) -> str | None:
    if case.outcome != Outcome.PENALTY:
        return None
    principal, accrued = amount_due(case, on)
    court = getattr(case, "court_application", None)
    if principal + accrued > Decimal(0) and (court is None or court.concluded_on is None):
        return _("罚款尚未缴清（应缴 %(p)s 元，加处罚款 %(s)s 元），也未经法院强制执行终结，不能结案。") % {
            "p": principal,
            "s": accrued,
        }
    return None


@transaction.atomic
def close_case(case: Case, *, by: Any, expected_version: int | None, closed_on: dt.date, summary: str = "") -> Case:
    """结案 once the decision is served and performed (or enforced), or a no-penalty case is done."""
    case = lock(case, expected_version)
    allowed(by, APPROVE_CASE, case)
    require_status(case, *CLOSABLE)
    decision = getattr(case, "decision", None)
    if decision is None:
        raise InvalidInput(_("案件尚未作出决定。"), code="wrong_stage")
    if not case.deliveries.filter(document=decision.document, served_on__isnull=False).exists():
        raise InvalidInput(_("决定书尚未送达，不能结案。"), code="not_served")
    problem = _unfinished_execution(case, closed_on)
    if problem:
        raise InvalidInput(problem, code="not_performed")
    warnings = check("case.close", case, by)
    issue_document(case, "closing_approval", extra={"reasons": summary or _("执行完毕，予以结案。")})
    cancel(case, "LP-67b", "LE-54")
    change(case, status=CaseStatus.CLOSED, closed_on=closed_on)
    finish(case, "closed", by=by, payload={"closed_on": closed_on, "summary": summary}, warnings=warnings)
    return case


@transaction.atomic
def archive_case(case: Case, *, by: Any, expected_version: int | None, archived_on: dt.date) -> Case:
    """归档: the complete electronic file, one case per file, documents in the statutory order."""
    from zhifa.cases.tasks import build_case_file

    case = lock(case, expected_version)
    allowed(by, HANDLE_CASE, case)
    if case.procedure == Procedure.SUMMARY:
        require_status(case, CaseStatus.DECIDED, CaseStatus.CLOSED)
    else:
        require_status(case, CaseStatus.CLOSED)
    index = case_file.ordered_documents(case)
    contents = [{"title": d.title, "number": d.number, "sha256": d.sha256, "issued_on": d.issued_on} for d in index]
    change(case, status=CaseStatus.ARCHIVED, archived_on=archived_on)
    finish(case, "archived", by=by, payload={"archived_on": archived_on, "contents": contents})
    # The zip of every PDF is rendered by the background worker, not while the officer waits;
    # the queue row commits (or rolls back) with the archiving itself.
    build_case_file.enqueue(case.pk)
    return case


def record_case_file(case_id: int) -> str:
    """The worker's action: build the electronic case file of an archived case, store it under a
    name that carries its fingerprint, and record it with its timeline event and audit entry.
    Safe to run again: the same documents give the same file, recorded once. Returns its name."""
    case = Case.objects.select_related("agency").get(pk=case_id)
    if case.status != CaseStatus.ARCHIVED:
        raise InvalidInput(_("案件归档后才有电子案卷。"), code="wrong_stage")
    # Rendering missing PDFs takes seconds: done before the transaction, which only records.
    built = case_file.build(case)
    digest = hashlib.sha256(built.content).hexdigest()
    recorded, recorded_digest = _recorded(case)
    if recorded_digest == digest and default_storage.exists(recorded):
        return recorded
    name = case_file.path_of(case, digest)
    if not default_storage.exists(name):
        name = default_storage.save(name, ContentFile(built.content))
    try:
        with transaction.atomic():
            locked = lock(case, None)
            previous, previous_digest = _recorded(locked)
            if previous_digest == digest:  # another worker recorded the same file meanwhile
                return previous
            CaseFile.objects.update_or_create(
                case=locked,
                defaults={
                    "file": name,
                    "sha256": digest,
                    "size": len(built.content),
                    "documents": built.documents,
                    "built_at": timezone.now(),
                },
            )
            payload = {"file": name, "sha256": digest, "bytes": len(built.content), "documents": built.documents}
            finish(locked, "case_file.built", by=None, payload=payload)
    except BaseException:
        if name != recorded:
            default_storage.delete(name)
        raise
    if previous and previous != name:
        default_storage.delete(previous)
    return name


def _recorded(case: Case) -> tuple[str, str]:
    """The name and SHA-256 of the case file recorded for the case, or two empty strings."""
    return CaseFile.objects.filter(case=case).values_list("file", "sha256").first() or ("", "")
