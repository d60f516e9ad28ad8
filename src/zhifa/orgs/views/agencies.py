"""Browsing the org tree within one's jurisdiction."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from zhifa.orgs import permissions as perms
from zhifa.orgs.forms import AgencySearchForm
from zhifa.orgs.models import Agency, Officer, Team
from zhifa.orgs.selectors import region_full_name


@login_required
def agency_list(request: HttpRequest) -> HttpResponse:
    form = AgencySearchForm(request.GET or None)
    agencies = Agency.objects.restrict(request.user, perms.VIEW_AGENCY).select_related("region", "domain")
    if form.is_valid() and form.cleaned_data["q"]:
        agencies = agencies.filter(name__contains=form.cleaned_data["q"])
    page = Paginator(agencies.order_by("region__path", "name"), 50).get_page(request.GET.get("page"))
    return TemplateResponse(request, "orgs/agency_list.html", {"form": form, "page": page})


@login_required
def agency_detail(request: HttpRequest, pk: int) -> HttpResponse:
    agency = (
        Agency.objects.restrict(request.user, perms.VIEW_AGENCY)
        .select_related("region", "domain", "entrusted_by")
        .filter(pk=pk)
        .first()
    )
    if agency is None:
        raise Http404
    teams = Team.objects.restrict(request.user, perms.VIEW_TEAM).filter(agency=agency)
    officers = (
        Officer.objects.restrict(request.user, perms.VIEW_OFFICER)
        .filter(agency=agency, is_active=True)
        .select_related("user", "team")
        .prefetch_related("credentials", "role_grants")
        .order_by("team__name", "user__full_name")[:500]
    )
    context = {
        "agency": agency,
        "region_name": region_full_name(agency.region),
        "teams": teams,
        "officers": officers,
        "can_change": request.user.has_perm(perms.CHANGE_AGENCY, agency),
    }
    return TemplateResponse(request, "orgs/agency_detail.html", context)
