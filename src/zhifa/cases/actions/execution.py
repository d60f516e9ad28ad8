"""执行: payments (with the surcharge), deferral, remedies, 催告, court enforcement, direct enforcement."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from zhifa.cases.actions import remedies
from zhifa.cases.actions.common import allowed, change, check, finish, lock, require_status
from zhifa.cases.actions.deadlines import latest, meet, open_deadline, open_for
from zhifa.cases.actions.documents import issue_document
from zhifa.cases.actions.enforcement import watch_surcharge_run
from zhifa.cases.actions.numbering import next_number
from zhifa.cases.choices import CaseStatus, EnforcementKind, PaymentChannel, RemedyKind
from zhifa.cases.citations import COMPULSION_LAW, PENALTY_LAW, art
from zhifa.cases.models import Case, CourtApplication, Deferral, Payment, Remedy, Reminder
from zhifa.cases.penalty import Penalty
from zhifa.cases.permissions import APPROVE_CASE, HANDLE_CASE
from zhifa.cases.surcharge import remedy_pauses, surcharge
from zhifa.core.calendar.periods import Period
from zhifa.core.errors import Conflict, InvalidInput
from zhifa.orgs.models import Officer

HANDOVER = Period(2, "WD", article=art(PENALTY_LAW, 71))
REMINDER_WAIT = Period(10, "WD", article=art(COMPULSION_LAW, 54))


def amount_due(case: Case, on: dt.date) -> tuple[Decimal, Decimal]:
    """(principal still unpaid, surcharge accrued on `on`), the surcharge paused during remedies."""
    decision = getattr(case, "decision", None)
    penalty = Penalty.from_json(decision.penalty if decision else {})
    principal = (penalty.fine or Decimal(0)) + (
        penalty.illegal_gains or Decimal(0) if penalty.confiscate_gains else Decimal(0)
    )
    paid = case.payments.aggregate(total=Sum("amount"))["total"] or Decimal(0)
    deadline = latest(case, "LP-67b")
    pauses = remedy_pauses(case)
    if deadline is not None and deadline.met_on is not None:
        on = min(on, deadline.met_on)  # nothing accrues once the fine (and any surcharge) was paid in full
    accrued = (
        surcharge(penalty.fine or Decimal(0), deadline.due, on, pauses) if deadline and penalty.fine else Decimal(0)
    )
    surcharge_paid = case.payments.aggregate(total=Sum("surcharge"))["total"] or Decimal(0)
    principal_paid = paid - surcharge_paid
    return max(principal - principal_paid, Decimal(0)), max(accrued - surcharge_paid, Decimal(0))


@transaction.atomic
def record_payment(
    case: Case,
    *,
    by: Any,
    expected_version: int | None,
    amount: Decimal,
    paid_on: dt.date,
    channel: str,
    receipt_number: str = "",
    collected_by: Officer | None = None,
    collection_reason: str = "",
    remote_area: bool = False,
    party_requested: bool = False,
) -> Payment:
    case = lock(case, expected_version)
    allowed(by, HANDLE_CASE, case)
    require_status(case, CaseStatus.EXECUTING, CaseStatus.DECIDED)
    if amount <= 0:
        raise InvalidInput(_("缴纳金额须大于零。"), fields={"amount": [_("须大于零。")]})
    warnings = check(
        "case.record_payment",
        case,
        by,
        amount=amount,
        channel=channel,
        receipt_number=receipt_number,
        collection_reason=collection_reason,
        remote_area=remote_area,
        party_requested=party_requested,
    )
    principal, accrued = amount_due(case, paid_on)
    towards_surcharge = max(min(amount - principal, accrued), Decimal(0))
    payment = Payment.objects.create(
        case=case,
        amount=amount,
        surcharge=towards_surcharge,
        paid_on=paid_on,
        channel=channel,
        receipt_number=receipt_number.strip(),
        collected_by=collected_by,
        collection_reason=collection_reason.strip(),
    )
    if channel == PaymentChannel.ON_THE_SPOT:
        open_deadline(case, "LP-71", starts_on=paid_on, period=HANDOVER, label=_("当场收缴的罚款交至行政机关"))
    if amount >= principal + accrued:
        # Performed in full: nothing is left to enforce, nor to watch for enforcement.
        meet(case, "LP-67b", paid_on)
        meet(case, "LE-46", paid_on)
        meet(case, "LE-39", paid_on)
    change(case)
    payload: dict[str, Any] = {"amount": amount, "channel": channel, "surcharge": towards_surcharge}
    if remote_area or party_requested:  # 第六十九条: why officers could collect an ordinary-procedure fine
        payload.update(remote_area=remote_area, party_requested=party_requested)
    finish(case, "payment.recorded", by=by, payload=payload, warnings=warnings)
    return payment


@transaction.atomic
def hand_over_cash(payment: Payment, *, by: Any, handed_on: dt.date) -> Payment:
    case = lock(payment.case, None)
    allowed(by, HANDLE_CASE, case)
    Payment.objects.filter(pk=payment.pk).update(handed_to_agency_on=handed_on)
    meet(case, "LP-71", handed_on)
    open_deadline(case, "LP-71", starts_on=handed_on, period=HANDOVER, label=_("罚款缴付代收机构"))
    finish(case, "payment.handed_over", by=by, payload={"payment": payment.pk, "on": handed_on})
    payment.refresh_from_db()
    return payment


@transaction.atomic
def bank_cash(payment: Payment, *, by: Any, banked_on: dt.date) -> Payment:
    case = lock(payment.case, None)
    allowed(by, APPROVE_CASE, case)
    Payment.objects.filter(pk=payment.pk).update(banked_on=banked_on)
    meet(case, "LP-71", banked_on)
    finish(case, "payment.banked", by=by, payload={"payment": payment.pk, "on": banked_on})
    payment.refresh_from_db()
    return payment


@transaction.atomic
def approve_deferral(
    case: Case,
    *,
    by: Any,
    expected_version: int | None,
    applied_on: dt.date,
    approved_on: dt.date,
    pay_by: dt.date,
    instalments: list[dict[str, Any]] | None = None,
) -> Deferral:
    """延期或者分期缴纳 (第六十六条): the payment deadline moves, and with it the surcharge and the
    court-enforcement window."""
    case = lock(case, expected_version)
    allowed(by, APPROVE_CASE, case)
    require_status(case, CaseStatus.EXECUTING)
    warnings = check("case.approve_deferral", case, by, applied_on=applied_on, pay_by=pay_by)
    deferral = Deferral.objects.create(
        case=case, applied_on=applied_on, approved_on=approved_on, pay_by=pay_by, instalments=instalments or []
    )
    deadline = open_for(case, "LP-67b")
    if deadline is not None:
        type(deadline).objects.filter(pk=deadline.pk).update(due=pay_by)
    watch_surcharge_run(case)  # the surcharge, and so its 30 days, now run from `pay_by`
    decision = getattr(case, "decision", None)
    issue_document(
        case,
        "payment_deferral_approval",
        penalty=Penalty.from_json(decision.penalty) if decision else None,
        extra={"payment": {"installment_text": _deferral_text(pay_by, instalments or [])}},
    )
    change(case)
    finish(case, "deferral.approved", by=by, payload={"pay_by": pay_by}, warnings=warnings)
    return deferral


def _deferral_text(pay_by: dt.date, instalments: list[dict[str, Any]]) -> str:
    # Document text: Chinese whatever the officer's language (see documents.issue_document).
    if not instalments:
        return f"准予延期至 {pay_by} 前缴纳。"
    parts = "；".join(f"{row.get('due', '')} {row.get('amount', '')}" for row in instalments)
    return f"准予分期缴纳：{parts}；最后一期于 {pay_by} 前缴清。"


@transaction.atomic
def record_remedy(
    case: Case,
    *,
    by: Any,
    expected_version: int | None,
    kind: str,
    filed_on: dt.date,
    lodged_with_agency: bool = False,
    accepted_on: dt.date | None = None,
    copy_received_on: dt.date | None = None,
    simple_procedure: bool = False,
) -> Remedy:
    """The party applied for reconsideration or sued: no surcharge accrues meanwhile (第七十三条
    第三款); the party's periods are used, and the agency's periods as respondent open
    (`remedies.on_filed`: LR-23, LR-48, LR-62)."""
    case = lock(case, expected_version)
    allowed(by, HANDLE_CASE, case)
    if kind not in RemedyKind.values:
        raise InvalidInput(_("请选择行政复议或行政诉讼。"), fields={"kind": [_("不是允许的取值。")]})
    if getattr(case, "decision", None) is None:
        raise InvalidInput(_("本案尚未作出决定。"), code="wrong_stage")
    if kind == RemedyKind.LITIGATION and (lodged_with_agency or accepted_on or copy_received_on or simple_procedure):
        raise InvalidInput(
            _("转送、受理、申请书副本和简易程序只适用于行政复议。"), fields={"kind": [_("请选择行政复议。")]}
        )
    remedy = Remedy.objects.create(case=case, kind=kind, filed_on=filed_on)
    remedies.on_filed(
        case,
        remedy,
        lodged_with_agency=lodged_with_agency,
        accepted_on=accepted_on,
        copy_received_on=copy_received_on,
        simple_procedure=simple_procedure,
    )
    change(case)
    payload: dict[str, Any] = {"kind": kind, "filed_on": filed_on}
    if lodged_with_agency:
        payload["lodged_with_agency"] = True
    finish(case, "remedy.recorded", by=by, payload=payload)
    return remedy


@transaction.atomic
def conclude_remedy(
    remedy: Remedy,
    *,
    by: Any,
    concluded_on: dt.date,
    upheld: bool | None,
    result: str,
    expected_version: int | None = None,
) -> Remedy:
    """The reconsideration body decided or the court ruled; after an upheld reconsideration the
    party may sue within 15 days (LL-46, 行政诉讼法 第四十五条)."""
    case = lock(remedy.case, expected_version)
    allowed(by, HANDLE_CASE, case)
    if concluded_on < remedy.filed_on:
        raise InvalidInput(_("审结日期不能早于提起日期。"), fields={"concluded_on": [_("早于提起日期。")]})
    Remedy.objects.filter(pk=remedy.pk).update(concluded_on=concluded_on, decision_upheld=upheld, result=result.strip())
    remedy.refresh_from_db()
    remedies.on_concluded(case, remedy)
    watch_surcharge_run(case)  # the surcharge runs again from the end of the remedy
    change(case)
    finish(case, "remedy.concluded", by=by, payload={"upheld": upheld, "result": result})
    return remedy


@transaction.atomic
def serve_reminder(
    case: Case, *, by: Any, expected_version: int | None, served_on: dt.date, perform_by: dt.date
) -> Reminder:
    """催告书: time limit, manner, amount with the surcharge, and the right to state and defend."""
    case = lock(case, expected_version)
    allowed(by, HANDLE_CASE, case)
    require_status(case, CaseStatus.EXECUTING)
    if perform_by <= served_on:
        raise InvalidInput(_("履行期限须晚于送达日期。"), fields={"perform_by": [_("须晚于送达日期。")]})
    principal, accrued = amount_due(case, served_on)
    if principal + accrued <= 0:
        raise InvalidInput(_("当事人已全部履行，无须催告。"), code="nothing_due")
    number = next_number(case.agency, served_on.year, "reminder")
    document = issue_document(
        case,
        "enforcement_reminder",
        number=number,
        extra={
            "payment": {"deadline_days": (perform_by - served_on).days},
            "reasons": f"应缴罚款 {principal} 元，加处罚款 {accrued} 元",
        },
    )
    reminder = Reminder.objects.create(
        case=case, served_on=served_on, perform_by=perform_by, amount=principal + accrued, document=document
    )
    open_deadline(
        case, "LE-54", starts_on=served_on, period=REMINDER_WAIT, label=_("催告后等待期（期满方可申请强制执行）")
    )
    watch_surcharge_run(case)
    change(case)
    finish(
        case,
        "reminder.served",
        by=by,
        payload={"number": number, "amount": principal + accrued, "perform_by": perform_by},
    )
    return reminder


@transaction.atomic
def apply_court_enforcement(
    case: Case, *, by: Any, expected_version: int | None, filed_on: dt.date, court: str, signed_by_head: bool
) -> CourtApplication:
    case = lock(case, expected_version)
    allowed(by, APPROVE_CASE, case)
    require_status(case, CaseStatus.EXECUTING)
    existing = CourtApplication.objects.filter(case=case).first()
    if existing is not None:
        raise Conflict(
            _("已于 %(on)s 向%(court)s申请强制执行，不能重复申请；请登记法院的裁定结果。")
            % {"on": existing.filed_on, "court": existing.court},
            code="already_applied",
        )
    warnings = check("case.apply_court_enforcement", case, by, filed_on=filed_on, signed_by_head=signed_by_head)
    number = next_number(case.agency, filed_on.year, "court")
    issue_document(case, "court_enforcement_application", number=number, extra={"remedy": {"litigation_court": court}})
    application = CourtApplication.objects.create(
        case=case, filed_on=filed_on, court=court.strip(), signed_by_head=signed_by_head
    )
    meet(case, "LE-54", filed_on)
    meet(case, "LE-46", filed_on)
    change(case)
    finish(case, "court.applied", by=by, payload={"court": court, "number": number}, warnings=warnings)
    return application


@transaction.atomic
def conclude_court_enforcement(case: Case, *, by: Any, concluded_on: dt.date, ruling: str) -> CourtApplication:
    case = lock(case, None)
    allowed(by, HANDLE_CASE, case)
    CourtApplication.objects.filter(case=case).update(concluded_on=concluded_on, ruling=ruling.strip())
    finish(case, "court.concluded", by=by, payload={"concluded_on": concluded_on, "ruling": ruling})
    return CourtApplication.objects.get(case=case)


@transaction.atomic
def enforce_directly(
    case: Case,
    *,
    by: Any,
    expected_version: int | None,
    kind: str,
    scheduled_at: dt.datetime,
    announced_on: dt.date | None = None,
    emergency_reason: str = "",
    concealment_evidence: str = "",
    cut_utilities: bool = False,
    reasons: str = "",
    basis: str = "",
    manner: str = "",
    target: str = "",
    cost_estimate: Decimal | None = None,
    performer: str = "",
) -> Case:
    """An agency with enforcement power enforces itself (强制拆除, 代履行, 划拨 …). For 代履行 the
    decision states its reasons, basis, manner, time, target, cost estimate and performer
    (行政强制法 第五十一条); they are kept with the step's event."""
    case = lock(case, expected_version)
    allowed(by, APPROVE_CASE, case)
    require_status(case, CaseStatus.EXECUTING, CaseStatus.DECIDED)
    if kind not in EnforcementKind.values:
        raise InvalidInput(_("请选择强制执行的方式。"), fields={"kind": [_("不是允许的取值。")]})
    decision = {"reasons": reasons, "basis": basis, "manner": manner, "target": target, "performer": performer}
    decision = {name: value.strip() for name, value in decision.items()}
    warnings = check(
        "case.enforce_directly",
        case,
        by,
        kind=kind,
        scheduled_at=scheduled_at,
        announced_on=announced_on,
        emergency_reason=emergency_reason,
        concealment_evidence=concealment_evidence,
        cut_utilities=cut_utilities,
        cost_estimate=cost_estimate,
        **decision,
    )
    if kind == EnforcementKind.MONEY:
        meet(case, "LE-46", timezone.localtime(scheduled_at).date())
    change(case)
    payload: dict[str, Any] = {"kind": kind, "at": scheduled_at}
    if kind == EnforcementKind.SUBSTITUTE:
        payload.update(decision, cost_estimate=cost_estimate)
    finish(case, "enforced", by=by, payload=payload, warnings=warnings)
    return case


def now() -> dt.datetime:
    return timezone.now()
