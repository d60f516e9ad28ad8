"""在线找法 for the public: laws and articles only, no sign-in, nothing about cases or officers."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse

from zhifa.lawbase.models import Law, SearchKind
from zhifa.lawbase.search.query import Hit, search
from zhifa.lawbase.selectors import penalties_of, public_articles, public_law
from zhifa.lawbase.views.laws import penalty_summary
from zhifa.lawbase.views.search import search_filters

PAGE = 30
PUBLIC_KINDS = (SearchKind.LAW, SearchKind.ARTICLE)


@dataclass(frozen=True)
class PublicHit:
    hit: Hit
    public_url: str

    def __getattr__(self, name: str) -> object:
        return getattr(self.hit, name)


def _public_url(hit: Hit) -> str:
    # Index entries link to the staff reader (/lawbase/laws/<pk>/#a<num>); the public reader has
    # the same anchors under its own path.
    staff = reverse("lawbase:law_list")
    public = reverse("find_law") + "laws/"
    return public + hit.url.removeprefix(staff) if hit.url.startswith(staff) else reverse("find_law")


def find_law(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()[:200]
    filters, form = search_filters(request.GET, kinds=PUBLIC_KINDS)
    hits = [PublicHit(h, _public_url(h)) for h in search(q, filters=filters, limit=PAGE)] if q else []
    return TemplateResponse(request, "lawbase/find_law.html", {"q": q, **form, "hits": hits})


def law_text(request: HttpRequest, pk: int) -> HttpResponse:
    law: Law | None = public_law(pk)
    if law is None:
        raise Http404
    penalties: dict[int, list[str]] = defaultdict(list)
    for penalty in penalties_of(law):
        penalties[penalty.article_id].append(penalty_summary(penalty))
    rows = [{"article": a, "penalties": penalties.get(a.pk, [])} for a in public_articles(law)]
    return TemplateResponse(request, "lawbase/public_law.html", {"law": law, "rows": rows})
