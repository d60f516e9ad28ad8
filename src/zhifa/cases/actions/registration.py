"""Leads and registration (立案)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zhifa.cases.actions.common import allowed, change, check, finish, lock, require_status
from zhifa.cases.actions.deadlines import due_or_estimate, meet, open_deadline
from zhifa.cases.actions.documents import issue_document
from zhifa.cases.actions.numbering import next_number
from zhifa.cases.choices import CaseStatus, LeadStatus, OfficerRole, Procedure
from zhifa.cases.citations import PENALTY_LAW, art
from zhifa.cases.models import Case, CaseOfficer, Lead
from zhifa.cases.permissions import APPROVE_CASE, HANDLE_CASE, RECEIVE_LEAD
from zhifa.cases.rules import REGISTRY
from zhifa.cases.rules.a_jurisdiction import FILING_DECISION, FILING_EXTENSION_DAYS, filing_decision_due
from zhifa.cases.selectors import valid_credential
from zhifa.core.calendar.periods import Calendar, Period
from zhifa.core.errors import InvalidInput, RuleViolation
from zhifa.core.locking import update_versioned
from zhifa.core.validation import validate
from zhifa.lawbase.models import Matter
from zhifa.orgs.events import audit
from zhifa.orgs.models import Agency, Officer, Region
from zhifa.parties.models import Party

TIME_LIMIT = Period(90, "d", article=art(PENALTY_LAW, 60))


@transaction.atomic
def receive_lead(
    *,
    by: Any,
    agency: Agency,
    source: str,
    received_on: dt.date,
    summary: str,
    party: Party | None = None,
    matter: Matter | None = None,
    reporter: str = "",
) -> Lead:
    """Register a lead; the 15-working-day clock for the filing decision starts (MP-18)."""
    lead = Lead(
        agency=agency,
        source=source,
        received_on=received_on,
        summary=summary.strip(),
        party=party,
        matter=matter,
        reporter=reporter.strip(),
        received_by=by,
    )
    allowed(by, RECEIVE_LEAD, lead)
    validate(lead, exclude=["received_by"])
    lead.save()
    from zhifa.cases.events import LEAD_RECEIVED

    audit(LEAD_RECEIVED, by=by, obj=lead, changes={"source": source, "received_on": received_on})
    return lead


def _handlers(officers: Iterable[Officer], agency: Agency) -> list[Officer]:
    chosen = list(dict.fromkeys(officers))
    foreign = [o for o in chosen if o.agency_id != agency.pk]
    if foreign:
        raise InvalidInput(_("%(name)s不是本机关的执法人员。") % {"name": foreign[0]}, fields={"handlers": []})
    return chosen


@transaction.atomic
def request_registration(
    lead: Lead,
    *,
    by: Any,
    matter: Matter,
    party: Party,
    act_date: dt.date,
    act_place: str,
    facts: str,
    handlers: Iterable[Officer],
    act_end_date: dt.date | None = None,
    act_continuing: bool = False,
    act_region: Region | None = None,
    life_health_financial: bool = False,
    harmful_consequences: bool = False,
    is_major: bool = False,
    is_complex: bool = False,
) -> Case:
    """The handler proposes a case (立案审批表); the head approves it (`approve_registration`)."""
    lead = Lead.objects.select_for_update().get(pk=lead.pk)
    if lead.status != LeadStatus.OPEN:
        raise InvalidInput(_("该线索已处理。"), code="wrong_stage")
    case = Case(
        lead=lead,
        agency=lead.agency,
        domain=matter.domain,
        region_path=lead.agency.region.path,
        procedure=Procedure.GENERAL,
        status=CaseStatus.REGISTRATION_PENDING,
        title=f"{party.name}{matter.name}案",
        matter=matter,
        party=party,
        act_date=act_date,
        act_end_date=act_end_date,
        act_continuing=act_continuing,
        act_place=act_place.strip(),
        act_region=act_region,
        discovered_on=lead.received_on,
        facts=facts.strip(),
        life_health_financial=life_health_financial,
        harmful_consequences=harmful_consequences,
        is_major=is_major,
        is_complex=is_complex,
    )
    allowed(by, HANDLE_CASE, case)
    if act_date > lead.received_on:
        raise InvalidInput(_("违法行为发生日期不能晚于发现日期。"), fields={"act_date": [_("晚于发现日期。")]})
    validate(case)
    officers = _handlers(handlers, lead.agency)
    case.save()
    for n, officer in enumerate(officers):
        credential = valid_credential(officer, case.domain_id, lead.received_on)
        CaseOfficer.objects.create(
            case=case,
            officer=officer,
            role=OfficerRole.LEAD if n == 0 else OfficerRole.HANDLER,
            credential_number=credential.number if credential else "",
        )
    warnings = check("case.request_registration", case, by)
    Lead.objects.filter(pk=lead.pk).update(status=LeadStatus.PENDING)
    finish(case, "registration.requested", by=by, payload={"handlers": [str(o) for o in officers]}, warnings=warnings)
    return case


@transaction.atomic
def approve_registration(
    case: Case, *, by: Any, expected_version: int | None, preliminary_evidence: str, registered_on: dt.date
) -> Case:
    """立案: the head approves; the case gets its number and the 90-day time limit starts (LP-60)."""
    case = lock(case, expected_version)
    allowed(by, APPROVE_CASE, case)
    require_status(case, CaseStatus.REGISTRATION_PENDING)
    warnings = check(
        "case.approve_registration", case, by, preliminary_evidence=preliminary_evidence, registered_on=registered_on
    )
    number = next_number(case.agency, registered_on.year, "case")
    change(case, status=CaseStatus.INVESTIGATING, number=number, registered_on=registered_on)
    if case.lead_id:
        Lead.objects.filter(pk=case.lead_id).update(status=LeadStatus.REGISTERED, decided_on=registered_on)
    meet(case, "MP-18", registered_on)
    open_deadline(case, "LP-60", starts_on=registered_on, period=TIME_LIMIT, label=_("办案期限（作出处理决定）"))
    issue_document(case, "registration_approval", number=number, extra={"reasons": preliminary_evidence})
    finish(
        case,
        "registered",
        by=by,
        payload={"number": number, "preliminary_evidence": preliminary_evidence},
        warnings=warnings,
    )
    return case


@transaction.atomic
def decline_registration(
    case: Case, *, by: Any, expected_version: int | None, reason: str, decided_on: dt.date
) -> Case:
    """不予立案: the head refuses a proposed case, with the reason, on a 不予立案审批表 (市监程序 第二十条)."""
    case = lock(case, expected_version)
    allowed(by, APPROVE_CASE, case)
    require_status(case, CaseStatus.REGISTRATION_PENDING)
    if not reason.strip():
        raise InvalidInput(_("不予立案须写明理由。"), fields={"reason": [_("必填。")]})
    change(case, status=CaseStatus.NOT_REGISTERED)
    if case.lead_id:
        Lead.objects.filter(pk=case.lead_id).update(
            status=LeadStatus.NOT_REGISTERED, decision_reason=reason.strip(), decided_on=decided_on
        )
    meet(case, "MP-18", decided_on)
    issue_document(case, "non_registration_approval", extra={"reasons": reason.strip()})
    finish(case, "registration.declined", by=by, payload={"reason": reason.strip(), "decided_on": decided_on})
    return case


@transaction.atomic
def decline_lead(lead: Lead, *, by: Any, reason: str, decided_on: dt.date) -> Lead:
    """不予立案, with the reason (市监程序 第二十条)."""
    lead = Lead.objects.select_for_update().get(pk=lead.pk)
    allowed(by, APPROVE_CASE, lead)
    if lead.status != LeadStatus.OPEN:
        raise InvalidInput(_("该线索已处理。"), code="wrong_stage")
    if not reason.strip():
        raise InvalidInput(_("不予立案须写明理由。"), fields={"reason": [_("必填。")]})
    Lead.objects.filter(pk=lead.pk).update(
        status=LeadStatus.NOT_REGISTERED, decision_reason=reason.strip(), decided_on=decided_on
    )
    from zhifa.cases.events import LEAD_DECLINED

    audit(LEAD_DECLINED, by=by, obj=lead, changes={"reason": reason.strip()})
    lead.refresh_from_db()
    return lead


@transaction.atomic
def extend_lead(lead: Lead, *, by: Any, days: int, reason: str, approved_on: dt.date) -> Lead:
    """特殊情况下，经负责人批准，可以延长十五个工作日 (市监程序 第十八条, MP-18): approved before the
    15 working days run out, once, for at most 15 working days in all."""
    lead = Lead.objects.select_for_update().get(pk=lead.pk)
    allowed(by, APPROVE_CASE, lead)
    if lead.status != LeadStatus.OPEN:
        raise InvalidInput(_("该线索已处理。"), code="wrong_stage")
    if not reason.strip():
        raise InvalidInput(_("延长核查期限须写明理由。"), fields={"reason": [_("必填。")]})
    if approved_on < lead.received_on:
        raise InvalidInput(_("批准日期不能早于发现或收到线索的日期。"), fields={"approved_on": [_("早于收到日期。")]})
    if days < 1 or lead.extension_days + days > FILING_EXTENSION_DAYS:
        _refuse_extension(
            _("经负责人批准，核查期限只能延长十五个工作日（已延长 %(done)s 个工作日）。")
            % {"done": lead.extension_days},
            field="days",
        )
    calendar = Calendar.from_db()
    # Asked of the calendar only up to the approval day: a December lead may be extended before
    # next year's holidays are loaded (DC-6).
    if calendar.after_working_days(lead.received_on, FILING_DECISION.amount + lead.extension_days, approved_on):
        due = filing_decision_due(lead, calendar)
        _refuse_extension(_("核查期限已于 %(due)s 届满，不能再批准延长。") % {"due": due}, field="approved_on")
    due = lead_deadline(lead)
    values = {
        "extension_days": lead.extension_days + days,
        "extension_reason": reason.strip(),
        "extended_on": approved_on,
    }
    update_versioned(lead, expected_version=None, values=values)
    from zhifa.cases.events import LEAD_EXTENDED

    changes = {"old": due, "new": lead_deadline(lead), "days": days, "reason": reason.strip(), "on": approved_on}
    audit(LEAD_EXTENDED, by=by, obj=lead, changes=changes)
    return lead


def _refuse_extension(message: str, *, field: str) -> None:
    rule = REGISTRY["MP-18"]
    raise RuleViolation(message, rule=rule.id, citation=rule.citation, fields={field: [message]})


def lead_deadline(lead: Lead) -> dt.date:
    """When the head must decide whether to register the lead (MP-18, with any extension)."""
    return lead_due(lead)[0]


def lead_due(lead: Lead) -> tuple[dt.date, bool]:
    """(`lead_deadline`, provisional?): a lead received in December is recorded and listed before
    next year's holidays are loaded; its day is then estimated and flagged, like a case deadline (DC-6)."""
    period = Period(FILING_DECISION.amount + lead.extension_days, "WD", article=FILING_DECISION.article)
    return due_or_estimate(period, lead.received_on, Calendar.from_db())
