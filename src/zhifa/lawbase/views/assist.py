"""The discretion calculator of a matter: tick the facts, see the row, the range and why."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from zhifa.core.scoping import fetch_for
from zhifa.lawbase.assist.discretion import advise
from zhifa.lawbase.assist.forms import FactsForm
from zhifa.lawbase.models import Matter
from zhifa.lawbase.permissions import VIEW_LAWBASE
from zhifa.orgs.selectors import officer_of


@login_required
def discretion_page(request: HttpRequest, code: str) -> HttpResponse:
    matter = fetch_for(Matter, request.user, VIEW_LAWBASE, code=code)
    form = FactsForm(request.GET or None)
    advice = None
    if form.is_valid():
        officer = officer_of(request.user)
        advice = advise(matter, form.facts(officer.agency.region.path if officer else None))
    return TemplateResponse(request, "lawbase/discretion.html", {"matter": matter, "form": form, "advice": advice})
