"""调查终结 and review: the report with the proposed penalty, 法制审核 / 案件审核, 集体讨论."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zhifa.cases.actions.common import allowed, change, check, finish, lock, require_status
from zhifa.cases.actions.deadlines import meet, open_deadline
from zhifa.cases.actions.documents import issue_document
from zhifa.cases.choices import CaseStatus, Outcome, ReviewKind, ReviewResult
from zhifa.cases.citations import MARKET_PROCEDURE, art
from zhifa.cases.models import Case, Discussion, Report, Review
from zhifa.cases.penalty import Penalty
from zhifa.cases.permissions import APPROVE_CASE, HANDLE_CASE, REVIEW_CASE
from zhifa.cases.rules.e_decision import needs_legal_review, within_benchmark
from zhifa.cases.selectors import benchmark_for
from zhifa.core.calendar.periods import Period
from zhifa.core.errors import InvalidInput
from zhifa.orgs.policy import decide

REVIEW_PERIOD = Period(10, "WD", article=art(MARKET_PROCEDURE, 55))


@transaction.atomic
def submit_report(
    case: Case,
    *,
    by: Any,
    expected_version: int | None,
    facts: str,
    outcome: str,
    penalty: Penalty,
    discretion_reason: str,
    circumstances: dict[str, Any] | None = None,
    outside_benchmark_reason: str = "",
    evidence_ids: list[int] | None = None,
) -> Report:
    """案件调查终结报告: the facts, the proposed outcome and penalty, the discretion reasons."""
    case = lock(case, expected_version)
    allowed(by, HANDLE_CASE, case)
    # After a served 告知书 as well: the new report goes to review and to a fresh notice (LP-45).
    require_status(case, CaseStatus.INVESTIGATING, CaseStatus.REPORTED, CaseStatus.REVIEWED, CaseStatus.NOTIFIED)
    if outcome not in Outcome.values:
        raise InvalidInput(_("请选择处理意见。"), fields={"outcome": [_("不是允许的取值。")]})
    flags = {**(circumstances or {}), "evidence_ids": evidence_ids or []}
    warnings = check(
        "case.submit_report",
        case,
        by,
        outcome=outcome,
        penalty=penalty,
        circumstances=flags,
        discretion_reason=discretion_reason,
        outside_benchmark_reason=outside_benchmark_reason,
    )
    benchmark = benchmark_for(case)
    report = Report.objects.create(
        case=case,
        submitted_by=by,
        facts=facts.strip(),
        outcome=outcome,
        penalty=penalty.to_json(),
        circumstances=flags,
        benchmark=benchmark,
        grade=flags.get("grade", ""),
        discretion_reason=discretion_reason.strip(),
        outside_benchmark_reason=outside_benchmark_reason.strip() if not within_benchmark(case, penalty) else "",
    )
    change(case, status=CaseStatus.REPORTED, facts=facts.strip())
    issue_document(
        case,
        "investigation_report",
        penalty=penalty,
        extra={"facts": facts.strip(), "reasons": discretion_reason.strip()},
    )
    finish(
        case, "report.submitted", by=by, payload={"outcome": outcome, "penalty": penalty.to_json()}, warnings=warnings
    )
    return report


@transaction.atomic
def request_review(case: Case, *, by: Any, expected_version: int | None, reviewer: Any, received_on: dt.date) -> Review:
    """Send the file to review: 法制审核 where 第五十八条 requires it, 案件审核 otherwise (MP-49)."""
    case = lock(case, expected_version)
    allowed(by, HANDLE_CASE, case)
    require_status(case, CaseStatus.REPORTED, CaseStatus.REVIEWED, CaseStatus.NOTIFIED, CaseStatus.HEARING)
    # The law first (a handler may not review, MP-49), then whether the person reviews at all.
    warnings = check("case.request_review", case, by, reviewer=reviewer)
    if not decide(reviewer, REVIEW_CASE, case).allowed:
        message = _("%(name)s不是本机关的审核人员，不能审核本案。") % {"name": reviewer}
        raise InvalidInput(message, fields={"reviewer": [message]})
    kind = ReviewKind.LEGAL if needs_legal_review(case) else ReviewKind.CASE
    review = Review.objects.create(case=case, kind=kind, reviewer=reviewer, received_on=received_on)
    if case.status == CaseStatus.REPORTED:
        change(case, status=CaseStatus.IN_REVIEW)
    else:
        change(case)
    open_deadline(case, "MP-49", starts_on=received_on, period=REVIEW_PERIOD, label=_("审核期限"))
    finish(case, "review.requested", by=by, payload={"kind": kind, "reviewer": str(reviewer)}, warnings=warnings)
    return review


@transaction.atomic
def record_review(
    review: Review,
    *,
    by: Any,
    expected_version: int | None,
    result: str,
    opinion: str,
    reviewed_on: dt.date,
    qualification_number: str = "",
) -> Review:
    case = lock(review.case, expected_version)
    review = Review.objects.select_for_update().get(pk=review.pk)
    allowed(by, REVIEW_CASE, case)
    if review.reviewer_id != getattr(by, "pk", None):
        raise InvalidInput(_("只有指定的审核人员可以填写审核意见。"), code="not_reviewer")
    if review.result:
        raise InvalidInput(_("该审核已有结论。"), code="wrong_stage")
    if result not in ReviewResult.values or not opinion.strip():
        raise InvalidInput(_("请选择审核结论并写明审核意见。"), fields={"opinion": [_("必填。")]})
    warnings = check(
        "case.record_review", case, by, reviewer=by, review=review, qualification_number=qualification_number
    )
    Review.objects.filter(pk=review.pk).update(
        result=result,
        opinion=opinion.strip(),
        reviewed_on=reviewed_on,
        qualification_number=qualification_number.strip(),
    )
    meet(case, "MP-49", reviewed_on)
    issue_document(
        case,
        "legal_review_opinion",
        extra={
            "review": {
                "conclusion": ReviewResult(result).label,
                "opinion": opinion.strip(),
                "reviewed_on": reviewed_on,
                "reviewer_name": getattr(by, "display_name", "") or str(by),
            }
        },
    )
    status: str = CaseStatus.REVIEWED if result == ReviewResult.PASSED else CaseStatus.INVESTIGATING
    if case.status in {CaseStatus.NOTIFIED, CaseStatus.HEARING} and result == ReviewResult.PASSED:
        status = case.status
    change(case, status=status)
    finish(
        case,
        "review.recorded",
        by=by,
        payload={"kind": review.kind, "result": result, "opinion": opinion},
        warnings=warnings,
    )
    review.refresh_from_db()
    return review


@transaction.atomic
def record_discussion(
    case: Case, *, by: Any, expected_version: int | None, held_on: dt.date, attendees: str, conclusion: str
) -> Discussion:
    """集体讨论 of the agency's heads (行政处罚法 第五十七条第二款)."""
    case = lock(case, expected_version)
    allowed(by, APPROVE_CASE, case)
    if not attendees.strip() or not conclusion.strip():
        raise InvalidInput(_("集体讨论须记录参加人员和讨论决定。"), fields={"conclusion": [_("必填。")]})
    discussion = Discussion.objects.create(
        case=case, held_on=held_on, attendees=attendees.strip(), conclusion=conclusion.strip()
    )
    issue_document(
        case,
        "collective_discussion_record",
        extra={
            "discussion": {
                "date": held_on,
                "participants": attendees.strip(),
                "minutes": "",
                "conclusion": conclusion.strip(),
            }
        },
    )
    change(case)
    finish(case, "discussed", by=by, payload={"held_on": held_on, "conclusion": conclusion})
    return discussion
