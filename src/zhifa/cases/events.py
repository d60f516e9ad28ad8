"""The closed registry of case steps: each is an audit kind and a timeline event kind, with the
article that governs it."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from zhifa.cases.citations import (
    COMPULSION_LAW,
    LITIGATION_LAW,
    MARKET_PROCEDURE,
    PENALTY_LAW,
    RECONSIDERATION_LAW,
    REFERRAL_RULES,
    art,
)
from zhifa.core.audit.kinds import AuditKind, audit_kind

STEPS: dict[str, AuditKind] = {}


def step(code: str, label: object, citation: str = "") -> AuditKind:
    kind = audit_kind(f"cases.{code}", label, citation)  # type: ignore[arg-type]
    STEPS[code] = kind
    return kind


LEAD_RECEIVED = step("lead.received", _("登记线索"), art(MARKET_PROCEDURE, 18))
LEAD_DECLINED = step("lead.declined", _("不予立案"), art(MARKET_PROCEDURE, 20))
LEAD_EXTENDED = step("lead.extended", _("延长线索核查期限"), art(MARKET_PROCEDURE, 18))
REGISTRATION_REQUESTED = step("registration.requested", _("提请立案"), art(PENALTY_LAW, 54))
REGISTRATION_DECLINED = step("registration.declined", _("不予立案审批"), art(MARKET_PROCEDURE, 20))
REGISTERED = step("registered", _("批准立案"), art(PENALTY_LAW, 54))
TRANSCRIPT_RECORDED = step("transcript.recorded", _("制作笔录"), art(PENALTY_LAW, 55))
EVIDENCE_ADDED = step("evidence.added", _("收集证据"), art(PENALTY_LAW, 46))
EVIDENCE_PRESERVED = step("evidence.preserved", _("先行登记保存证据"), art(PENALTY_LAW, 56))
PRESERVATION_HANDLED = step("evidence.preservation_handled", _("先行登记保存处理决定"), art(PENALTY_LAW, 56))
PRESERVATION_LAPSED = step(
    "evidence.preservation_lapsed", _("先行登记保存逾期自动解除"), art(MARKET_PROCEDURE, 35, paragraph=2)
)
RECUSAL_APPLIED = step("recusal.applied", _("申请回避"), art(PENALTY_LAW, 43))
RECUSAL_DECIDED = step("recusal.decided", _("回避决定"), art(PENALTY_LAW, 43))
SUSPENDED = step("suspended", _("中止调查"), art(MARKET_PROCEDURE, 46))
TERMINATED = step("terminated", _("终止调查"), art(MARKET_PROCEDURE, 47))
RESUMED = step("resumed", _("恢复调查"), art(MARKET_PROCEDURE, 46))
EXTENDED = step("extended", _("延长办案期限"), art(MARKET_PROCEDURE, 64))
HANDLERS_CHANGED = step("handlers.changed", _("调整承办人"), art(PENALTY_LAW, 42))
PARTICIPANT_ADDED = step("participant.added", _("增加协办机关"))
REPORT_SUBMITTED = step("report.submitted", _("提交调查终结报告"), art(MARKET_PROCEDURE, 48))
REVIEW_REQUESTED = step("review.requested", _("送审"), art(PENALTY_LAW, 58))
REVIEW_RECORDED = step("review.recorded", _("审核意见"), art(PENALTY_LAW, 58))
DISCUSSED = step("discussed", _("集体讨论"), art(PENALTY_LAW, 57))
NOTICE_ISSUED = step("notice.issued", _("制作行政处罚告知书"), art(PENALTY_LAW, 44))
DELIVERED = step("delivered", _("送达"), art(PENALTY_LAW, 61))
DELIVERY_OPENED = step("delivery.opened", _("当事人打开电子送达文书"), art(PENALTY_LAW, 61))
STATEMENT_RECEIVED = step("statement.received", _("陈述申辩"), art(PENALTY_LAW, 45))
STATEMENT_REVIEWED = step("statement.reviewed", _("复核陈述申辩"), art(PENALTY_LAW, 45))
RIGHTS_WAIVED = step("rights.waived", _("当事人放弃陈述申辩"), art(PENALTY_LAW, 62))
HEARING_REQUESTED = step("hearing.requested", _("申请听证"), art(PENALTY_LAW, 64))
HEARING_SCHEDULED = step("hearing.scheduled", _("通知听证"), art(PENALTY_LAW, 64))
HEARING_HELD = step("hearing.held", _("举行听证"), art(PENALTY_LAW, 64, 65))
DECIDED = step("decided", _("作出决定"), art(PENALTY_LAW, 57, 59))
PAYMENT_RECORDED = step("payment.recorded", _("缴纳罚款"), art(PENALTY_LAW, 67))
CASH_HANDED_OVER = step("payment.handed_over", _("当场收缴罚款交至机关"), art(PENALTY_LAW, 71))
CASH_BANKED = step("payment.banked", _("罚款缴付银行"), art(PENALTY_LAW, 71))
DEFERRAL_APPROVED = step("deferral.approved", _("批准延期（分期）缴纳"), art(PENALTY_LAW, 66))
REMEDY_RECORDED = step("remedy.recorded", _("当事人申请复议或提起诉讼"), art(PENALTY_LAW, 73))
REMEDY_PROGRESS = step("remedy.progress", _("登记行政复议进展"), art(RECONSIDERATION_LAW, 32, 48, 62))
REMEDY_REPLIED = step("remedy.replied", _("向复议机关书面答复"), art(RECONSIDERATION_LAW, 48))
REMEDY_CONCLUDED = step("remedy.concluded", _("复议、诉讼审结"), art(LITIGATION_LAW, 45))
REMINDER_SERVED = step("reminder.served", _("送达催告书"), art(COMPULSION_LAW, 35, 54))
COURT_APPLIED = step("court.applied", _("申请人民法院强制执行"), art(COMPULSION_LAW, 53))
COURT_CONCLUDED = step("court.concluded", _("法院强制执行终结"), art(COMPULSION_LAW, 53))
ENFORCED = step("enforced", _("强制执行"), art(COMPULSION_LAW, 43))
ENFORCEMENT_SUSPENDED = step("enforcement.suspended", _("中止执行"), art(COMPULSION_LAW, 39))
ENFORCEMENT_RESUMED = step("enforcement.resumed", _("恢复执行"), art(COMPULSION_LAW, 39))
CLOSED = step("closed", _("结案"), art(MARKET_PROCEDURE, 77))
ARCHIVED = step("archived", _("归档"), art(MARKET_PROCEDURE, 78))
CASE_FILE_BUILT = step("case_file.built", _("生成电子案卷"), art(MARKET_PROCEDURE, 78))
CASE_FILE_FAILED = step("case_file.failed", _("电子案卷生成失败"), art(MARKET_PROCEDURE, 78))
CASE_FILE_REQUESTED = step("case_file.requested", _("重新生成电子案卷"), art(MARKET_PROCEDURE, 78))
TRANSFERRED = step("transferred", _("移送管辖"), art(PENALTY_LAW, 25))
CRIME_REPORTED = step("crime.reported", _("提请移送涉嫌犯罪案件"), art(REFERRAL_RULES, 5))
CRIME_DECIDED = step("crime.decided", _("负责人审批移送"), art(REFERRAL_RULES, 5))
CRIME_TRANSFERRED = step("crime.transferred", _("移送公安机关"), art(REFERRAL_RULES, 6))
POLICE_RESPONDED = step("crime.police_responded", _("公安机关立案或不予立案"), art(REFERRAL_RULES, 9))
SUMMARY_DECIDED = step("summary.decided", _("当场作出行政处罚决定"), art(PENALTY_LAW, 51, 52))
SUMMARY_FILED = step("summary.filed", _("当场处罚报机关备案"), art(PENALTY_LAW, 52))
DOCUMENT_ISSUED = step("document.issued", _("制作文书"))

# Settings an administrator keeps (not steps of a case: no timeline event).
THRESHOLD_SET = audit_kind("cases.hearing_threshold.set", _("设置听证较大数额标准"), art(PENALTY_LAW, 63))
FORM_RANGE_ISSUED = audit_kind("cases.summary_form_range.issued", _("发放当场处罚决定书号段"), art(PENALTY_LAW, 52))
