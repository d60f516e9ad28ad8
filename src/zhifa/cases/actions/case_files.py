"""The electronic case file's build, as actions: asked for at 归档 (and again by the sweep when a
build failed or was lost), built by the background worker, recorded as built or as failed with
the reason. Each writes its timeline event and audit entry with the `CaseFile` row."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from zhifa.cases import case_file
from zhifa.cases.actions.common import finish, lock
from zhifa.cases.choices import CaseFileState, CaseStatus
from zhifa.cases.models import Case, CaseFile
from zhifa.core.errors import InvalidInput

logger = logging.getLogger("zhifa.cases.case_files")

# A build pending this long was lost with its worker (a PDF takes seconds, a whole file minutes).
LOST_AFTER = dt.timedelta(minutes=30)


def ask_for_build(case: Case) -> None:
    """Mark the case's file as pending and queue its build once the caller's transaction commits
    (the caller holds the case lock)."""
    from zhifa.cases.tasks import build_case_file

    CaseFile.objects.update_or_create(
        case=case, defaults={"state": CaseFileState.PENDING, "requested_at": timezone.now(), "error": ""}
    )
    transaction.on_commit(lambda: build_case_file.enqueue(case.pk))


def build_case_file(case_id: int) -> str:
    """The worker's action: build the zip, store it under a name that carries its fingerprint and
    record it. Safe to run again: the same documents give the same file, recorded once. A build
    that fails is recorded as failed, with the reason, and raised again. Returns the file's name."""
    case = Case.objects.select_related("agency").get(pk=case_id)
    if case.status != CaseStatus.ARCHIVED:
        raise InvalidInput(_("案件归档后才有电子案卷。"), code="wrong_stage")
    try:
        # Rendering missing PDFs takes seconds: done before the transaction, which only records.
        built = case_file.build(case)
        return _record(case, built)
    except Exception as problem:
        try:
            _record_failure(case, problem)
        except Exception:
            logger.exception("could not record the failed build of case %s", case_id)
        raise


def _record(case: Case, built: case_file.Built) -> str:
    digest = hashlib.sha256(built.content).hexdigest()
    name = case_file.path_of(case, digest)
    saved_here = not default_storage.exists(name)
    if saved_here:
        name = default_storage.save(name, ContentFile(built.content))
    try:
        with transaction.atomic():
            locked = lock(case, None)
            record = CaseFile.objects.filter(case=locked).first()
            if record is not None and record.state == CaseFileState.BUILT and record.sha256 == digest:
                return name  # built before, or by another worker meanwhile: nothing new to record
            values = {
                "state": CaseFileState.BUILT,
                "file": name,
                "sha256": digest,
                "size": len(built.content),
                "documents": built.documents,
                "built_at": timezone.now(),
                "error": "",
            }
            CaseFile.objects.update_or_create(
                case=locked, defaults=values, create_defaults={**values, "requested_at": timezone.now()}
            )
            payload = {"file": name, "sha256": digest, "bytes": len(built.content), "documents": built.documents}
            finish(locked, "case_file.built", by=None, payload=payload)
    except BaseException:
        # Only a file this call wrote: one of the same name may be another run's, recorded.
        if saved_here:
            default_storage.delete(name)
        raise
    return name


@transaction.atomic
def _record_failure(case: Case, problem: Exception) -> None:
    locked = lock(case, None)
    reason = f"{type(problem).__name__}: {problem}"[:500]
    CaseFile.objects.update_or_create(
        case=locked,
        defaults={"state": CaseFileState.FAILED, "error": reason},
        create_defaults={"state": CaseFileState.FAILED, "error": reason, "requested_at": timezone.now()},
    )
    finish(locked, "case_file.failed", by=None, payload={"error": reason})


def sweep_case_files(*, pending_for: dt.timedelta = LOST_AFTER) -> int:
    """Ask again for every build that failed, or that has been pending longer than `pending_for`
    (its queue row lost, or its worker killed mid-build). Returns how many were asked for."""
    lost_before = timezone.now() - pending_for
    due = Q(state=CaseFileState.FAILED) | Q(state=CaseFileState.PENDING, requested_at__lt=lost_before)
    pks = list(CaseFile.objects.filter(due).values_list("case_id", flat=True))
    return sum(_ask_again(pk, due) for pk in pks)


@transaction.atomic
def _ask_again(case_id: int, due: Q) -> bool:
    case = lock(Case(pk=case_id), None)
    record = CaseFile.objects.filter(due, case=case).first()  # again, under the lock
    if record is None:
        return False
    payload = {"was": record.state, "error": record.error}
    ask_for_build(case)
    finish(case, "case_file.requested", by=None, payload=payload)
    return True
