"""Transfer to the competent agency, and referral of suspected crimes (行刑衔接)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhifa.cases.actions.common import allowed, change, check, finish, lock
from zhifa.cases.actions.deadlines import meet, open_deadline
from zhifa.cases.actions.documents import issue_document
from zhifa.cases.actions.numbering import next_number
from zhifa.cases.choices import OPEN_STATUSES, CaseStatus, LeadSource
from zhifa.cases.citations import REFERRAL_RULES, art
from zhifa.cases.models import Case, CaseParticipant, CriminalReferral, Lead, Transfer
from zhifa.cases.permissions import APPROVE_CASE, HANDLE_CASE
from zhifa.core.calendar.periods import Period
from zhifa.core.errors import InvalidInput
from zhifa.orgs.models import Agency, Officer

HEAD_DECISION = Period(3, "d", article=art(REFERRAL_RULES, 5))
POLICE_TRANSFER = Period(24, "h", article=art(REFERRAL_RULES, 5))
POLICE_FOLLOW_UP = Period(3, "d", article=art(REFERRAL_RULES, 9))
DECIDED_STATUSES = (CaseStatus.DECIDED, CaseStatus.EXECUTING)


@transaction.atomic
def transfer_case(
    case: Case, *, by: Any, expected_version: int | None, to_agency: Agency, reason: str, transferred_on: dt.date
) -> Transfer:
    """移送管辖: the receiving agency gets a lead with the case's record; this case ends here."""
    case = lock(case, expected_version)
    allowed(by, APPROVE_CASE, case)
    if case.status not in OPEN_STATUSES:
        raise InvalidInput(_("案件已办结，不能移送。"), code="wrong_stage")
    if to_agency.pk == case.agency_id or not reason.strip():
        raise InvalidInput(_("请选择其他有管辖权的机关并写明移送理由。"), fields={"reason": [_("必填。")]})
    lead = Lead.objects.create(
        agency=to_agency,
        source=LeadSource.REFERRAL,
        received_on=transferred_on,
        party=case.party,
        matter=case.matter,
        summary=_("%(agency)s移送：%(title)s。%(reason)s")
        % {"agency": case.agency, "title": case.title, "reason": reason},
        reporter=str(case.agency),
        received_by=by,
    )
    transfer = Transfer.objects.create(
        case=case, to_agency=to_agency, reason=reason.strip(), transferred_on=transferred_on
    )
    number = next_number(case.agency, transferred_on.year, "transfer")
    document = issue_document(
        case,
        "case_transfer_letter",
        number=number,
        extra={
            "transfer": {"to_agency": str(to_agency), "reason": reason.strip(), "transferred_on": transferred_on},
        },
    )
    change(case, status=CaseStatus.TRANSFERRED)
    finish(
        case,
        "transferred",
        by=by,
        payload={"to": str(to_agency), "lead": lead.pk, "reason": reason, "number": number, "document": document.pk},
    )
    return transfer


@transaction.atomic
def add_participant(
    case: Case, *, by: Any, agency: Agency, duty: str = "", expected_version: int | None = None
) -> CaseParticipant:
    """A joint case (联合办案): the lead agency (主办) adds an assisting agency (协办), which then
    sees the case and may help; the lead agency keeps the case and decides it."""
    case = lock(case, expected_version)
    allowed(by, APPROVE_CASE, case)
    if case.status not in OPEN_STATUSES:
        raise InvalidInput(_("案件已办结，不能增加协办机关。"), code="wrong_stage")
    if agency.pk == case.agency_id:
        message = _("主办机关不能同时是协办机关。")
        raise InvalidInput(message, fields={"agency": [message]})
    if case.participants.filter(agency=agency).exists():
        message = _("%(agency)s已是本案的协办机关。") % {"agency": agency}
        raise InvalidInput(message, fields={"agency": [message]})
    participant = CaseParticipant.objects.create(case=case, agency=agency, duty=duty.strip())
    change(case)
    finish(case, "participant.added", by=by, payload={"agency": str(agency), "duty": duty.strip()})
    return participant


@transaction.atomic
def refer_crime(
    case: Case,
    *,
    by: Any,
    expected_version: int | None,
    suspected_offence: str,
    reported_on: dt.date,
    task_group: Iterable[Officer],
    attachments: list[str],
) -> CriminalReferral:
    """A task group reports a suspected crime; the principal head decides within 3 days (TR-5)."""
    case = lock(case, expected_version)
    allowed(by, HANDLE_CASE, case)
    group = list(task_group)
    warnings = check("case.refer_crime", case, by, task_group=group, attachments=attachments)
    referral = CriminalReferral.objects.create(
        case=case, suspected_offence=suspected_offence.strip(), reported_on=reported_on, attachments=attachments
    )
    referral.task_group.set(group)
    change(case, suspected_crime=True)
    open_deadline(case, "TR-5", starts_on=reported_on, period=HEAD_DECISION, label=_("正职负责人决定是否移送"))
    finish(
        case,
        "crime.reported",
        by=by,
        payload={"offence": suspected_offence, "attachments": attachments},
        warnings=warnings,
    )
    return referral


@transaction.atomic
def decide_referral(
    case: Case, *, by: Any, expected_version: int | None, approved: bool, refusal_reason: str = ""
) -> CriminalReferral:
    case = lock(case, expected_version)
    allowed(by, APPROVE_CASE, case)
    referral = CriminalReferral.objects.select_for_update().get(case=case)
    if referral.approved is not None:
        raise InvalidInput(_("已作出是否移送的决定。"), code="wrong_stage")
    if not approved and not refusal_reason.strip():
        raise InvalidInput(_("不批准移送的，须记录理由。"), fields={"refusal_reason": [_("必填。")]})
    now = timezone.now()
    CriminalReferral.objects.filter(pk=referral.pk).update(
        head_decided_at=now, approved=approved, refusal_reason=refusal_reason.strip()
    )
    meet(case, "TR-5", timezone.localdate())
    if approved:
        open_deadline(
            case,
            "TR-5",
            starts_on=timezone.localdate(),
            starts_at=now,
            period=POLICE_TRANSFER,
            label=_("批准后 24 小时内移送公安机关"),
        )
    else:
        change(case, suspected_crime=False)
    change(case)
    finish(case, "crime.decided", by=by, payload={"approved": approved, "reason": refusal_reason})
    referral.refresh_from_db()
    return referral


@transaction.atomic
def transfer_to_police(
    case: Case, *, by: Any, expected_version: int | None, police: str, party_notified_on: dt.date | None
) -> CriminalReferral:
    case = lock(case, expected_version)
    allowed(by, HANDLE_CASE, case)
    referral = CriminalReferral.objects.select_for_update().get(case=case)
    if referral.approved is not True:
        raise InvalidInput(_("移送须经正职负责人批准。"), code="wrong_stage")
    warnings = check("case.transfer_to_police", case, by, police=police, party_notified_on=party_notified_on)
    now = timezone.now()
    number = next_number(case.agency, timezone.localdate().year, "referral")
    issue_document(
        case, "criminal_referral", number=number, extra={"crime": {"suspected_offence": referral.suspected_offence}}
    )
    CriminalReferral.objects.filter(pk=referral.pk).update(
        transferred_at=now, police=police.strip(), party_notified_on=party_notified_on
    )
    meet(case, "TR-5", timezone.localdate())
    change(case, status=CaseStatus.REFERRED)
    finish(case, "crime.transferred", by=by, payload={"police": police, "number": number}, warnings=warnings)
    referral.refresh_from_db()
    return referral


@transaction.atomic
def record_police_response(
    case: Case, *, by: Any, expected_version: int | None, response: str, responded_on: dt.date
) -> CriminalReferral:
    """Police filed the case (hand over items within 3 days) or refused (ask them to reconsider
    within 3 days, and handle the case administratively) (TR-12)."""
    case = lock(case, expected_version)
    allowed(by, HANDLE_CASE, case)
    if response not in {"filed", "refused"}:
        raise InvalidInput(_("请选择公安机关已立案或不予立案。"), fields={"response": []})
    referral = CriminalReferral.objects.select_for_update().get(case=case)
    CriminalReferral.objects.filter(pk=referral.pk).update(police_response=response, police_response_on=responded_on)
    label = _("移交涉案物品和材料") if response == "filed" else _("可以提请公安机关复议")
    open_deadline(case, "TR-12", starts_on=responded_on, period=POLICE_FOLLOW_UP, label=label)
    if response == "refused":
        change(case, status=_status_to_resume(case))
    else:
        change(case)
    finish(case, "crime.police_responded", by=by, payload={"response": response, "on": responded_on})
    referral.refresh_from_db()
    return referral


def _status_to_resume(case: Case) -> str:
    """Where the agency takes the case up again after the police refuse to file (移送规定 第十三条):
    a case already decided goes back to where it stood before the transfer (decided or executing:
    the penalty stands, and a second one would fine the act twice); any other goes back to
    investigation, to be handled and penalised where due."""
    if case.decided_on is None:
        return CaseStatus.INVESTIGATING
    transferred = case.events.filter(kind="crime.transferred").order_by("-seq").first()
    before = case.events.filter(seq__lt=transferred.seq).order_by("-seq").first() if transferred else None
    status = (before.state or {}).get("status") if before else None
    return status if status in DECIDED_STATUSES else CaseStatus.DECIDED
