"""Cases, leads and their parts → output dicts, field by field."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from zhifa.cases.actions.deadlines import severity
from zhifa.cases.actions.documents import verify_url
from zhifa.cases.actions.registration import lead_due
from zhifa.cases.availability import Option
from zhifa.cases.choices import DeadlineState, DeliveryMethod
from zhifa.cases.events import STEPS
from zhifa.cases.models import Case, CaseDocument, CaseEvent, Deadline, Delivery, Lead


def _named(obj: Any) -> dict[str, Any] | None:
    return {"id": obj.pk, "name": str(getattr(obj, "name", obj))} if obj is not None else None


def deadline_out(deadline: Deadline) -> dict[str, Any]:
    return {
        "id": deadline.pk,
        "rule": deadline.rule,
        "label": deadline.label,
        "citation": deadline.citation,
        "binds_party": deadline.binds_party,
        "starts_on": deadline.starts_on,
        "period": deadline.period,
        "due": deadline.due,
        "due_at": deadline.due_at,
        "provisional": deadline.provisional,
        "state": deadline.state,
        "met_on": deadline.met_on,
        "severity": severity(deadline, timezone.localdate()),
    }


def delivery_out(delivery: Delivery) -> dict[str, Any]:
    link = None
    if delivery.method == DeliveryMethod.ELECTRONIC:
        base = getattr(settings, "ZHIFA_PUBLIC_BASE_URL", "").rstrip("/")
        link = base + reverse("cases:open_delivery", args=[delivery.token])
    return {
        "id": delivery.pk,
        "method": delivery.method,
        "recipient": delivery.recipient,
        "sent_on": delivery.sent_on,
        "served_on": delivery.served_on,
        "opened_at": delivery.opened_at,
        "refused": delivery.refused,
        "link": link,
    }


def document_out(document: CaseDocument) -> dict[str, Any]:
    return {
        "id": document.pk,
        "code": document.code,
        "title": document.title,
        "number": document.number,
        "issued_on": document.issued_on,
        "sha256": document.sha256,
        "rendered": bool(document.pdf),
        "signed": document.signed,
        "void": document.void,
        "file_url": reverse("cases:document_file", args=[document.case_id, document.pk]),
        "verify_url": verify_url(document),
        "deliveries": [delivery_out(d) for d in document.deliveries.all()],
    }


def event_out(event: CaseEvent) -> dict[str, Any]:
    kind = STEPS.get(event.kind)
    return {
        "seq": event.seq,
        "kind": event.kind,
        "label": str(kind.label) if kind else event.kind,
        "at": event.at,
        "actor": event.actor_name,
        "payload": event.payload,
        "rules": event.rules,
    }


def option_out(case: Case, option: Option) -> dict[str, Any]:
    return {
        "code": option.code,
        "label": str(option.step.label),
        "allowed": option.allowed,
        "reasons": option.reasons,
        "endpoint": f"/api/v1/cases/{case.pk}/{option.code}",
    }


def case_summary_out(case: Case) -> dict[str, Any]:
    upcoming = case.deadlines.filter(state=DeadlineState.OPEN).order_by("due").first()
    return {
        "id": case.pk,
        "number": case.number,
        "case_code": case.case_code,
        "title": case.title,
        "status": case.status,
        "status_label": case.get_status_display(),
        "procedure": case.procedure,
        "agency": _named(case.agency),
        "party": _named(case.party),
        "matter": _named(case.matter),
        "next_deadline": deadline_out(upcoming) if upcoming else None,
        "version": case.version,
    }


def case_out(case: Case, options: list[Option]) -> dict[str, Any]:
    return {
        **case_summary_out(case),
        "act_date": case.act_date,
        "act_end_date": case.act_end_date,
        "act_place": case.act_place,
        "discovered_on": case.discovered_on,
        "facts": case.facts,
        "registered_on": case.registered_on,
        "outcome": case.outcome,
        "decided_on": case.decided_on,
        "closed_on": case.closed_on,
        "archived_on": case.archived_on,
        "extension_days": case.extension_days,
        "is_major": case.is_major,
        "is_complex": case.is_complex,
        "handlers": [
            {
                "officer_id": h.officer_id,
                "name": str(h.officer),
                "role": h.role,
                "credential_number": h.credential_number,
                "active": h.active,
            }
            for h in case.handlers.select_related("officer__user").order_by("id")
        ],
        "participants": [_named(p.agency) for p in case.participants.select_related("agency")],
        "deadlines": [deadline_out(d) for d in case.deadlines.exclude(state=DeadlineState.CANCELLED)],
        "warnings": [
            {
                "rule": w.rule,
                "message": w.message,
                "citation": w.citation,
                "step": w.step,
                "raised_at": w.raised_at,
                "resolved": w.resolved,
            }
            for w in case.warnings.all()
        ],
        "documents": [document_out(d) for d in case.documents.order_by("id").prefetch_related("deliveries")],
        "next_steps": [option_out(case, o) for o in options],
    }


def lead_out(lead: Lead) -> dict[str, Any]:
    case = getattr(lead, "case", None)
    decide_by, provisional = lead_due(lead)
    return {
        "id": lead.pk,
        "agency": _named(lead.agency),
        "source": lead.source,
        "received_on": lead.received_on,
        "summary": lead.summary,
        "party": _named(lead.party),
        "matter": _named(lead.matter),
        "reporter": lead.reporter,
        "status": lead.status,
        "decide_by": decide_by,
        "decide_by_provisional": provisional,
        "extension_days": lead.extension_days,
        "extension_reason": lead.extension_reason,
        "extended_on": lead.extended_on,
        "case_id": case.pk if case else None,
        "version": lead.version,
    }
