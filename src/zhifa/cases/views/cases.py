"""Staff pages of the case engine: my cases by the nearest deadline, the case page, the steps."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from zhifa.cases import case_file
from zhifa.cases.actions.deadlines import severity
from zhifa.cases.availability import options, undelivered, waiting_reason
from zhifa.cases.forms import AgencyPicker, agency_fields, other_agencies, with_chosen
from zhifa.cases.models import Case
from zhifa.cases.permissions import VIEW_CASE
from zhifa.cases.selectors import case_page_data, my_cases
from zhifa.cases.steps import BY_CODE
from zhifa.cases.views.document_files import officer_document_response
from zhifa.core.errors import DomainError
from zhifa.core.scoping import fetch_for
from zhifa.orgs.selectors import agencies_near


@login_required
def case_list(request: HttpRequest) -> HttpResponse:
    everything = request.GET.get("all") == "1"
    rows = my_cases(
        request.user,
        query=request.GET.get("q", "").strip(),
        status=request.GET.get("status", ""),
        everything=everything,
    )
    context = {"rows": rows, "q": request.GET.get("q", ""), "everything": everything}
    return TemplateResponse(request, "cases/case_list.html", context)


@login_required
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = fetch_for(Case, request.user, VIEW_CASE, pk=pk)
    data = case_page_data(case)
    today = timezone.localdate()
    data["deadlines"] = [(d, severity(d, today)) for d in data["deadlines"]]
    context = {
        "case": case,
        "options": options(case, request.user),
        "undelivered": undelivered(case),
        "waiting": waiting_reason(case),
        **data,
    }
    return TemplateResponse(request, "cases/case_detail.html", context)


def _initial(case: Case, step: Any, request: HttpRequest) -> dict[str, Any]:
    initial = step.initial(case)
    for key in ("document", "statement"):
        if request.GET.get(key):
            initial[key] = request.GET[key]
    return initial


@login_required
def case_step(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    case = fetch_for(Case, request.user, VIEW_CASE, pk=pk)
    chosen = BY_CODE.get(step)
    if chosen is None:
        raise Http404
    form = chosen.form(request.POST or None, initial=_initial(case, chosen, request), case=case, user=request.user)
    error: DomainError | None = None
    if request.method == "POST" and form.is_valid():
        try:
            chosen.run(case, request.user, form.cleaned_data)
        except DomainError as problem:
            error = problem
            for field, messages_ in problem.fields.items():
                for message in messages_:
                    form.add_error(field if field in form.fields else None, message)
        else:
            messages.success(request, _("“%(step)s”已完成。") % {"step": chosen.label})
            return redirect(case.get_absolute_url())
    return TemplateResponse(
        request, "cases/case_step.html", {"case": case, "step": chosen, "form": form, "error": error}
    )


@login_required
def document_file(request: HttpRequest, pk: int, document_id: int) -> HttpResponse | FileResponse:
    case = fetch_for(Case, request.user, VIEW_CASE, pk=pk)
    document = case.documents.filter(pk=document_id).first()
    if document is None:
        raise Http404
    return officer_document_response(request, document)


@login_required
def case_file_download(request: HttpRequest, pk: int) -> FileResponse:
    return case_file.as_download(case_file.stored(fetch_for(Case, request.user, VIEW_CASE, pk=pk)))


@login_required
def agency_choices(request: HttpRequest, pk: int) -> HttpResponse:
    """The picker's search: agencies whose name contains the text typed, the nearest first."""
    case = fetch_for(Case, request.user, VIEW_CASE, pk=pk)
    field = request.GET.get("field", "")
    if field not in agency_fields():
        raise Http404
    text = request.GET.get(f"{field}_search", "")[:60]
    among = other_agencies(case)
    agencies = agencies_near(case.region_path, among=among, name=text, limit=AgencyPicker.SHOWN)
    selected = with_chosen(agencies, among, request.GET.get(field))
    context = {"name": field, "agencies": agencies, "selected": selected}
    return TemplateResponse(request, "cases/widgets/agency_choices.html", context)
