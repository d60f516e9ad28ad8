"""The steps a user can take on a case, described once for the staff pages and the API: the
form (shape), the action (law), where in the procedure it is offered, and what to prefill."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from zhifa.cases import forms as f
from zhifa.cases.actions import (
    closing,
    deciding,
    enforcement,
    execution,
    investigation,
    notice,
    referral,
    registration,
    remedies,
    reporting,
    summary,
)
from zhifa.cases.choices import CaseStatus as S
from zhifa.cases.discretion import advice_for
from zhifa.cases.discretion import summary as discretion_summary
from zhifa.cases.models import Case, CaseDocument, Preservation, Recusal, Statement
from zhifa.cases.penalty import Penalty
from zhifa.cases.permissions import APPROVE_CASE, HANDLE_CASE, REVIEW_CASE
from zhifa.cases.selectors import latest_report
from zhifa.core.errors import NotFound

Run = Callable[[Case, Any, dict[str, Any]], Any]


@dataclass(frozen=True)
class Step:
    code: str
    label: str | Promise
    form: type[f.StepForm]
    run: Run
    perm: str
    statuses: tuple[str, ...]
    rule_step: str = ""
    initial: Callable[[Case], dict[str, Any]] = field(default=lambda case: {})
    primary: bool = False  # shown as the main next step at its stages


def _v(data: dict[str, Any]) -> int | None:
    return data.get("version")


def _today(case: Case) -> dict[str, Any]:
    return {"date": timezone.localdate()}


def _report_initial(case: Case) -> dict[str, Any]:
    report = latest_report(case)
    penalty = Penalty.from_json(report.penalty) if report else Penalty(kinds=("fine",))
    advised: dict[str, Any] = {}
    if report is None:
        # A first report starts from the benchmark row the facts point to, with the reasons.
        advice = advice_for(case)
        if advice.fine_min is not None:
            penalty = Penalty(kinds=("fine",), fine=advice.fine_min)
        advised = {"discretion_reason": discretion_summary(advice)}
    return {
        **advised,
        "facts": report.facts if report else case.facts,
        "outcome": report.outcome if report else "penalty",
        "kinds": list(penalty.kinds),
        "fine": penalty.fine,
        "illegal_gains": penalty.illegal_gains if penalty.illegal_gains is not None else 0,
        "confiscate_gains": penalty.confiscate_gains,
        "correction": penalty.correction,
        "mitigated": penalty.mitigated,
    }


def _decision_initial(case: Case) -> dict[str, Any]:
    from zhifa.cases.selectors import served_notice

    notice_ = served_notice(case)
    data = _report_initial(case)
    if notice_ is not None:
        penalty = Penalty.from_json(notice_.penalty)
        data.update(kinds=list(penalty.kinds), fine=penalty.fine, correction=penalty.correction)
    return {**data, "decided_on": timezone.localdate(), "reasons": data.get("facts", "")}


def _flags(data: dict[str, Any]) -> dict[str, Any]:
    return {name: data[name] for name in f.ReportForm.FLAGS if data.get(name)}


def _document(case: Case, data: dict[str, Any]) -> CaseDocument:
    document = case.documents.filter(pk=data.get("document") or 0).first()
    if document is None:
        raise NotFound(str(_("找不到要送达的文书。")))
    return document


def _statement(case: Case, data: dict[str, Any]) -> Statement:
    found = case.statements.filter(pk=data.get("statement") or 0).first()
    if found is None:
        raise NotFound(str(_("找不到该陈述申辩。")))
    return found


def _preservation(case: Case, data: dict[str, Any]) -> Preservation:
    found = case.preservations.filter(pk=data.get("preservation") or 0).first()
    if found is None:
        raise NotFound(str(_("找不到该先行登记保存。")))
    return found


def _recusal(case: Case, data: dict[str, Any]) -> Recusal:
    found = case.recusals.filter(pk=data.get("recusal") or 0).first()
    if found is None:
        raise NotFound(str(_("找不到该回避申请。")))
    return found


def _pending(rows: Any, done: str) -> int | None:
    """The oldest row still waiting (a preservation not handled, a recusal not decided)."""
    return rows.filter(**{f"{done}__isnull": True}).order_by("id").values_list("pk", flat=True).first()


def _review(case: Case) -> Any:
    review = case.reviews.filter(result="").order_by("-id").first()
    if review is None:
        raise NotFound(str(_("没有待审核的送审记录。")))
    return review


INVESTIGATION = (S.INVESTIGATING, S.REPORTED, S.IN_REVIEW, S.REVIEWED)
REMEDY = (S.DECIDED, S.EXECUTING, S.CLOSED)  # a decision exists: the party may challenge it

STEPS: list[Step] = [
    Step(
        "approve_registration",
        _("批准立案"),
        f.ApproveRegistrationForm,
        lambda c, u, d: registration.approve_registration(
            c,
            by=u,
            expected_version=_v(d),
            preliminary_evidence=d["preliminary_evidence"],
            registered_on=d["registered_on"],
        ),
        APPROVE_CASE,
        (S.REGISTRATION_PENDING,),
        "case.approve_registration",
        lambda c: {"registered_on": timezone.localdate()},
        primary=True,
    ),
    Step(
        "decline_registration",
        _("不予立案"),
        f.DeclineRegistrationForm,
        lambda c, u, d: registration.decline_registration(
            c, by=u, expected_version=_v(d), reason=d["reason"], decided_on=d["decided_on"]
        ),
        APPROVE_CASE,
        (S.REGISTRATION_PENDING,),
        "",
        lambda c: {"decided_on": timezone.localdate()},
    ),
    Step(
        "record_transcript",
        _("制作笔录"),
        f.TranscriptForm,
        lambda c, u, d: investigation.record_transcript(
            c,
            by=u,
            expected_version=_v(d),
            kind=d["kind"],
            started_at=d["started_at"],
            ended_at=d["ended_at"],
            place=d["place"],
            officers=d["officers"],
            interviewee=d["interviewee"],
            content=d["content"],
            credentials_shown=d["credentials_shown"],
            credential_numbers=[h.credential_number for h in c.handlers.filter(officer__in=d["officers"])],
            rights_notice_given=d["rights_notice_given"],
            pages=d["pages"],
            signed_pages=d["signed_pages"],
            refusal_note=d["refusal_note"],
            av_reference=d["av_reference"],
        ),
        HANDLE_CASE,
        INVESTIGATION,
        "case.record_transcript",
        lambda c: {
            "place": c.act_place,
            "officers": [h.officer_id for h in c.handlers.filter(active=True)],
            "credentials_shown": True,
        },
    ),
    Step(
        "add_evidence",
        _("收集证据"),
        f.EvidenceForm,
        lambda c, u, d: investigation.add_evidence(
            c, by=u, expected_version=_v(d), **{k: v for k, v in d.items() if k != "version"}
        ),
        HANDLE_CASE,
        INVESTIGATION,
        "",
        lambda c: {"collected_on": timezone.localdate(), "lawful": True},
    ),
    Step(
        "submit_report",
        _("提交调查终结报告"),
        f.ReportForm,
        lambda c, u, d: reporting.submit_report(
            c,
            by=u,
            expected_version=_v(d),
            facts=d["facts"],
            outcome=d["outcome"],
            penalty=f.penalty_from(d),
            discretion_reason=d.get("discretion_reason") or "",
            outside_benchmark_reason=d.get("outside_benchmark_reason") or "",
            circumstances=_flags(d),
            evidence_ids=[e.pk for e in d.get("evidence_ids") or ()],
        ),
        HANDLE_CASE,
        # After a served 告知书 too: a new report leads to a fresh review and notice (LP-45, LP-63).
        (S.INVESTIGATING, S.REPORTED, S.NOTIFIED),
        "case.submit_report",
        _report_initial,
        primary=True,
    ),
    Step(
        "request_review",
        _("送法制（案件）审核"),
        f.RequestReviewForm,
        lambda c, u, d: reporting.request_review(
            c, by=u, expected_version=_v(d), reviewer=d["reviewer"], received_on=d["received_on"]
        ),
        HANDLE_CASE,
        (S.REPORTED, S.NOTIFIED, S.HEARING),
        "case.request_review",
        lambda c: {"received_on": timezone.localdate()},
        primary=True,
    ),
    Step(
        "record_review",
        _("填写审核意见"),
        f.RecordReviewForm,
        lambda c, u, d: reporting.record_review(
            _review(c),
            by=u,
            expected_version=_v(d),
            result=d["result"],
            opinion=d["opinion"],
            reviewed_on=d["reviewed_on"],
            qualification_number=d.get("qualification_number") or "",
        ),
        REVIEW_CASE,
        (S.IN_REVIEW, S.NOTIFIED, S.HEARING),
        "case.record_review",
        lambda c: {"reviewed_on": timezone.localdate(), "result": "passed"},
        primary=True,
    ),
    Step(
        "record_discussion",
        _("记录集体讨论"),
        f.DiscussionForm,
        lambda c, u, d: reporting.record_discussion(
            c, by=u, expected_version=_v(d), held_on=d["held_on"], attendees=d["attendees"], conclusion=d["conclusion"]
        ),
        APPROVE_CASE,
        (S.REVIEWED, S.NOTIFIED, S.HEARING, S.INVESTIGATING, S.REPORTED),
        "",
        lambda c: {"held_on": timezone.localdate()},
    ),
    Step(
        "issue_notice",
        _("制作行政处罚告知书"),
        f.NoticeForm,
        lambda c, u, d: notice.issue_notice(c, by=u, expected_version=_v(d)),
        HANDLE_CASE,
        # Notified: a fresh 告知书 where the one served no longer suffices (LP-63 须重新告知).
        (S.REVIEWED, S.NOTIFIED),
        "case.issue_notice",
        primary=True,
    ),
    Step(
        "deliver",
        _("送达文书"),
        f.DeliveryForm,
        lambda c, u, d: deciding.deliver(
            _document(c, d),
            by=u,
            expected_version=_v(d),
            method=d["method"],
            recipient=d["recipient"],
            address=d.get("address") or "",
            sent_on=d["sent_on"],
            served_on=d.get("served_on"),
            consent_confirmed=d["consent_confirmed"],
            refused=d["refused"],
            note=d.get("note") or "",
        ),
        HANDLE_CASE,
        tuple(S.values),
        "case.deliver",
        lambda c: {
            "recipient": c.party.legal_representative or c.party.name,
            "sent_on": timezone.localdate(),
            "served_on": timezone.localdate(),
            "method": "in_person",
        },
    ),
    Step(
        "record_statement",
        _("记录陈述申辩"),
        f.StatementForm,
        lambda c, u, d: notice.record_statement(
            c, by=u, expected_version=_v(d), content=d["content"], received_on=d["received_on"]
        ),
        HANDLE_CASE,
        (S.NOTIFIED, S.HEARING),
        "",
        lambda c: {"received_on": timezone.localdate()},
    ),
    Step(
        "review_statement",
        _("复核陈述申辩"),
        f.StatementReviewForm,
        lambda c, u, d: notice.review_statement(
            _statement(c, d),
            by=u,
            expected_version=_v(d),
            adopted=d["adopted"],
            opinion=d["opinion"],
            reviewed_on=d["reviewed_on"],
        ),
        HANDLE_CASE,
        (S.NOTIFIED, S.HEARING),
        "",
        lambda c: {"reviewed_on": timezone.localdate()},
    ),
    Step(
        "waive_rights",
        _("当事人书面放弃陈述申辩"),
        f.WaiverForm,
        lambda c, u, d: notice.waive_rights(c, by=u, expected_version=_v(d), waived_on=d["waived_on"]),
        HANDLE_CASE,
        (S.NOTIFIED,),
        "",
        lambda c: {"waived_on": timezone.localdate()},
    ),
    Step(
        "request_hearing",
        _("当事人申请听证"),
        f.HearingRequestForm,
        lambda c, u, d: notice.request_hearing(c, by=u, expected_version=_v(d), requested_on=d["requested_on"]),
        HANDLE_CASE,
        (S.NOTIFIED,),
        "case.request_hearing",
        lambda c: {"requested_on": timezone.localdate()},
    ),
    Step(
        "schedule_hearing",
        _("通知听证"),
        f.HearingScheduleForm,
        lambda c, u, d: notice.schedule_hearing(
            c,
            by=u,
            expected_version=_v(d),
            scheduled_at=d["scheduled_at"],
            place=d["place"],
            chair=d["chair"],
            notice_served_on=d["notice_served_on"],
            public=d["public"],
        ),
        APPROVE_CASE,
        (S.HEARING,),
        "case.schedule_hearing",
        lambda c: {"notice_served_on": timezone.localdate()},
        primary=True,
    ),
    Step(
        "record_hearing",
        _("记录听证"),
        f.HearingRecordForm,
        lambda c, u, d: notice.record_hearing(
            c,
            by=u,
            expected_version=_v(d),
            held_on=d["held_on"],
            agents=d["agents"],
            investigators_case=d.get("investigators_case") or "",
            party_statement=d.get("party_statement") or "",
            record_signed=d["record_signed"],
            refusal_note=d.get("refusal_note") or "",
            party_absent=d["party_absent"],
            report=d["report"],
        ),
        HANDLE_CASE,
        (S.HEARING,),
        "case.record_hearing",
        lambda c: {"held_on": timezone.localdate()},
        primary=True,
    ),
    Step(
        "issue_decision",
        _("作出决定"),
        f.DecisionForm,
        lambda c, u, d: deciding.issue_decision(
            c,
            by=u,
            expected_version=_v(d),
            outcome=d["outcome"],
            reasons=d["reasons"],
            decided_on=d["decided_on"],
            penalty=f.penalty_from(d),
            statement_adoption=d.get("statement_adoption") or "",
            publish=d["publish"],
            publish_reason=d.get("publish_reason") or "",
            education_record=d.get("education_record") or "",
        ),
        APPROVE_CASE,
        (S.REVIEWED, S.NOTIFIED, S.HEARING),
        "case.issue_decision",
        _decision_initial,
        primary=True,
    ),
    Step(
        "record_payment",
        _("登记缴款"),
        f.PaymentForm,
        lambda c, u, d: execution.record_payment(
            c,
            by=u,
            expected_version=_v(d),
            amount=d["amount"],
            paid_on=d["paid_on"],
            channel=d["channel"],
            receipt_number=d.get("receipt_number") or "",
            collection_reason=d.get("collection_reason") or "",
            remote_area=bool(d.get("remote_area")),
            party_requested=bool(d.get("party_requested")),
        ),
        HANDLE_CASE,
        (S.EXECUTING,),
        "case.record_payment",
        lambda c: {"paid_on": timezone.localdate(), "channel": "bank"},
        primary=True,
    ),
    Step(
        "approve_deferral",
        _("批准延期（分期）缴纳"),
        f.DeferralForm,
        lambda c, u, d: execution.approve_deferral(
            c,
            by=u,
            expected_version=_v(d),
            applied_on=d["applied_on"],
            approved_on=d["approved_on"],
            pay_by=d["pay_by"],
        ),
        APPROVE_CASE,
        (S.EXECUTING,),
        "case.approve_deferral",
    ),
    Step(
        "record_remedy",
        _("登记复议或诉讼"),
        f.RemedyForm,
        lambda c, u, d: execution.record_remedy(
            c,
            by=u,
            expected_version=_v(d),
            kind=d["kind"],
            filed_on=d["filed_on"],
            lodged_with_agency=bool(d.get("lodged_with_agency")),
            accepted_on=d.get("accepted_on"),
            copy_received_on=d.get("copy_received_on"),
            simple_procedure=bool(d.get("simple_procedure")),
        ),
        HANDLE_CASE,
        REMEDY,
        "",
    ),
    Step(
        "remedy_progress",
        _("登记行政复议进展"),
        f.RemedyProgressForm,
        lambda c, u, d: remedies.record_remedy_progress(
            c,
            by=u,
            expected_version=_v(d),
            forwarded_on=d.get("forwarded_on"),
            accepted_on=d.get("accepted_on"),
            copy_received_on=d.get("copy_received_on"),
            simple_procedure=bool(d.get("simple_procedure")),
            extension_days=d.get("extension_days"),
            extension_notified_on=d.get("extension_notified_on"),
        ),
        HANDLE_CASE,
        REMEDY,
        "case.remedy_progress",
    ),
    Step(
        "reply_reconsideration",
        _("向复议机关书面答复"),
        f.RemedyReplyForm,
        lambda c, u, d: remedies.reply_to_reconsideration(
            c,
            by=u,
            expected_version=_v(d),
            replied_on=d["replied_on"],
            evidence_submitted=bool(d.get("evidence_submitted")),
        ),
        HANDLE_CASE,
        REMEDY,
        "case.reply_reconsideration",
        lambda c: {"replied_on": timezone.localdate()},
    ),
    Step(
        "conclude_remedy",
        _("登记复议、诉讼结果"),
        f.RemedyConclusionForm,
        lambda c, u, d: execution.conclude_remedy(
            remedies.pending_remedy(c),
            by=u,
            expected_version=_v(d),
            concluded_on=d["concluded_on"],
            upheld=bool(d.get("upheld")),
            result=d["result"],
        ),
        HANDLE_CASE,
        REMEDY,
        "",
    ),
    Step(
        "serve_reminder",
        _("送达催告书"),
        f.ReminderForm,
        lambda c, u, d: execution.serve_reminder(
            c, by=u, expected_version=_v(d), served_on=d["served_on"], perform_by=d["perform_by"]
        ),
        HANDLE_CASE,
        (S.EXECUTING,),
        "",
    ),
    Step(
        "apply_court_enforcement",
        _("申请法院强制执行"),
        f.CourtForm,
        lambda c, u, d: execution.apply_court_enforcement(
            c,
            by=u,
            expected_version=_v(d),
            filed_on=d["filed_on"],
            court=d["court"],
            signed_by_head=d["signed_by_head"],
        ),
        APPROVE_CASE,
        (S.EXECUTING,),
        "case.apply_court_enforcement",
    ),
    Step(
        "enforce_directly",
        _("强制执行"),
        f.EnforceForm,
        lambda c, u, d: execution.enforce_directly(
            c,
            by=u,
            expected_version=_v(d),
            kind=d["kind"],
            scheduled_at=d["scheduled_at"],
            announced_on=d.get("announced_on"),
            emergency_reason=d.get("emergency_reason") or "",
            concealment_evidence=d.get("concealment_evidence") or "",
            cut_utilities=d["cut_utilities"],
            reasons=d.get("reasons") or "",
            basis=d.get("basis") or "",
            manner=d.get("manner") or "",
            target=d.get("target") or "",
            cost_estimate=d.get("cost_estimate"),
            performer=d.get("performer") or "",
        ),
        APPROVE_CASE,
        (S.DECIDED, S.EXECUTING),
        "case.enforce_directly",
    ),
    Step(
        "suspend_enforcement",
        _("中止执行"),
        f.SuspendEnforcementForm,
        lambda c, u, d: enforcement.suspend_enforcement(
            c, by=u, expected_version=_v(d), ground=d["ground"], started_on=d["started_on"]
        ),
        APPROVE_CASE,
        (S.EXECUTING,),
        "",
        lambda c: {"started_on": timezone.localdate()},
    ),
    Step(
        "resume_enforcement",
        _("恢复执行"),
        f.ResumeEnforcementForm,
        lambda c, u, d: enforcement.resume_enforcement(c, by=u, expected_version=_v(d), resumed_on=d["resumed_on"]),
        APPROVE_CASE,
        (S.EXECUTING,),
        "",
        lambda c: {"resumed_on": timezone.localdate()},
    ),
    Step(
        "close",
        _("结案"),
        f.CloseForm,
        lambda c, u, d: closing.close_case(
            c, by=u, expected_version=_v(d), closed_on=d["closed_on"], summary=d.get("summary") or ""
        ),
        APPROVE_CASE,
        (S.DECIDED, S.EXECUTING),
        "case.close",
        lambda c: {"closed_on": timezone.localdate()},
        primary=True,
    ),
    Step(
        "archive",
        _("归档"),
        f.ArchiveForm,
        lambda c, u, d: closing.archive_case(c, by=u, expected_version=_v(d), archived_on=d["archived_on"]),
        HANDLE_CASE,
        (S.CLOSED,),
        "",
        lambda c: {"archived_on": timezone.localdate()},
        primary=True,
    ),
    Step(
        "suspend",
        _("中止调查"),
        f.SuspendForm,
        lambda c, u, d: investigation.suspend(
            c, by=u, expected_version=_v(d), ground=d["ground"], started_on=d["started_on"]
        ),
        APPROVE_CASE,
        INVESTIGATION,
        "case.suspend",
        lambda c: {"started_on": timezone.localdate()},
    ),
    Step(
        "resume",
        _("恢复调查"),
        f.ResumeForm,
        lambda c, u, d: investigation.resume(c, by=u, expected_version=_v(d), resumed_on=d["resumed_on"]),
        APPROVE_CASE,
        (S.SUSPENDED,),
        "",
        lambda c: {"resumed_on": timezone.localdate()},
        primary=True,
    ),
    Step(
        "terminate",
        _("终止调查"),
        f.TerminateForm,
        lambda c, u, d: investigation.terminate(
            c, by=u, expected_version=_v(d), ground=d["ground"], terminated_on=d["terminated_on"]
        ),
        APPROVE_CASE,
        INVESTIGATION + (S.SUSPENDED,),
        "case.terminate",
        lambda c: {"terminated_on": timezone.localdate()},
    ),
    Step(
        "extend_time_limit",
        _("延长办案期限"),
        f.ExtendForm,
        lambda c, u, d: investigation.extend_time_limit(
            c, by=u, expected_version=_v(d), days=d["days"], reason=d["reason"]
        ),
        APPROVE_CASE,
        INVESTIGATION + (S.NOTIFIED, S.HEARING),
        "",
        lambda c: {"days": 30},
    ),
    Step(
        "preserve_evidence",
        _("先行登记保存证据"),
        f.PreservationForm,
        lambda c, u, d: investigation.preserve_evidence(
            c,
            by=u,
            expected_version=_v(d),
            items=d["items"],
            preserved_at=d["preserved_at"],
            approved_by=d.get("approved_by"),
            emergency=d["emergency"],
        ),
        HANDLE_CASE,
        INVESTIGATION,
        "case.preserve_evidence",
        lambda c: {"preserved_at": timezone.localtime().replace(second=0, microsecond=0)},
    ),
    Step(
        "handle_preservation",
        _("先行登记保存处理决定"),
        f.PreservationHandlingForm,
        lambda c, u, d: investigation.handle_preservation(
            _preservation(c, d), by=u, expected_version=_v(d), handling=d["handling"], handled_on=d["handled_on"]
        ),
        HANDLE_CASE,
        INVESTIGATION + (S.SUSPENDED, S.NOTIFIED, S.HEARING),
        "",
        lambda c: {"handled_on": timezone.localdate(), "preservation": _pending(c.preservations, "handled_on")},
    ),
    Step(
        "apply_recusal",
        _("登记回避申请"),
        f.RecusalForm,
        lambda c, u, d: investigation.apply_recusal(
            c, by=u, expected_version=_v(d), officer=d["officer"], reason=d["reason"], applied_on=d["applied_on"]
        ),
        HANDLE_CASE,
        investigation.RECUSAL_OPEN,
        "",
        lambda c: {"applied_on": timezone.localdate()},
    ),
    Step(
        "decide_recusal",
        _("决定是否回避"),
        f.RecusalDecisionForm,
        lambda c, u, d: investigation.decide_recusal(
            _recusal(c, d), by=u, expected_version=_v(d), granted=d["granted"], decided_on=d["decided_on"]
        ),
        APPROVE_CASE,
        investigation.RECUSAL_OPEN,
        "",
        lambda c: {"decided_on": timezone.localdate(), "recusal": _pending(c.recusals, "decided_on")},
    ),
    Step(
        "transfer",
        _("移送有管辖权的机关"),
        f.TransferForm,
        lambda c, u, d: referral.transfer_case(
            c,
            by=u,
            expected_version=_v(d),
            to_agency=d["to_agency"],
            reason=d["reason"],
            transferred_on=d["transferred_on"],
        ),
        APPROVE_CASE,
        INVESTIGATION + (S.REGISTRATION_PENDING,),
        "",
        lambda c: {"transferred_on": timezone.localdate()},
    ),
    Step(
        "add_participant",
        _("增加协办机关"),
        f.ParticipantForm,
        lambda c, u, d: referral.add_participant(
            c, by=u, expected_version=_v(d), agency=d["agency"], duty=d.get("duty") or ""
        ),
        APPROVE_CASE,
        INVESTIGATION + (S.REGISTRATION_PENDING, S.SUSPENDED, S.NOTIFIED, S.HEARING),
        "",
    ),
    Step(
        "refer_crime",
        _("提请移送涉嫌犯罪案件"),
        f.ReferralForm,
        lambda c, u, d: referral.refer_crime(
            c,
            by=u,
            expected_version=_v(d),
            suspected_offence=d["suspected_offence"],
            reported_on=d["reported_on"],
            task_group=d["task_group_officers"],
            attachments=d["attachments"],
        ),
        HANDLE_CASE,
        INVESTIGATION + (S.NOTIFIED, S.HEARING),
        "case.refer_crime",
        lambda c: {"reported_on": timezone.localdate()},
    ),
    Step(
        "decide_referral",
        _("审批移送"),
        f.ReferralDecisionForm,
        lambda c, u, d: referral.decide_referral(
            c, by=u, expected_version=_v(d), approved=d["approved"], refusal_reason=d.get("refusal_reason") or ""
        ),
        APPROVE_CASE,
        INVESTIGATION + (S.NOTIFIED, S.HEARING),
        "",
    ),
    Step(
        "transfer_to_police",
        _("移送公安机关"),
        f.PoliceTransferForm,
        lambda c, u, d: referral.transfer_to_police(
            c, by=u, expected_version=_v(d), police=d["police"], party_notified_on=d.get("party_notified_on")
        ),
        HANDLE_CASE,
        INVESTIGATION + (S.NOTIFIED, S.HEARING),
        "case.transfer_to_police",
    ),
    Step(
        "record_police_response",
        _("登记公安机关处理结果"),
        f.PoliceResponseForm,
        lambda c, u, d: referral.record_police_response(
            c, by=u, expected_version=_v(d), response=d["response"], responded_on=d["responded_on"]
        ),
        HANDLE_CASE,
        (S.REFERRED,),
        "",
        lambda c: {"responded_on": timezone.localdate()},
        primary=True,
    ),
    Step(
        "file_summary",
        _("当场处罚备案"),
        f.SummaryFileForm,
        lambda c, u, d: summary.file_summary_decision(c, by=u, expected_version=_v(d), filed_on=d["filed_on"]),
        HANDLE_CASE,
        (S.DECIDED, S.EXECUTING),
        "",
        lambda c: {"filed_on": timezone.localdate()},
    ),
]

BY_CODE = {step.code: step for step in STEPS}
