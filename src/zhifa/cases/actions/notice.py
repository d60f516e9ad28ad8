"""事先告知, 陈述申辩 and 听证."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhifa.cases.actions.common import allowed, change, check, finish, lock, require_status
from zhifa.cases.actions.documents import issue_document
from zhifa.cases.actions.numbering import next_number
from zhifa.cases.choices import CaseStatus
from zhifa.cases.models import Case, Hearing, Notice, Statement
from zhifa.cases.penalty import Penalty
from zhifa.cases.permissions import APPROVE_CASE, HANDLE_CASE
from zhifa.cases.rules.d_notice import HEARING_REQUEST_DAYS, STATEMENT_DAYS, qualifies_for_hearing
from zhifa.cases.selectors import latest_report, served_notice
from zhifa.core.calendar.periods import Calendar
from zhifa.core.errors import InvalidInput
from zhifa.orgs.models import Officer

NOTIFIABLE = (CaseStatus.REVIEWED, CaseStatus.NOTIFIED, CaseStatus.HEARING)


@transaction.atomic
def issue_notice(case: Case, *, by: Any, expected_version: int | None, penalty: Penalty | None = None) -> Notice:
    """行政处罚告知书 with the intended penalty; the hearing clause is included whenever
    第六十三条 applies (it cannot be left out)."""
    case = lock(case, expected_version)
    allowed(by, HANDLE_CASE, case)
    require_status(case, *NOTIFIABLE)
    report = latest_report(case)
    if report is None:
        raise InvalidInput(_("须先提交调查终结报告。"), code="wrong_stage")
    penalty = penalty or Penalty.from_json(report.penalty)
    hearing_clause = qualifies_for_hearing(case, penalty)
    warnings = check("case.issue_notice", case, by, penalty=penalty, hearing_clause=hearing_clause)
    number = next_number(case.agency, timezone.localdate().year, "notice")
    calendar = Calendar.from_db()
    today = timezone.localdate()
    document = issue_document(
        case,
        "prior_notice",
        number=number,
        penalty=penalty,
        extra={
            "rights": {
                "hearing": hearing_clause,
                "statement_days": STATEMENT_DAYS,
                "hearing_days": HEARING_REQUEST_DAYS,
                "statement_deadline": calendar.add_working_days(today, STATEMENT_DAYS),
                "hearing_deadline": calendar.add_working_days(today, HEARING_REQUEST_DAYS),
            },
            "facts": report.facts,
            "reasons": report.discretion_reason,
        },
    )
    notice = Notice.objects.create(
        case=case, penalty=penalty.to_json(), hearing_clause=hearing_clause, document=document
    )
    change(case)
    finish(
        case,
        "notice.issued",
        by=by,
        payload={"number": number, "penalty": penalty.to_json(), "hearing": hearing_clause},
        warnings=warnings,
    )
    return notice


@transaction.atomic
def record_statement(
    case: Case, *, by: Any, expected_version: int | None, content: str, received_on: dt.date, refused: bool = False
) -> Statement:
    case = lock(case, expected_version)
    allowed(by, HANDLE_CASE, case)
    if served_notice(case) is None:
        raise InvalidInput(_("告知书送达后方可记录陈述申辩。"), code="wrong_stage")
    if not content.strip():
        raise InvalidInput(_("请记录陈述申辩的内容。"), fields={"content": [_("必填。")]})
    statement = Statement.objects.create(case=case, content=content.strip(), received_on=received_on, refused=refused)
    issue_document(
        case,
        "statement_record",
        extra={
            "transcript": {
                "kind_label": "陈述申辩笔录",
                "started_at": received_on,
                "interviewee_name": case.party.legal_representative or case.party.name,
                "recorder_name": getattr(by, "display_name", "") or str(by or ""),
                "questions": [{"q": "当事人的陈述、申辩意见", "a": content.strip()}],
            }
        },
    )
    change(case)
    finish(case, "statement.received", by=by, payload={"statement": statement.pk, "refused": refused})
    return statement


@transaction.atomic
def review_statement(
    statement: Statement, *, by: Any, expected_version: int | None, adopted: bool, opinion: str, reviewed_on: dt.date
) -> Statement:
    """复核: the facts, reasons and evidence the party put forward, adopted where they hold."""
    case = lock(statement.case, expected_version)
    allowed(by, HANDLE_CASE, case)
    if not opinion.strip():
        raise InvalidInput(_("请写明复核意见。"), fields={"opinion": [_("必填。")]})
    Statement.objects.filter(pk=statement.pk).update(
        adopted=adopted, review_opinion=opinion.strip(), reviewed_on=reviewed_on
    )
    issue_document(
        case,
        "statement_review",
        extra={
            "review": {
                "conclusion": "采纳" if adopted else "不予采纳",
                "opinion": opinion.strip(),
                "reviewed_on": reviewed_on,
                "reviewer_name": getattr(by, "display_name", "") or str(by or ""),
            }
        },
    )
    change(case)
    finish(case, "statement.reviewed", by=by, payload={"statement": statement.pk, "adopted": adopted})
    statement.refresh_from_db()
    return statement


@transaction.atomic
def waive_rights(case: Case, *, by: Any, expected_version: int | None, waived_on: dt.date) -> Notice:
    """The party's written waiver of the statement period (行政处罚法 第六十二条)."""
    case = lock(case, expected_version)
    allowed(by, HANDLE_CASE, case)
    notice = served_notice(case)
    if notice is None:
        raise InvalidInput(_("告知书尚未送达。"), code="wrong_stage")
    Notice.objects.filter(pk=notice.pk).update(waived_on=waived_on)
    change(case)
    finish(case, "rights.waived", by=by, payload={"waived_on": waived_on})
    notice.refresh_from_db()
    return notice


@transaction.atomic
def request_hearing(case: Case, *, by: Any, expected_version: int | None, requested_on: dt.date) -> Hearing:
    case = lock(case, expected_version)
    allowed(by, HANDLE_CASE, case)
    notice = served_notice(case)
    if notice is None or not notice.hearing_clause:
        raise InvalidInput(_("本案未告知听证权利，或告知书尚未送达。"), code="wrong_stage")
    if hasattr(case, "hearing"):
        raise InvalidInput(_("当事人已申请听证。"), code="wrong_stage")
    warnings = check("case.request_hearing", case, by, requested_on=requested_on)
    hearing = Hearing.objects.create(case=case, requested_on=requested_on)
    change(case, status=CaseStatus.HEARING)
    finish(case, "hearing.requested", by=by, payload={"requested_on": requested_on}, warnings=warnings)
    return hearing


@transaction.atomic
def schedule_hearing(
    case: Case,
    *,
    by: Any,
    expected_version: int | None,
    scheduled_at: dt.datetime,
    place: str,
    chair: Officer,
    notice_served_on: dt.date,
    public: bool = True,
) -> Hearing:
    case = lock(case, expected_version)
    allowed(by, APPROVE_CASE, case)
    require_status(case, CaseStatus.HEARING)
    warnings = check(
        "case.schedule_hearing", case, by, scheduled_at=scheduled_at, notice_served_on=notice_served_on, chair=chair
    )
    number = next_number(case.agency, timezone.localdate().year, "hearing")
    issue_document(
        case,
        "hearing_notice",
        number=number,
        extra={"rights": {"hearing_date": scheduled_at, "hearing_place": place, "hearing_chair": str(chair)}},
    )
    Hearing.objects.filter(case=case).update(
        scheduled_at=scheduled_at, place=place, chair=chair, notice_served_on=notice_served_on, public=public
    )
    change(case)
    finish(case, "hearing.scheduled", by=by, payload={"at": scheduled_at, "chair": str(chair)}, warnings=warnings)
    return case.hearing


@transaction.atomic
def record_hearing(
    case: Case,
    *,
    by: Any,
    expected_version: int | None,
    held_on: dt.date,
    agents: int,
    record_signed: bool,
    report: str,
    refusal_note: str = "",
    party_absent: bool = False,
    investigators_case: str = "",
    party_statement: str = "",
) -> Hearing:
    case = lock(case, expected_version)
    allowed(by, HANDLE_CASE, case)
    require_status(case, CaseStatus.HEARING)
    hearing = Hearing.objects.select_for_update().get(case=case)
    if hearing.scheduled_at is None:
        raise InvalidInput(_("须先通知听证时间和地点。"), code="wrong_stage")
    warnings = check(
        "case.record_hearing",
        case,
        by,
        agents=agents,
        record_signed=record_signed,
        refusal_note=refusal_note,
        party_absent=party_absent,
    )
    if not report.strip():
        raise InvalidInput(_("请填写听证报告。"), fields={"report": [_("必填。")]})
    Hearing.objects.filter(pk=hearing.pk).update(
        held_on=None if party_absent else held_on,
        agents=agents,
        investigators_case=investigators_case.strip(),
        party_statement=party_statement.strip(),
        record_signed=record_signed,
        refusal_note=refusal_note,
        report=report.strip(),
        party_absent=party_absent,
    )
    hearing.refresh_from_db()
    if not party_absent:
        issue_document(
            case,
            "hearing_record",
            extra={
                "hearing": {
                    "date": hearing.scheduled_at,
                    "place": hearing.place,
                    "chair": str(hearing.chair),
                    "clerk": getattr(by, "display_name", "") or str(by or ""),
                    "participants": f"当事人{case.party.name}；委托代理人 {agents} 名",
                    "statements": _hearing_statements(hearing),
                }
            },
        )
    issue_document(
        case,
        "hearing_report",
        extra={
            "hearing": {
                "date": hearing.scheduled_at,
                "place": hearing.place,
                "chair": str(hearing.chair),
                "opinion": report,
            }
        },
    )
    change(case, status=CaseStatus.REVIEWED if party_absent else CaseStatus.HEARING)
    finish(case, "hearing.held", by=by, payload={"held_on": held_on, "party_absent": party_absent}, warnings=warnings)
    return hearing


def _hearing_statements(hearing: Hearing) -> str:
    """The body of the 听证笔录 (行政处罚法 第六十四条第（七）、（八）项): what the investigators
    put forward, what the party said in defence, and a refusal to sign. The document's wording is
    the form's, in Chinese whatever the officer's language."""
    parts = [
        ("调查人员提出的违法事实、证据和处罚建议", hearing.investigators_case),
        ("当事人的陈述、申辩和质证意见", hearing.party_statement),
        ("当事人拒绝签名", hearing.refusal_note),
    ]
    written = "\n\n".join(f"{title}：{text}" for title, text in parts if text)
    return written or "听证过程见听证现场制作的笔录。"
