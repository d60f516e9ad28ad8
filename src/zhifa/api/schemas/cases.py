"""Shapes of the case engine in the API. Step inputs are generated from the step forms
(`api.forms`); these are the outputs and the few inputs that are not steps."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ninja import Field, Schema


class Named(Schema):
    id: int
    name: str


class HandlerOut(Schema):
    officer_id: int
    name: str
    role: str
    credential_number: str
    active: bool


class DeadlineOut(Schema):
    id: int
    rule: str
    label: str
    citation: str
    binds_party: bool
    starts_on: dt.date
    period: str
    due: dt.date
    due_at: dt.datetime | None
    provisional: bool = Field(description="computed before the year's holiday arrangement was loaded")
    state: str
    met_on: dt.date | None
    severity: str = Field(description='"red", "yellow" or ""')


class WarningOut(Schema):
    rule: str
    message: str
    citation: str
    step: str
    raised_at: dt.datetime
    resolved: bool


class DeliveryOut(Schema):
    id: int
    method: str
    recipient: str
    sent_on: dt.date
    served_on: dt.date | None
    opened_at: dt.datetime | None
    refused: bool
    link: str | None = Field(description="electronic service: the link to send to the party")


class DocumentOut(Schema):
    id: int
    code: str
    title: str
    number: str
    issued_on: dt.date
    sha256: str = Field(description="SHA-256 of the PDF once rendered; of the issued HTML before")
    rendered: bool = Field(description="whether the PDF (signed, for a decision) has been rendered yet")
    signed: bool
    void: bool
    file_url: str
    verify_url: str
    deliveries: list[DeliveryOut]


class StepOptionOut(Schema):
    code: str
    label: str
    allowed: bool
    reasons: list[str] = Field(description="why the step is not possible now (rule id：message)")
    endpoint: str


class EventOut(Schema):
    seq: int
    kind: str
    label: str
    at: dt.datetime
    actor: str
    payload: dict[str, Any]
    rules: list[str]


class CaseSummaryOut(Schema):
    id: int
    number: str
    case_code: str
    title: str
    status: str
    status_label: str
    procedure: str
    agency: Named
    party: Named
    matter: Named
    next_deadline: DeadlineOut | None
    version: int


class CaseOut(CaseSummaryOut):
    act_date: dt.date
    act_end_date: dt.date | None
    act_place: str
    discovered_on: dt.date
    facts: str
    registered_on: dt.date | None
    outcome: str
    decided_on: dt.date | None
    closed_on: dt.date | None
    archived_on: dt.date | None
    extension_days: int
    is_major: bool
    is_complex: bool
    handlers: list[HandlerOut]
    participants: list[Named]
    deadlines: list[DeadlineOut]
    warnings: list[WarningOut]
    documents: list[DocumentOut]
    next_steps: list[StepOptionOut]


class CaseStateOut(Schema):
    moment: dt.datetime
    existed: bool
    state: dict[str, Any] | None
    events: list[EventOut]
    document_ids: list[int]


class LeadOut(Schema):
    id: int
    agency: Named
    source: str
    received_on: dt.date
    summary: str
    party: Named | None
    matter: Named | None
    reporter: str
    status: str
    decide_by: dt.date = Field(
        description="MP-18: the filing decision is due within 15 working days, plus an approved extension"
    )
    decide_by_provisional: bool = Field(
        description="decide_by falls in a year whose holiday arrangement is not loaded yet: an estimate (DC-6)"
    )
    extension_days: int = Field(description="MP-18: working days added by the head's approval (at most 15)")
    extension_reason: str
    extended_on: dt.date | None
    case_id: int | None
    version: int
