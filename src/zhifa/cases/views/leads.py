"""Staff pages before a case exists: leads, the request to register one, and the on-the-spot
decision of the summary procedure."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhifa.cases import opening
from zhifa.cases.actions.registration import decline_lead, extend_lead, lead_due
from zhifa.cases.choices import LeadStatus
from zhifa.cases.models import Lead
from zhifa.cases.opening_forms import (
    DeclineLeadForm,
    ExtendLeadForm,
    LeadForm,
    OnTheSpotForm,
    RegistrationRequestForm,
)
from zhifa.cases.permissions import APPROVE_CASE, RECEIVE_LEAD, VIEW_CASE
from zhifa.cases.rules.a_jurisdiction import FILING_EXTENSION_DAYS
from zhifa.cases.selectors import own_agency
from zhifa.core.errors import DomainError
from zhifa.core.scoping import fetch_for
from zhifa.orgs.policy import principal_of


def _submit(form: Form, run: Callable[[], Any]) -> tuple[Any, DomainError | None]:
    """Run the action; a refusal goes back onto the form, field by field."""
    try:
        return run(), None
    except DomainError as problem:
        for field, problems in problem.fields.items():
            for message in problems:
                form.add_error(field if field in form.fields else None, message)
        if not problem.fields:
            form.add_error(None, problem.message)
        return None, problem


def _lead_row(lead: Lead) -> dict[str, Any]:
    due, provisional = lead_due(lead)
    return {"lead": lead, "due": due, "provisional": provisional}


@login_required
def lead_list(request: HttpRequest) -> HttpResponse:
    leads = Lead.objects.restrict(request.user, VIEW_CASE).select_related("matter", "party")
    leads = leads.filter(status=LeadStatus.OPEN).order_by("received_on", "id")[:200]
    rows = [_lead_row(lead) for lead in leads]
    return TemplateResponse(request, "cases/lead_list.html", {"rows": rows, "today": timezone.localdate()})


@login_required
def lead_new(request: HttpRequest) -> HttpResponse:
    agency = own_agency(request.user)
    form = LeadForm(
        request.POST or None,
        initial={"received_on": timezone.localdate(), "source": "inspection"},
        agency=agency,
        user=request.user,
    )
    error = None
    if request.method == "POST" and form.is_valid():
        lead, error = _submit(form, lambda: opening.open_lead(by=request.user, agency=agency, data=form.cleaned_data))
        if lead is not None:
            messages.success(request, _("线索已登记，请在期限内决定是否立案。"))
            return redirect("cases:lead_detail", pk=lead.pk)
    return TemplateResponse(
        request, "cases/lead_form.html", {"form": form, "error": error, "title": _("登记线索"), "submit": _("登记")}
    )


@login_required
def lead_detail(request: HttpRequest, pk: int) -> HttpResponse:
    lead = fetch_for(Lead, request.user, VIEW_CASE, pk=pk)
    agency = lead.agency
    action = request.POST.get("action") if request.method == "POST" else None
    register = RegistrationRequestForm(
        request.POST if action == "register" else None,
        initial=opening.lead_initial(lead),
        agency=agency,
        user=request.user,
        prefix="register",
    )
    decline = DeclineLeadForm(request.POST if action == "decline" else None, prefix="decline")
    extend = ExtendLeadForm(request.POST if action == "extend" else None, prefix="extend")
    error = None
    if action == "register" and register.is_valid():
        data = register.cleaned_data
        case, error = _submit(register, lambda: opening.request_registration(lead, by=request.user, data=data))
        if case is not None:
            messages.success(request, _("已提请立案，等待机关负责人审批。"))
            return redirect(case.get_absolute_url())
    if action == "decline" and decline.is_valid():
        data = decline.cleaned_data
        done, error = _submit(
            decline,
            lambda: decline_lead(lead, by=request.user, reason=data["reason"], decided_on=data["decided_on"]),
        )
        if done is not None:
            messages.success(request, _("已决定不予立案。"))
            return redirect("cases:lead_list")
    if action == "extend" and extend.is_valid():
        data = extend.cleaned_data
        done, error = _submit(
            extend,
            lambda: extend_lead(
                lead, by=request.user, days=data["days"], reason=data["reason"], approved_on=data["approved_on"]
            ),
        )
        if done is not None:
            messages.success(request, _("已批准延长核查期限。"))
            return redirect("cases:lead_detail", pk=lead.pk)
    due, provisional = lead_due(lead)
    context = {
        "lead": lead,
        "due": due,
        "due_provisional": provisional,
        "register": register,
        "decline": decline,
        "extend": extend,
        "error": error,
        "can_receive": fetch_allowed(request.user, lead),
        # MP-18: the head may add up to 15 working days, once the lead is found to need them.
        "can_extend": lead.extension_days < FILING_EXTENSION_DAYS and fetch_allowed(request.user, lead, APPROVE_CASE),
    }
    return TemplateResponse(request, "cases/lead_detail.html", context)


def fetch_allowed(user: Any, lead: Lead, perm: str = RECEIVE_LEAD) -> bool:
    from zhifa.orgs.policy import decide

    return decide(user, perm, lead).allowed


@login_required
def on_the_spot(request: HttpRequest) -> HttpResponse:
    agency = own_agency(request.user)
    who = principal_of(request.user)
    initial: dict[str, Any] = {"kinds": ["fine"], "credentials_shown": True}
    if who is not None and who.officer_id:
        initial["officers"] = [who.officer_id]
    form = OnTheSpotForm(request.POST or None, initial=initial, agency=agency, user=request.user)
    error = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        case, error = _submit(form, lambda: opening.decide_on_the_spot(by=request.user, agency=agency, data=data))
        if case is not None:
            messages.success(request, _("当场处罚决定已作出，请将决定书交付当事人。"))
            return redirect(case.get_absolute_url())
    return TemplateResponse(
        request,
        "cases/lead_form.html",
        {"form": form, "error": error, "title": _("当场处罚（简易程序）"), "submit": _("作出当场处罚决定")},
    )
