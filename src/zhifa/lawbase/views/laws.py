"""The law reader: laws, their articles with anchors for 条, 款 and 项, and their penalty limits."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.template.response import TemplateResponse

from zhifa.core.scoping import fetch_for
from zhifa.lawbase.choices import LawLevel, LawStatus
from zhifa.lawbase.citations import parse_citation
from zhifa.lawbase.models import Article, Law, LegalBasis, StatutoryPenalty
from zhifa.lawbase.money import fine_range
from zhifa.lawbase.permissions import VIEW_LAWBASE
from zhifa.lawbase.selectors import bases_citing, penalties_of, resolve


@login_required
def law_list(request: HttpRequest) -> HttpResponse:
    laws = Law.objects.restrict(request.user, VIEW_LAWBASE)
    q = request.GET.get("q", "").strip()
    level = request.GET.get("level", "")
    status = request.GET.get("status", "")
    if q:
        laws = laws.filter(Q(title__contains=q) | Q(short_title__contains=q))
    if level in LawLevel.values:
        laws = laws.filter(level=level)
    if status in LawStatus.values:
        laws = laws.filter(status=status)
    page = Paginator(laws.order_by("level", "title"), 50).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "q": q,
        "level": level,
        "status": status,
        "levels": LawLevel.choices,
        "statuses": LawStatus.choices,
    }
    return TemplateResponse(request, "lawbase/law_list.html", context)


def penalty_summary(penalty: StatutoryPenalty) -> str:
    if penalty.kind == "fine":
        # Read from the statute's own words, so it stays in Chinese whatever the UI language.
        text = fine_range(penalty.base, penalty.minimum, penalty.maximum, penalty.base_label) + "罚款"
    else:
        text = penalty.get_kind_display()
    prefix = f"{penalty.get_party_display()}：" if penalty.party != "any" else ""
    condition = f"（{penalty.condition}）" if penalty.condition else ""
    return f"{prefix}{text}{condition}"


@login_required
def law_detail(request: HttpRequest, pk: int) -> HttpResponse:
    law = fetch_for(Law, request.user, VIEW_LAWBASE, pk=pk)
    articles = list(Article.objects.restrict(request.user, VIEW_LAWBASE).filter(law=law).order_by("num"))
    penalties: dict[int, list[str]] = defaultdict(list)
    for penalty in penalties_of(law):
        penalties[penalty.article_id].append(penalty_summary(penalty))
    cited: dict[int, list[LegalBasis]] = defaultdict(list)
    for basis in bases_citing(law):
        cited[basis.article_id].append(basis)
    rows = [{"article": a, "penalties": penalties.get(a.pk, []), "bases": cited.get(a.pk, [])} for a in articles]
    versions = Law.objects.restrict(request.user, VIEW_LAWBASE).filter(title=law.title).exclude(pk=law.pk)
    return TemplateResponse(request, "lawbase/law_detail.html", {"law": law, "rows": rows, "versions": versions})


@login_required
def article_redirect(request: HttpRequest, pk: int, num: int) -> HttpResponse:
    law = fetch_for(Law, request.user, VIEW_LAWBASE, pk=pk)
    if not Article.objects.restrict(request.user, VIEW_LAWBASE).filter(law=law, num=num).exists():
        raise Http404
    return HttpResponseRedirect(f"{law.get_absolute_url()}#a{num}")


@login_required
def cite(request: HttpRequest) -> HttpResponse:
    """Open a citation typed anywhere (《某某法》第十条第一款) at its anchor."""
    try:
        citation = parse_citation(request.GET.get("q", ""))
        article = resolve(citation)
    except ValueError as error:
        return TemplateResponse(request, "lawbase/cite_error.html", {"error": str(error)}, status=404)
    anchor = article.anchor + (f"-{citation.paragraph}" if citation.paragraph else "")
    anchor += f"-{citation.item}" if citation.item and citation.paragraph else ""
    return HttpResponseRedirect(f"{article.law.get_absolute_url()}#{anchor}")
