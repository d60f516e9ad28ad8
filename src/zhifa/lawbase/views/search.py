"""在线找法 for staff: one box for a described behaviour or a cited article, ranked results."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from zhifa.lawbase.assist.suggest import suggest
from zhifa.lawbase.choices import LawLevel
from zhifa.lawbase.models import SearchKind
from zhifa.lawbase.search.query import Filters, search

PAGE = 30
SUGGESTIONS = 3


@login_required
def search_page(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:200]
    kind = request.GET.get("kind", "")
    level = request.GET.get("level", "")
    in_force = request.GET.get("in_force") == "1"
    filters = Filters(
        kinds=(kind,) if kind in SearchKind.values else (),
        level=level if level in LawLevel.values else "",
        in_force=True if in_force else None,
    )
    context = {
        "q": q,
        "kind": kind,
        "level": level,
        "in_force": in_force,
        "kinds": SearchKind.choices,
        "levels": LawLevel.choices,
        "hits": search(q, filters=filters, limit=PAGE) if q else [],
        # What an officer on the street wants first: the matter, its articles and the fine range.
        "candidates": suggest(q, domain="", limit=SUGGESTIONS) if q and not kind else [],
    }
    return TemplateResponse(request, "lawbase/search.html", context)
