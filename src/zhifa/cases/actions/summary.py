"""简易程序: the on-the-spot decision (行政处罚法 第五十一、五十二条), doable on a phone in a few steps."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zhifa.cases.actions.common import allowed, change, check, finish, lock, require_status
from zhifa.cases.actions.deadlines import meet, open_deadline, open_for
from zhifa.cases.actions.deciding import RECONSIDERATION_PERIOD
from zhifa.cases.actions.documents import issue_document
from zhifa.cases.actions.execution import record_payment
from zhifa.cases.choices import CaseStatus, DeliveryMethod, OfficerRole, Outcome, PaymentChannel, Procedure
from zhifa.cases.citations import MARKET_PROCEDURE, art
from zhifa.cases.models import Case, CaseOfficer, Decision, Delivery
from zhifa.cases.penalty import Penalty
from zhifa.cases.permissions import HANDLE_CASE
from zhifa.cases.selectors import valid_credential
from zhifa.core.calendar.periods import Period
from zhifa.core.errors import InvalidInput
from zhifa.core.validation import validate
from zhifa.lawbase.models import Matter
from zhifa.orgs.models import Agency, Officer
from zhifa.parties.models import Party

FILING = Period(7, "WD", article=art(MARKET_PROCEDURE, 70))


@transaction.atomic
def decide_on_the_spot(
    *,
    by: Any,
    agency: Agency,
    matter: Matter,
    party: Party,
    act_date: dt.date,
    act_place: str,
    facts: str,
    officers: Iterable[Officer],
    penalty: Penalty,
    form_number: str,
    credentials_shown: bool,
    rights_told: bool,
    party_answer: str,
    decided_on: dt.date,
    paid_on_the_spot: bool = False,
    receipt_number: str = "",
) -> Case:
    """Decide, hand the numbered form over, and (where the law allows) collect the fine."""
    officers = list(dict.fromkeys(officers))
    case = Case(
        agency=agency,
        domain=matter.domain,
        region_path=agency.region.path,
        procedure=Procedure.SUMMARY,
        status=CaseStatus.DECIDED,
        number=form_number.strip(),
        title=f"{party.name}{matter.name}案",
        matter=matter,
        party=party,
        act_date=act_date,
        act_place=act_place.strip(),
        discovered_on=decided_on,
        facts=facts.strip(),
        outcome=Outcome.PENALTY,
        decided_on=decided_on,
    )
    allowed(by, HANDLE_CASE, case)
    validate(case, exclude=["number"])
    warnings = check(
        "summary.decide",
        case,
        by,
        officers=officers,
        penalty=penalty,
        form_number=form_number,
        decided_on=decided_on,
        credentials_shown=credentials_shown,
        rights_told=rights_told,
        party_answer=party_answer,
        outcome=Outcome.PENALTY,
    )
    case.save()
    for n, officer in enumerate(officers):
        credential = valid_credential(officer, case.domain_id, decided_on)
        CaseOfficer.objects.create(
            case=case,
            officer=officer,
            role=OfficerRole.LEAD if n == 0 else OfficerRole.HANDLER,
            credential_number=credential.number if credential else "",
        )
    document = issue_document(
        case, "summary_decision", number=form_number, penalty=penalty, extra={"facts": facts, "reasons": party_answer}
    )
    # The printed form must send the party to reconsideration first (LR-23).
    check("summary.document", case, by, document_text=document.html())
    Decision.objects.create(
        case=case,
        outcome=Outcome.PENALTY,
        number=form_number.strip(),
        penalty=penalty.to_json(),
        reasons=facts,
        decided_on=decided_on,
        decided_by=by,
        document=document,
    )
    Delivery.objects.create(
        case=case,
        document=document,
        method=DeliveryMethod.IN_PERSON,
        recipient=party.name,
        sent_on=decided_on,
        served_on=decided_on,
        note=_("当场交付"),
    )
    open_deadline(
        case,
        "LR-20",
        starts_on=decided_on,
        period=RECONSIDERATION_PERIOD,
        label=_("申请行政复议期限"),
        binds_party=True,
    )
    open_deadline(case, "MP-70", starts_on=decided_on, period=FILING, label=_("当场处罚报所属机关备案归档"))
    finish(
        case,
        "summary.decided",
        by=by,
        payload={"form_number": form_number, "penalty": penalty.to_json()},
        warnings=warnings,
    )
    if penalty.has_fine:
        from zhifa.cases.actions.deciding import PAYMENT_PERIOD

        open_deadline(
            case, "LP-67b", starts_on=decided_on, period=PAYMENT_PERIOD, label=_("缴纳罚款期限"), binds_party=True
        )
        Case.objects.filter(pk=case.pk).update(status=CaseStatus.EXECUTING)
        case.status = CaseStatus.EXECUTING
        if paid_on_the_spot:
            record_payment(
                case,
                by=by,
                expected_version=None,
                amount=penalty.fine or Decimal(0),
                paid_on=decided_on,
                channel=PaymentChannel.ON_THE_SPOT,
                receipt_number=receipt_number,
                collected_by=officers[0] if officers else None,
            )
    return case


@transaction.atomic
def file_summary_decision(case: Case, *, by: Any, expected_version: int | None, filed_on: dt.date) -> Case:
    """报所属行政机关备案 (第五十二条); the materials go to the file within 7 working days (MP-70)."""
    case = lock(case, expected_version)
    allowed(by, HANDLE_CASE, case)
    if case.procedure != Procedure.SUMMARY:
        # An ordinary-procedure decision is closed by the head (结案), under its own rules.
        raise InvalidInput(_("只有当场作出的行政处罚决定需要报所属行政机关备案。"), code="wrong_procedure")
    require_status(case, CaseStatus.DECIDED, CaseStatus.EXECUTING)
    if case.decided_on and filed_on < case.decided_on:
        raise InvalidInput(_("备案日期不能早于决定日期。"), fields={"filed_on": [_("早于决定日期。")]})
    filing = open_for(case, "MP-70")
    warnings = check("summary.file", case, by, filed_on=filed_on, due=filing.due if filing else None)
    meet(case, "MP-70", filed_on)
    fined = Penalty.from_json(case.decision.penalty).has_fine
    paid = not fined or case.payments.exists()
    change(case, status=CaseStatus.CLOSED if paid else case.status, closed_on=filed_on if paid else None)
    finish(case, "summary.filed", by=by, payload={"filed_on": filed_on}, warnings=warnings)
    return case
