"""在线找法 for staff: one box for a described behaviour or a cited article, ranked results."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from zhifa.lawbase.assist.suggest import suggest
from zhifa.lawbase.choices import LawLevel
from zhifa.lawbase.models import SearchKind
from zhifa.lawbase.search.query import Filters, search
from zhifa.lawbase.selectors import region_path_of, search_filter_choices

PAGE = 30
SUGGESTIONS = 3


IN_FORCE_CHOICES = (("1", _("现行有效")), ("0", _("已废止或失效")))


def search_filters(params: QueryDict, *, kinds: tuple[str, ...] = ()) -> tuple[Filters, dict[str, Any]]:
    """The filters a search page's query string asks for (law level, in force or not, domain, region),
    and what the form shows: the choices and the values to keep selected."""
    level = params.get("level", "")
    in_force = params.get("in_force", "")
    domain = params.get("domain", "")[:40]
    region = params.get("region", "")[:12]
    region_path = region_path_of(region)
    region = region if region_path else ""  # an unknown code filters nothing
    choices = search_filter_choices(domain=domain, region=region)
    filters = Filters(
        kinds=kinds,
        level=level if level in LawLevel.values else "",
        in_force={"1": True, "0": False}.get(in_force),
        domain=domain,
        region_path=region_path,
    )
    context = {
        "level": filters.level,
        "in_force": in_force if filters.in_force is not None else "",
        "domain": domain,
        "region": region,
        "levels": LawLevel.choices,
        "in_force_choices": IN_FORCE_CHOICES,
        **choices,
    }
    return filters, context


@login_required
def search_page(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("kind", "")
    filters, form = search_filters(request.GET, kinds=(kind,) if kind in SearchKind.values else ())
    context = {
        "q": q,
        "kind": kind,
        "kinds": SearchKind.choices,
        **form,
        "hits": search(q, filters=filters, limit=PAGE) if q else [],
        # What an officer on the street wants first: the matter, its articles and the fine range.
        "candidates": suggest(q, domain=filters.domain, limit=SUGGESTIONS) if q and not kind else [],
    }
    return TemplateResponse(request, "lawbase/search.html", context)
