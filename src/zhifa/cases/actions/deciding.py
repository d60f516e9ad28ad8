"""The decision (处罚决定 / 不予处罚决定) and delivery (送达)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhifa.cases.actions.common import allowed, change, check, check_first, finish, lock, require_status
from zhifa.cases.actions.deadlines import cancel, meet, open_deadline
from zhifa.cases.actions.documents import DECISION_CODES, chinese_label, issue_document
from zhifa.cases.actions.numbering import next_number
from zhifa.cases.choices import CaseStatus, DeliveryMethod, Outcome
from zhifa.cases.citations import LITIGATION_INTERPRETATION, LITIGATION_LAW, PENALTY_LAW, RECONSIDERATION_LAW, art
from zhifa.cases.models import Case, CaseDocument, Decision, Delivery, Hearing, Notice
from zhifa.cases.penalty import Penalty
from zhifa.cases.permissions import APPROVE_CASE, HANDLE_CASE
from zhifa.cases.rules.d_notice import HEARING_REQUEST_DAYS, STATEMENT_DAYS
from zhifa.cases.rules.j_remedies import tells_litigation_period
from zhifa.cases.selectors import latest_report
from zhifa.core.calendar.periods import Period
from zhifa.core.errors import InvalidInput

DECIDABLE = (CaseStatus.REVIEWED, CaseStatus.NOTIFIED, CaseStatus.HEARING)
DELIVERY_PERIOD = Period(7, "WD", article=art(PENALTY_LAW, 61))
PAYMENT_PERIOD = Period(15, "d", roll_over=True, article=art(PENALTY_LAW, 67, paragraph=3))
RECONSIDERATION_PERIOD = Period(60, "d", roll_over=True, article=art(RECONSIDERATION_LAW, 20))
LITIGATION_PERIOD = Period(6, "m", roll_over=True, article=art(LITIGATION_LAW, 46))
UNTOLD_LITIGATION_PERIOD = Period(1, "y", roll_over=True, article=art(LITIGATION_INTERPRETATION, 64))
PUBLIC_NOTICE_DAYS = 30  # 市监程序 第八十二条: deemed served 30 days after the notice


@transaction.atomic
def issue_decision(
    case: Case,
    *,
    by: Any,
    expected_version: int | None,
    outcome: str,
    reasons: str,
    decided_on: dt.date,
    penalty: Penalty | None = None,
    statement_adoption: str = "",
    publish: bool = True,
    publish_reason: str = "",
    education_record: str = "",
) -> Decision:
    """The head decides (行政处罚法 第五十七条); every rule of D, E and C is checked here."""
    case = lock(case, expected_version)
    allowed(by, APPROVE_CASE, case)
    if case.status not in DECIDABLE:
        # A file sent back for supplementary investigation is refused by 第四十条 itself (LP-40).
        proposed = penalty or Penalty.from_json(getattr(latest_report(case), "penalty", None) or {})
        check_first("case.issue_decision", case, by, ("LP-40",), outcome=outcome, penalty=proposed)
    require_status(case, *DECIDABLE)
    report = latest_report(case)
    if report is None:
        raise InvalidInput(_("须先提交调查终结报告。"), code="wrong_stage")
    penalty = penalty or Penalty.from_json(report.penalty)
    if outcome != Outcome.PENALTY:
        penalty = Penalty()
    if outcome == Outcome.PENALTY and not publish and not publish_reason.strip():
        raise InvalidInput(_("不予公示的，须写明理由。"), fields={"publish_reason": [_("必填。")]})
    warnings = check(
        "case.issue_decision",
        case,
        by,
        outcome=outcome,
        penalty=penalty,
        decided_on=decided_on,
        reasons=reasons,
        circumstances=report.circumstances,
    )
    if outcome == Outcome.REFER:
        raise InvalidInput(_("移送司法机关请使用“提请移送涉嫌犯罪案件”。"), code="use_referral")
    series = "decision" if outcome == Outcome.PENALTY else "no_penalty"
    number = next_number(case.agency, decided_on.year, series)
    code = "penalty_decision" if outcome == Outcome.PENALTY else "no_penalty_decision"
    document = issue_document(
        case,
        code,
        number=number,
        penalty=penalty,
        extra={
            "reasons": f"{reasons}\n{statement_adoption}".strip(),
            "facts": report.facts,
            "document": {"date": decided_on},
        },
    )
    # What the party is given must tell the remedies (LR-20; 行政处罚法 第五十九条第（五）项).
    warnings += check("case.decision_document", case, by, document_text=document.html())
    decision = Decision.objects.create(
        case=case,
        outcome=outcome,
        number=number,
        penalty=penalty.to_json(),
        reasons=reasons.strip(),
        statement_adoption=statement_adoption.strip(),
        decided_on=decided_on,
        decided_by=by,
        document=document,
        publish=publish,
        publish_reason=publish_reason.strip(),
        education_record=education_record.strip(),
    )
    change(case, status=CaseStatus.DECIDED, outcome=outcome, decided_on=decided_on)
    meet(case, "LP-60", decided_on)
    open_deadline(
        case, "LP-61", starts_on=decided_on, period=DELIVERY_PERIOD, label=_("送达处罚决定书（当事人不在场的）")
    )
    finish(
        case,
        "decided",
        by=by,
        payload={"outcome": outcome, "number": number, "penalty": penalty.to_json()},
        warnings=warnings,
    )
    return decision


@transaction.atomic
def deliver(
    document: CaseDocument,
    *,
    by: Any,
    method: str,
    recipient: str,
    expected_version: int | None = None,
    sent_on: dt.date,
    served_on: dt.date | None = None,
    address: str = "",
    consent_confirmed: bool = False,
    refused: bool = False,
    note: str = "",
) -> Delivery:
    """送达. In person and by post the service date is recorded; electronic service is complete
    when the party opens the link; public notice is deemed served after 30 days."""
    case = lock(document.case, expected_version)
    allowed(by, HANDLE_CASE, case)
    if method not in DeliveryMethod.values:
        raise InvalidInput(_("请选择送达方式。"), fields={"method": [_("不是允许的取值。")]})
    text = document.html()
    warnings = check(
        "case.deliver",
        case,
        by,
        method=method,
        consent_confirmed=consent_confirmed,
        document_text=text,
        is_decision=document.code in DECISION_CODES,
    )
    if method == DeliveryMethod.PUBLIC_NOTICE:
        served_on = sent_on + dt.timedelta(days=PUBLIC_NOTICE_DAYS)
    elif method == DeliveryMethod.ELECTRONIC:
        served_on = None
    elif served_on is None:
        raise InvalidInput(_("请填写送达日期。"), fields={"served_on": [_("必填。")]})
    delivery = Delivery.objects.create(
        case=case,
        document=document,
        method=method,
        recipient=recipient.strip(),
        address=address.strip(),
        sent_on=sent_on,
        served_on=served_on,
        consent_confirmed=consent_confirmed,
        refused=refused,
        note=note.strip(),
    )
    if served_on is not None:
        _on_served(case, document, served_on)
        _issue_receipt(case, document, delivery)
    change(case)
    finish(
        case,
        "delivered",
        by=by,
        payload={"document": document.title, "method": method, "served_on": served_on},
        warnings=warnings,
    )
    return delivery


@transaction.atomic
def _issue_receipt(case: Case, document: CaseDocument, delivery: Delivery) -> None:
    """送达回证 of a served document: at service in person or by post, when a public notice is
    deemed served, and for electronic service when the party opens the link."""
    if document.code == "delivery_receipt":
        return
    issue_document(
        case,
        "delivery_receipt",
        extra={
            # The receipt names the document it proves the service of (送达文书及文号).
            "document": {"number": f"{document.title} {document.number}".strip()},
            "delivery": {
                "address": delivery.address,
                "delivered_at": delivery.served_on or delivery.sent_on,
                "method_label": chinese_label(delivery, "method"),
                "recipient": delivery.recipient,
                "refused_note": delivery.note if delivery.refused else "",
            },
        },
    )


@transaction.atomic
def open_electronic_delivery(token: str) -> Delivery | None:
    """The party opened the link: the opening is the delivery receipt (送达回证). The caller has the
    document's PDF ready first (`ensure_pdf`): nothing is served that is not recorded, and nothing
    recorded that could not be served."""
    delivery = Delivery.objects.select_for_update().filter(token=token, method=DeliveryMethod.ELECTRONIC).first()
    if delivery is None:
        return None
    if delivery.opened_at is None:
        now = timezone.now()
        served_on = timezone.localtime(now).date()
        Delivery.objects.filter(pk=delivery.pk).update(opened_at=now, served_on=served_on)
        case = lock(delivery.case, None)
        _on_served(case, delivery.document, served_on)
        delivery.refresh_from_db()
        _issue_receipt(case, delivery.document, delivery)
        change(case)
        finish(case, "delivery.opened", by=None, payload={"document": delivery.document.title, "served_on": served_on})
        delivery.refresh_from_db()
    return delivery


def _on_served(case: Case, document: CaseDocument, served_on: dt.date) -> None:
    """What service starts: the statement and hearing periods, payment, the remedy periods."""
    if document.code == "prior_notice":
        notice = Notice.objects.filter(document=document).first()
        if notice is not None and notice.served_on is None:
            Notice.objects.filter(pk=notice.pk).update(served_on=served_on)
            statement = Period(STATEMENT_DAYS, "WD")
            open_deadline(
                case, "MP-57", starts_on=served_on, period=statement, label=_("陈述、申辩期"), binds_party=True
            )
            if notice.hearing_clause:
                request = Period(HEARING_REQUEST_DAYS, "WD")
                open_deadline(
                    case, "LP-64a", starts_on=served_on, period=request, label=_("听证申请期"), binds_party=True
                )
            else:
                cancel(case, "LP-64a")  # a fresh notice without the clause replaces an earlier one
            if case.status == CaseStatus.REVIEWED:
                case.status = CaseStatus.NOTIFIED
                type(case).objects.filter(pk=case.pk).update(status=CaseStatus.NOTIFIED)
    elif document.code in DECISION_CODES:
        _decision_served(case, document, served_on)
    elif document.code == "hearing_notice":
        Hearing.objects.filter(case=case, notice_served_on__isnull=True).update(notice_served_on=served_on)


def _decision_served(case: Case, document: CaseDocument, served_on: dt.date) -> None:
    meet(case, "LP-61", served_on)
    decision = Decision.objects.filter(document=document).first()
    open_deadline(
        case, "LR-20", starts_on=served_on, period=RECONSIDERATION_PERIOD, label=_("申请行政复议期限"), binds_party=True
    )
    if tells_litigation_period(document.html()):
        open_deadline(
            case, "LL-46", starts_on=served_on, period=LITIGATION_PERIOD, label=_("提起行政诉讼期限"), binds_party=True
        )
    else:  # SI-64: the period runs from when the party learns it, at most one year from knowing the decision
        open_deadline(
            case,
            "SI-64",
            starts_on=served_on,
            period=UNTOLD_LITIGATION_PERIOD,
            label=_("提起行政诉讼期限（决定书未告知起诉期限，最长一年）"),
            binds_party=True,
        )
    penalty = Penalty.from_json(decision.penalty if decision else {})
    if penalty.has_fine or (penalty.confiscate_gains and penalty.illegal_gains):
        open_deadline(
            case, "LP-67b", starts_on=served_on, period=PAYMENT_PERIOD, label=_("缴纳罚款期限"), binds_party=True
        )
        type(case).objects.filter(pk=case.pk).update(status=CaseStatus.EXECUTING)
        case.status = CaseStatus.EXECUTING
