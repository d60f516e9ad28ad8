"""调查取证: transcripts, evidence, preservation, recusal, suspension, time-limit extension."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhifa.cases.actions.common import allowed, change, check, finish, lock, require_status
from zhifa.cases.actions.deadlines import cancel, meet, open_deadline, open_for
from zhifa.cases.actions.documents import chinese_label, issue_document
from zhifa.cases.choices import CaseStatus, TranscriptKind
from zhifa.cases.citations import MARKET_PROCEDURE, PENALTY_LAW, art
from zhifa.cases.models import Case, Evidence, Preservation, Recusal, Suspension, Transcript
from zhifa.cases.permissions import APPROVE_CASE, HANDLE_CASE
from zhifa.core.calendar.periods import Calendar, CalendarMissing, Period
from zhifa.core.errors import InvalidInput
from zhifa.core.validation import validate
from zhifa.orgs.models import Officer

INVESTIGATING = (CaseStatus.INVESTIGATING, CaseStatus.REPORTED, CaseStatus.IN_REVIEW, CaseStatus.REVIEWED)
PRESERVATION_HANDLING = Period(7, "WD", article=art(PENALTY_LAW, 56))
EMERGENCY_REPORT = Period(24, "h", article=art(MARKET_PROCEDURE, 33))


@transaction.atomic
def record_transcript(
    case: Case,
    *,
    by: Any,
    expected_version: int | None,
    kind: str,
    started_at: dt.datetime,
    ended_at: dt.datetime,
    place: str,
    officers: Iterable[Officer],
    interviewee: str,
    content: str,
    credentials_shown: bool,
    credential_numbers: list[str],
    rights_notice_given: bool = False,
    pages: int = 1,
    signed_pages: int = 0,
    refusal_note: str = "",
    av_reference: str = "",
) -> Transcript:
    case = lock(case, expected_version)
    allowed(by, HANDLE_CASE, case)
    require_status(case, *INVESTIGATING)
    officers = list(officers)
    if ended_at < started_at:
        raise InvalidInput(_("结束时间不能早于开始时间。"), fields={"ended_at": [_("早于开始时间。")]})
    warnings = check(
        "case.record_transcript",
        case,
        by,
        kind=kind,
        started_at=started_at,
        officers=officers,
        credentials_shown=credentials_shown,
        credential_numbers=credential_numbers,
        rights_notice_given=rights_notice_given,
        pages=pages,
        signed_pages=signed_pages,
        refusal_note=refusal_note,
        av_reference=av_reference,
    )
    transcript = Transcript(
        case=case,
        kind=kind,
        started_at=started_at,
        ended_at=ended_at,
        place=place,
        interviewee=interviewee,
        content=content,
        credentials_shown=credentials_shown,
        credential_numbers=credential_numbers,
        rights_notice_given=rights_notice_given,
        pages=pages,
        signed_pages=signed_pages,
        refusal_note=refusal_note,
        av_reference=av_reference,
    )
    validate(transcript)
    transcript.save()
    transcript.officers.set(officers)
    _issue_transcript(case, transcript, officers, recorder=by)
    change(case)
    finish(case, "transcript.recorded", by=by, payload={"kind": kind, "transcript": transcript.pk}, warnings=warnings)
    return transcript


def _issue_transcript(case: Case, transcript: Transcript, officers: list[Officer], *, recorder: Any) -> None:
    """现场笔录 or 询问笔录, signed by the officers who were there (LP-55)."""
    inspection = transcript.kind == TranscriptKind.INSPECTION
    numbers = {h.officer_id: h.credential_number for h in case.handlers.all()}
    issue_document(
        case,
        "inspection_record" if inspection else "inquiry_record",
        extra={
            "case": {
                "handlers": [{"name": str(o), "credential_number": numbers.get(o.pk, "")} for o in officers],
            },
            "transcript": {
                "kind_label": chinese_label(transcript, "kind"),
                "started_at": timezone.localtime(transcript.started_at),
                "ended_at": timezone.localtime(transcript.ended_at),
                "place": transcript.place,
                "interviewee_name": transcript.interviewee,
                "recorder_name": getattr(recorder, "display_name", "") or str(recorder or ""),
                "rights_notice_given": transcript.rights_notice_given,
                "questions": [] if inspection else [{"q": "", "a": transcript.content}],
            },
            **({"facts": transcript.content} if inspection else {}),
        },
    )


@transaction.atomic
def add_evidence(
    case: Case,
    *,
    by: Any,
    expected_version: int | None,
    kind: str,
    title: str,
    source: str,
    method: str,
    collected_on: dt.date,
    verified: bool = False,
    lawful: bool = True,
    from_device: bool = False,
    device_reviewed: bool = False,
    device_location_published: bool = False,
    record_reviewed: bool = False,
    file_sha256: str = "",
) -> Evidence:
    case = lock(case, expected_version)
    allowed(by, HANDLE_CASE, case)
    require_status(case, *INVESTIGATING)
    evidence = Evidence(
        case=case,
        kind=kind,
        title=title.strip(),
        source=source.strip(),
        method=method.strip(),
        collected_on=collected_on,
        verified=verified,
        lawful=lawful,
        from_device=from_device,
        device_reviewed=device_reviewed,
        device_location_published=device_location_published,
        record_reviewed=record_reviewed,
        file_sha256=file_sha256,
        collected_by=by,
    )
    validate(evidence, exclude=["collected_by"])
    evidence.save()
    change(case)
    finish(case, "evidence.added", by=by, payload={"evidence": evidence.pk, "kind": kind, "title": evidence.title})
    return evidence


@transaction.atomic
def preserve_evidence(
    case: Case,
    *,
    by: Any,
    expected_version: int | None,
    items: str,
    preserved_at: dt.datetime,
    approved_by: Any | None = None,
    emergency: bool = False,
) -> Preservation:
    """先行登记保存: handled within 7 working days, or it lapses (LP-56). A preservation recorded
    after its 7 working days have run out without a handling decision has lapsed already."""
    case = lock(case, expected_version)
    allowed(by, HANDLE_CASE, case)
    require_status(case, *INVESTIGATING)
    if not items.strip():
        raise InvalidInput(_("请填写先行登记保存的证据清单。"), fields={"items": [_("必填。")]})
    if approved_by is not None:
        allowed(approved_by, APPROVE_CASE, case)
    due = handling_due(preserved_at)
    warnings = check(
        "case.preserve_evidence",
        case,
        by,
        approved_by=approved_by,
        emergency=emergency,
        items=items,
        handling_due=due,
    )
    preservation = Preservation.objects.create(
        case=case,
        items=items.strip(),
        preserved_at=preserved_at,
        emergency=emergency,
        approved_by=approved_by,
        approved_at=timezone.now() if approved_by else None,
        lapsed=_overdue(due, timezone.localdate()),
    )
    day = timezone.localtime(preserved_at).date()
    open_deadline(case, "LP-56", starts_on=day, period=PRESERVATION_HANDLING, label=_("先行登记保存物品的处理决定"))
    if emergency and approved_by is None:
        open_deadline(
            case,
            "LP-56",
            starts_on=day,
            starts_at=preserved_at,
            period=EMERGENCY_REPORT,
            label=_("紧急先行登记保存：向负责人报告并补办批准"),
            replace=False,
        )
    issue_document(
        case,
        "preservation_notice",
        extra={
            "reasons": "证据可能灭失或者以后难以取得（《中华人民共和国行政处罚法》第五十六条）。",
            "measures": {"place": "", "items": [{"name": items.strip(), "spec": "", "quantity": "", "note": ""}]},
        },
    )
    change(case)
    finish(
        case,
        "evidence.preserved",
        by=by,
        payload={"preservation": preservation.pk, "emergency": emergency, "lapsed": preservation.lapsed},
        warnings=warnings,
    )
    return preservation


def handling_due(preserved_at: dt.datetime, calendar: Calendar | None = None) -> dt.date | None:
    """The last day for the handling decision (7 working days); None while the year's holiday
    calendar is missing, so that nothing lapses on a guessed date (DC-6)."""
    try:
        return PRESERVATION_HANDLING.due(timezone.localtime(preserved_at).date(), calendar or Calendar.from_db())
    except CalendarMissing:
        return None


def _overdue(due: dt.date | None, on: dt.date) -> bool:
    return due is not None and on > due


@transaction.atomic
def handle_preservation(
    preservation: Preservation, *, by: Any, expected_version: int | None, handling: str, handled_on: dt.date
) -> Preservation:
    """The handling decision (市监程序 第三十五条). One made after the 7 working days is still
    recorded (what became of the items), but the preservation stays lapsed."""
    case = lock(preservation.case, expected_version)
    allowed(by, HANDLE_CASE, case)
    preservation = Preservation.objects.select_for_update().get(pk=preservation.pk)
    if preservation.handled_on:
        raise InvalidInput(_("该先行登记保存已作出处理决定。"), code="wrong_stage")
    if not handling.strip():
        raise InvalidInput(_("请写明处理决定。"), fields={"handling": [_("必填。")]})
    if handled_on < timezone.localtime(preservation.preserved_at).date():
        raise InvalidInput(_("处理日期不能早于保存日期。"), fields={"handled_on": [_("早于保存日期。")]})
    lapsed = preservation.lapsed or _overdue(handling_due(preservation.preserved_at), handled_on)
    Preservation.objects.filter(pk=preservation.pk).update(
        handled_on=handled_on, handling=handling.strip(), lapsed=lapsed
    )
    meet(case, "LP-56", handled_on)
    change(case)
    finish(
        case,
        "evidence.preservation_handled",
        by=by,
        payload={"preservation": preservation.pk, "handling": handling, "lapsed": lapsed},
    )
    preservation.refresh_from_db()
    return preservation


def lapse_overdue_preservations(*, today: dt.date | None = None) -> int:
    """The deadline watch of LP-56 (run daily by `zhifa deadlines sweep`; safe to repeat): every
    preservation left without a handling decision past its 7 working days lapses (市监程序
    第三十五条第二款), with a warning on its case. Returns how many lapsed."""
    today = today or timezone.localdate()
    # 7 working days never end sooner than 7 natural days after the start: older rows only.
    before = timezone.make_aware(dt.datetime.combine(today - dt.timedelta(days=7), dt.time.min))
    candidates = Preservation.objects.filter(handled_on__isnull=True, lapsed=False, preserved_at__lt=before)
    calendar = Calendar.from_db()
    # The ids first: each lapse writes (and commits) on its own, never under an open cursor.
    pks = list(candidates.values_list("pk", flat=True))
    return sum(_lapse(pk, today=today, calendar=calendar) for pk in pks)


@transaction.atomic
def _lapse(pk: int, *, today: dt.date, calendar: Calendar) -> bool:
    case = lock(Preservation.objects.get(pk=pk).case, None)
    preservation = Preservation.objects.select_for_update().get(pk=pk)
    due = handling_due(preservation.preserved_at, calendar)
    if preservation.handled_on or preservation.lapsed or not _overdue(due, today):
        return False
    warnings = check("case.lapse_preservation", case, None, items=preservation.items, handling_due=due, today=today)
    Preservation.objects.filter(pk=pk).update(lapsed=True)
    change(case)
    finish(case, "evidence.preservation_lapsed", by=None, payload={"preservation": pk, "due": due}, warnings=warnings)
    return True


# The party may apply for recusal at any time before the decision; the investigation goes on.
RECUSAL_OPEN = (*INVESTIGATING, CaseStatus.SUSPENDED, CaseStatus.NOTIFIED, CaseStatus.HEARING)


@transaction.atomic
def apply_recusal(
    case: Case,
    *,
    by: Any,
    officer: Officer,
    reason: str,
    applied_on: dt.date,
    expected_version: int | None = None,
) -> Recusal:
    """The party's application that a handler (or the hearing chair) withdraw (回避, 行政处罚法
    第四十三条); the head decides it, and the investigation is not stopped meanwhile."""
    case = lock(case, expected_version)
    allowed(by, HANDLE_CASE, case)
    require_status(case, *RECUSAL_OPEN)
    chair_id = getattr(getattr(case, "hearing", None), "chair_id", None)
    if officer.pk != chair_id and not case.handlers.filter(officer=officer, active=True).exists():
        message = _("%(officer)s不是本案的执法人员或听证主持人。") % {"officer": officer}
        raise InvalidInput(message, fields={"officer": [message]})
    if not reason.strip():
        raise InvalidInput(_("请写明申请回避的理由。"), fields={"reason": [_("必填。")]})
    if case.recusals.filter(officer=officer, decided_on__isnull=True).exists():
        message = _("对%(officer)s的回避申请尚未决定。") % {"officer": officer}
        raise InvalidInput(message, code="wrong_stage")
    recusal = Recusal.objects.create(case=case, officer=officer, reason=reason.strip(), applied_on=applied_on)
    change(case)
    finish(
        case,
        "recusal.applied",
        by=by,
        payload={"recusal": recusal.pk, "officer": str(officer), "reason": reason, "applied_on": applied_on},
    )
    return recusal


@transaction.atomic
def decide_recusal(
    recusal: Recusal, *, by: Any, granted: bool, decided_on: dt.date, expected_version: int | None = None
) -> Recusal:
    """The head's decision; an officer granted recusal leaves the case."""
    case = lock(recusal.case, expected_version)
    allowed(by, APPROVE_CASE, case)
    require_status(case, *RECUSAL_OPEN)
    recusal = Recusal.objects.select_for_update().get(pk=recusal.pk)
    if recusal.decided_on is not None:
        raise InvalidInput(_("该回避申请已经作出决定。"), code="wrong_stage")
    if decided_on < recusal.applied_on:
        raise InvalidInput(_("决定日期不能早于申请日期。"), fields={"decided_on": [_("早于申请日期。")]})
    Recusal.objects.filter(pk=recusal.pk).update(granted=granted, decided_on=decided_on)
    if granted:
        case.handlers.filter(officer=recusal.officer).update(active=False)
    change(case)
    finish(
        case,
        "recusal.decided",
        by=by,
        payload={"recusal": recusal.pk, "officer": str(recusal.officer), "granted": granted, "decided_on": decided_on},
    )
    recusal.refresh_from_db()
    return recusal


@transaction.atomic
def suspend(case: Case, *, by: Any, expected_version: int | None, ground: str, started_on: dt.date) -> Case:
    """中止调查: the suspended days do not count towards the 90-day limit (MP-46)."""
    case = lock(case, expected_version)
    allowed(by, APPROVE_CASE, case)
    require_status(case, *INVESTIGATING)
    warnings = check("case.suspend", case, by, ground=ground)
    Suspension.objects.create(case=case, ground=ground.strip(), started_on=started_on, approved_by=by)
    _issue_suspension_approval(case, "中止调查", ground)
    change(case, status=CaseStatus.SUSPENDED)
    finish(case, "suspended", by=by, payload={"ground": ground}, warnings=warnings)
    return case


@transaction.atomic
def resume(case: Case, *, by: Any, expected_version: int | None, resumed_on: dt.date) -> Case:
    case = lock(case, expected_version)
    allowed(by, APPROVE_CASE, case)
    require_status(case, CaseStatus.SUSPENDED)
    suspension = case.suspensions.filter(ended_on__isnull=True).order_by("-started_on").first()
    if suspension is None or resumed_on < suspension.started_on:
        raise InvalidInput(_("恢复日期不能早于中止日期。"), fields={"resumed_on": [_("早于中止日期。")]})
    Suspension.objects.filter(pk=suspension.pk).update(ended_on=resumed_on)
    paused = (resumed_on - suspension.started_on).days
    _move_time_limit(case, paused)
    change(case, status=CaseStatus.INVESTIGATING)
    finish(case, "resumed", by=by, payload={"paused_days": paused})
    return case


@transaction.atomic
def terminate(case: Case, *, by: Any, expected_version: int | None, ground: str, terminated_on: dt.date) -> Case:
    """终止调查: the party died or ceased to exist with no successor, or another ground of 市监程序
    第四十七条; the head approves and the time limit stops (MP-46)."""
    case = lock(case, expected_version)
    allowed(by, APPROVE_CASE, case)
    require_status(case, *INVESTIGATING, CaseStatus.SUSPENDED)
    warnings = check("case.terminate", case, by, ground=ground)
    Suspension.objects.filter(case=case, ended_on__isnull=True).update(ended_on=terminated_on)
    _issue_suspension_approval(case, "终止调查", ground)
    cancel(case, "LP-60")
    change(case, status=CaseStatus.TERMINATED, closed_on=terminated_on)
    finish(case, "terminated", by=by, payload={"ground": ground.strip()}, warnings=warnings)
    return case


def _issue_suspension_approval(case: Case, kind: str, ground: str) -> None:
    # The 中止（终止）调查审批表 records the head's approval (市监程序 第四十六条、第四十七条); its
    # wording is the form's, in Chinese whatever the user's language.
    issue_document(case, "suspension_approval", extra={"suspension": {"kind_label": kind, "ground": ground.strip()}})


def _move_time_limit(case: Case, days: int) -> None:
    deadline = open_for(case, "LP-60")
    if deadline is not None and days:
        type(deadline).objects.filter(pk=deadline.pk).update(due=deadline.due + dt.timedelta(days=days))


@transaction.atomic
def extend_time_limit(case: Case, *, by: Any, expected_version: int | None, days: int, reason: str) -> Case:
    """经负责人批准延长三十日 (市监程序 第六十四条); further extensions need collective discussion."""
    case = lock(case, expected_version)
    allowed(by, APPROVE_CASE, case)
    if not reason.strip():
        raise InvalidInput(_("延长办案期限须写明理由。"), fields={"reason": [_("必填。")]})
    if days <= 0 or (case.extension_days + days > 30 and not case.discussions.exists()):
        raise InvalidInput(
            _("经负责人批准可延长不超过三十日；再次延长须经集体讨论决定。"), fields={"days": [_("超出可批准的天数。")]}
        )
    _move_time_limit(case, days)
    change(case, extension_days=case.extension_days + days)
    finish(case, "extended", by=by, payload={"days": days, "reason": reason})
    return case
