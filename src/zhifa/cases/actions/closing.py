"""结案 and 归档."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zhifa.cases import case_file
from zhifa.cases.actions.case_files import ask_for_build
from zhifa.cases.actions.common import allowed, change, check, finish, lock, require_status
from zhifa.cases.actions.deadlines import cancel
from zhifa.cases.actions.documents import issue_document
from zhifa.cases.actions.execution import amount_due
from zhifa.cases.choices import CaseStatus, Outcome, Procedure
from zhifa.cases.models import Case
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
    issue_document(case, "closing_approval", extra={"reasons": summary or "执行完毕，予以结案。"})
    cancel(case, "LP-67b", "LE-54")
    change(case, status=CaseStatus.CLOSED, closed_on=closed_on)
    finish(case, "closed", by=by, payload={"closed_on": closed_on, "summary": summary}, warnings=warnings)
    return case


@transaction.atomic
def archive_case(case: Case, *, by: Any, expected_version: int | None, archived_on: dt.date) -> Case:
    """归档: the complete electronic file, one case per file, documents in the statutory order."""
    case = lock(case, expected_version)
    allowed(by, HANDLE_CASE, case)
    if case.procedure == Procedure.SUMMARY:
        require_status(case, CaseStatus.DECIDED, CaseStatus.CLOSED)
    else:
        require_status(case, CaseStatus.CLOSED)
    index = case_file.ordered_documents(case)
    # A document the worker has not rendered yet is fingerprinted by its issued HTML: say which.
    contents = [
        {
            "title": d.title,
            "number": d.number,
            "sha256": d.sha256,
            "of": "pdf" if d.pdf else "html",
            "issued_on": d.issued_on,
        }
        for d in index
    ]
    change(case, status=CaseStatus.ARCHIVED, archived_on=archived_on)
    finish(case, "archived", by=by, payload={"archived_on": archived_on, "contents": contents})
    # The zip of every PDF is rendered by the background worker, not while the officer waits.
    ask_for_build(case)
    return case
