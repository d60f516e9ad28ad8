"""The case engine (执法办案): leads, the on-the-spot decision, cases, and one endpoint per step.

Each step endpoint is generated from the step registry (`cases.steps`): its input schema from the
step's form, its checks those of the step's action, so the API and the staff pages cannot drift.
(No `from __future__ import annotations` here: the generated endpoints carry real annotations.)
"""

import datetime as dt
from typing import Any

from django.http import FileResponse, HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from zhifa.api import case_presenters as present
from zhifa.api.forms import form_data, schema_from_form, validated
from zhifa.api.pagination import keyset_page
from zhifa.api.routers.orgs import ERRORS
from zhifa.api.schemas.cases import CaseOut, CaseStateOut, EventOut, LeadOut
from zhifa.cases import case_file, opening
from zhifa.cases.actions.registration import decline_lead, extend_lead
from zhifa.cases.availability import options
from zhifa.cases.choices import OPEN_STATUSES
from zhifa.cases.models import Case, Lead
from zhifa.cases.opening_forms import (
    DeclineLeadForm,
    ExtendLeadForm,
    LeadForm,
    OnTheSpotForm,
    RegistrationRequestForm,
)
from zhifa.cases.permissions import VIEW_CASE
from zhifa.cases.selectors import own_agency
from zhifa.cases.steps import STEPS, Step
from zhifa.cases.timeline import state_at
from zhifa.core.errors import InvalidInput
from zhifa.core.scoping import fetch_for

router = Router(tags=["cases"])

LeadIn = schema_from_form(LeadForm, "LeadIn")
RegistrationRequestIn = schema_from_form(RegistrationRequestForm, "RegistrationRequestIn")
DeclineLeadIn = schema_from_form(DeclineLeadForm, "DeclineLeadIn")
ExtendLeadIn = schema_from_form(ExtendLeadForm, "ExtendLeadIn")
OnTheSpotIn = schema_from_form(OnTheSpotForm, "OnTheSpotIn")


def _case(request: HttpRequest, case_id: int) -> Case:
    return fetch_for(Case, request.user, VIEW_CASE, pk=case_id)


def _case_out(request: HttpRequest, case_id: int) -> dict[str, Any]:
    case = fetch_for(Case, request.user, VIEW_CASE, pk=case_id)
    return present.case_out(case, options(case, request.user))


# --- leads -------------------------------------------------------------------------------------


class LeadFilter(Schema):
    status: str | None = None
    after: int | None = None
    limit: int = 50


@router.get("/leads", response={200: dict[str, Any], **ERRORS}, summary="Leads (线索) of my jurisdiction")
def list_leads(request: HttpRequest, filters: Query[LeadFilter]) -> dict[str, Any]:
    leads = Lead.objects.restrict(request.user, VIEW_CASE).select_related("agency", "party", "matter")
    if filters.status:
        leads = leads.filter(status=filters.status)
    return keyset_page(leads, after=filters.after, limit=filters.limit, serialize=present.lead_out)


@router.post("/leads", response={201: LeadOut, **ERRORS}, summary="Register a lead (MP-18 clock starts)")
def create_lead(request: HttpRequest, payload: LeadIn) -> Status[dict[str, Any]]:  # type: ignore[valid-type]
    agency = own_agency(request.user)
    data = validated(LeadForm(form_data(payload), agency=agency, user=request.user))
    lead = opening.open_lead(by=request.user, agency=agency, data=data)
    return Status(201, present.lead_out(lead))


@router.get("/leads/{lead_id}", response={200: LeadOut, **ERRORS})
def get_lead(request: HttpRequest, lead_id: int) -> dict[str, Any]:
    return present.lead_out(fetch_for(Lead, request.user, VIEW_CASE, pk=lead_id))


@router.post(
    "/leads/{lead_id}/registration",
    response={201: CaseOut, **ERRORS},
    summary="Propose registering the lead as a case (立案审批); a new party may be registered with it",
)
def request_registration(
    request: HttpRequest,
    lead_id: int,
    payload: RegistrationRequestIn,  # type: ignore[valid-type]
) -> Status[dict[str, Any]]:
    lead = fetch_for(Lead, request.user, VIEW_CASE, pk=lead_id)
    form = RegistrationRequestForm(form_data(payload), agency=lead.agency, user=request.user)
    case = opening.request_registration(lead, by=request.user, data=validated(form))
    return Status(201, _case_out(request, case.pk))


@router.post("/leads/{lead_id}/decline", response={200: LeadOut, **ERRORS}, summary="Decide not to register (不予立案)")
def decline(request: HttpRequest, lead_id: int, payload: DeclineLeadIn) -> dict[str, Any]:  # type: ignore[valid-type]
    lead = fetch_for(Lead, request.user, VIEW_CASE, pk=lead_id)
    data = validated(DeclineLeadForm(form_data(payload)))
    decline_lead(lead, by=request.user, reason=data["reason"], decided_on=data["decided_on"])
    return present.lead_out(fetch_for(Lead, request.user, VIEW_CASE, pk=lead.pk))


@router.post(
    "/leads/{lead_id}/extend",
    response={200: LeadOut, **ERRORS},
    summary="Extend the filing decision by up to 15 working days (MP-18, 市监程序 第十八条)",
)
def extend(request: HttpRequest, lead_id: int, payload: ExtendLeadIn) -> dict[str, Any]:  # type: ignore[valid-type]
    lead = fetch_for(Lead, request.user, VIEW_CASE, pk=lead_id)
    data = validated(ExtendLeadForm(form_data(payload)))
    extend_lead(lead, by=request.user, days=data["days"], reason=data["reason"], approved_on=data["approved_on"])
    return present.lead_out(fetch_for(Lead, request.user, VIEW_CASE, pk=lead.pk))


# --- cases -------------------------------------------------------------------------------------


class CaseFilter(Schema):
    status: str | None = None
    open: bool | None = None
    q: str | None = None
    after: int | None = None
    limit: int = 50


@router.get("/cases", response={200: dict[str, Any], **ERRORS}, summary="Cases of my jurisdiction")
def list_cases(request: HttpRequest, filters: Query[CaseFilter]) -> dict[str, Any]:
    cases = Case.objects.restrict(request.user, VIEW_CASE).select_related("agency", "party", "matter")
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.open:
        cases = cases.filter(status__in=OPEN_STATUSES)
    if filters.q:
        cases = cases.filter(number__contains=filters.q) | cases.filter(title__contains=filters.q)
    return keyset_page(cases, after=filters.after, limit=filters.limit, serialize=present.case_summary_out)


@router.post(
    "/cases/on-the-spot",
    response={201: CaseOut, **ERRORS},
    summary="Decide on the spot (简易程序, 行政处罚法 第五十一、五十二条)",
)
def on_the_spot(request: HttpRequest, payload: OnTheSpotIn) -> Status[dict[str, Any]]:  # type: ignore[valid-type]
    agency = own_agency(request.user)
    data = validated(OnTheSpotForm(form_data(payload), agency=agency, user=request.user))
    case = opening.decide_on_the_spot(by=request.user, agency=agency, data=data)
    return Status(201, _case_out(request, case.pk))


@router.get("/cases/{case_id}", response={200: CaseOut, **ERRORS}, summary="A case, with its next steps")
def get_case(request: HttpRequest, case_id: int) -> dict[str, Any]:
    return _case_out(request, _case(request, case_id).pk)


@router.get("/cases/{case_id}/timeline", response={200: list[EventOut], **ERRORS})
def timeline(request: HttpRequest, case_id: int) -> list[dict[str, Any]]:
    case = _case(request, case_id)
    return [present.event_out(e) for e in case.events.order_by("seq")]


@router.get(
    "/cases/{case_id}/state",
    response={200: CaseStateOut, **ERRORS},
    summary="The case as it stood at a past moment, replayed from its events",
)
def state(request: HttpRequest, case_id: int, at: dt.datetime | None = None) -> dict[str, Any]:
    case = _case(request, case_id)
    moment = at or timezone.now()
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    replay = state_at(case, moment)
    return {
        "moment": moment,
        "existed": replay.existed,
        "state": replay.state,
        "events": [present.event_out(e) for e in replay.events],
        "document_ids": [d.pk for d in replay.documents],
    }


@router.get(
    "/cases/{case_id}/case-file",
    response={200: None, **ERRORS},
    summary="The electronic case file of an archived case (电子案卷): a zip of every document PDF and a manifest "
    "with each file's SHA-256; 409 case_file_pending while the worker builds it, case_file_failed if it failed",
)
def download_case_file(request: HttpRequest, case_id: int) -> FileResponse:
    return case_file.as_download(case_file.stored(_case(request, case_id)))


def _step_endpoint(step: Step) -> None:
    schema = schema_from_form(step.form, "".join(p.title() for p in step.code.split("_")) + "In")

    def take_step(request: HttpRequest, case_id: int, payload: schema) -> dict[str, Any]:  # type: ignore[valid-type]
        case = _case(request, case_id)
        if payload.version is None:  # type: ignore[attr-defined]
            raise InvalidInput(
                _("请提供案件的版本号（version），即您读取案件时看到的版本。"),
                code="version_required",
                fields={"version": [_("必填。")]},
            )
        form = step.form(form_data(payload), case=case, user=request.user)
        step.run(case, request.user, validated(form))
        return _case_out(request, case.pk)

    router.add_api_operation(
        f"/cases/{{case_id}}/{step.code}",
        ["POST"],
        take_step,
        response={200: CaseOut, **ERRORS},
        summary=str(step.label),
        operation_id=f"case_{step.code}",
    )


for _step in STEPS:
    _step_endpoint(_step)
