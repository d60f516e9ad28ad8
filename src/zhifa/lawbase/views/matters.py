"""Matters: the catalogue, and one screen with the articles, the statutory limits, the benchmark
in force and the typical cases."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from zhifa.core.scoping import fetch_for
from zhifa.lawbase.choices import BenchmarkStatus, MatterKind
from zhifa.lawbase.models import AgencyMatter, DiscretionBenchmark, LegalBasis, Matter, ReferenceCase
from zhifa.lawbase.money import fine_range
from zhifa.lawbase.permissions import VIEW_LAWBASE
from zhifa.lawbase.selectors import benchmark_in_force, ordered_bases, statutory_limits
from zhifa.lawbase.views.laws import penalty_summary
from zhifa.orgs.models import Domain
from zhifa.orgs.permissions import VIEW_AGENCY
from zhifa.orgs.selectors import officer_of


@login_required
def matter_list(request: HttpRequest) -> HttpResponse:
    matters = Matter.objects.restrict(request.user, VIEW_LAWBASE).select_related("domain")
    q = request.GET.get("q", "").strip()
    domain = request.GET.get("domain", "")
    kind = request.GET.get("kind", "")
    if q:
        matters = matters.filter(Q(code__icontains=q) | Q(name__contains=q) | Q(aliases__contains=q))
    if domain:
        matters = matters.filter(domain__code=domain)
    if kind in MatterKind.values:
        matters = matters.filter(kind=kind)
    page = Paginator(matters.order_by("code"), 50).get_page(request.GET.get("page"))
    domains = Domain.objects.restrict(request.user, "orgs.view_domain").filter(matters__isnull=False).distinct()
    context = {"page": page, "q": q, "domain": domain, "kind": kind, "domains": domains, "kinds": MatterKind.choices}
    return TemplateResponse(request, "lawbase/matter_list.html", context)


def _level_rows(benchmark: DiscretionBenchmark | None) -> list[dict[str, object]]:
    if benchmark is None:
        return []
    return [
        {
            "level": level,
            "fine": fine_range(level.fine_base, level.fine_min, level.fine_max) if level.has_fine else "",
        }
        for level in benchmark.levels.all()
    ]


def _marked_paragraphs(basis: LegalBasis) -> list[dict[str, Any]]:
    """The article's paragraphs with the cited 款 and 项 marked, for highlighting."""
    rows = []
    for paragraph in basis.article.paragraphs:
        whole = basis.paragraph == paragraph["no"] and basis.item is None
        in_paragraph = basis.paragraph in (None, paragraph["no"])
        items = [
            {"text": item["text"], "cited": whole or (in_paragraph and basis.item == item["no"])}
            for item in paragraph["items"]
        ]
        rows.append({"text": paragraph["text"], "cited": whole, "items": items})
    return rows


@login_required
def matter_detail(request: HttpRequest, code: str) -> HttpResponse:
    matter = fetch_for(Matter, request.user, VIEW_LAWBASE, code=code)
    officer = officer_of(request.user)
    region_path = officer.agency.region.path if officer else None
    today = timezone.localdate()
    in_force = benchmark_in_force(matter, today, region_path)
    limits = [(basis, [penalty_summary(p) for p in penalties]) for basis, penalties in statutory_limits(matter)]
    context = {
        "matter": matter,
        "bases": [{"basis": b, "paragraphs": _marked_paragraphs(b)} for b in ordered_bases(matter)],
        "limits": limits,
        "benchmark": in_force,
        "levels": _level_rows(in_force),
        "versions": DiscretionBenchmark.objects.restrict(request.user, VIEW_LAWBASE)
        .filter(matter=matter)
        .select_related("region")
        .order_by("region__path", "-effective_from"),
        "holdings": AgencyMatter.objects.restrict(request.user, VIEW_AGENCY)
        .filter(matter=matter)
        .select_related("agency"),
        "cases": ReferenceCase.objects.restrict(request.user, VIEW_LAWBASE)
        .filter(Q(matters=matter) | Q(articles__in=matter.articles.all()))
        .distinct(),
        "today": today,
    }
    return TemplateResponse(request, "lawbase/matter_detail.html", context)


@login_required
def benchmark_list(request: HttpRequest) -> HttpResponse:
    benchmarks = DiscretionBenchmark.objects.restrict(request.user, VIEW_LAWBASE).select_related("matter", "region")
    q = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    if q:
        benchmarks = benchmarks.filter(
            Q(title__contains=q) | Q(matter__code__icontains=q) | Q(matter__name__contains=q)
        )
    if status in BenchmarkStatus.values:
        benchmarks = benchmarks.filter(status=status)
    page = Paginator(benchmarks.order_by("matter__code", "region__path", "-effective_from"), 50).get_page(
        request.GET.get("page")
    )
    context = {"page": page, "q": q, "status": status, "statuses": BenchmarkStatus.choices}
    return TemplateResponse(request, "lawbase/benchmark_list.html", context)


@login_required
def benchmark_detail(request: HttpRequest, pk: int) -> HttpResponse:
    benchmark = fetch_for(DiscretionBenchmark, request.user, VIEW_LAWBASE, pk=pk)
    context = {
        "benchmark": benchmark,
        "levels": _level_rows(benchmark),
        "circumstances": benchmark.circumstances.all(),
    }
    return TemplateResponse(request, "lawbase/benchmark_detail.html", context)


@login_required
def reference_list(request: HttpRequest) -> HttpResponse:
    cases = ReferenceCase.objects.restrict(request.user, VIEW_LAWBASE)
    q = request.GET.get("q", "").strip()
    if q:
        cases = cases.filter(Q(title__contains=q) | Q(summary__contains=q))
    page = Paginator(cases.order_by("title"), 30).get_page(request.GET.get("page"))
    return TemplateResponse(request, "lawbase/reference_list.html", {"page": page, "q": q})


@login_required
def reference_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = fetch_for(ReferenceCase, request.user, VIEW_LAWBASE, pk=pk)
    return TemplateResponse(request, "lawbase/reference_detail.html", {"case": case})
