"""The element centre: laws and articles, matters, benchmarks, typical cases, document templates."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status

from zhifa.api import presenters
from zhifa.api.pagination import keyset_page
from zhifa.api.routers.orgs import ERRORS
from zhifa.api.schemas.lawbase import (
    AdviceOut,
    ArticleOut,
    BenchmarkIn,
    BenchmarkOut,
    FactsIn,
    LevelIn,
    MatterIn,
    MatterOut,
    MatterUpdateIn,
    PublishIn,
    SearchKindIn,
    SearchOut,
    SuggestOut,
    SynonymIn,
    SynonymOut,
)
from zhifa.core.cells import parse_date
from zhifa.core.errors import InvalidInput, NotFound
from zhifa.core.scoping import fetch_for
from zhifa.lawbase.actions.discretion import create_benchmark, publish_benchmark, save_level
from zhifa.lawbase.actions.matters import BasisSpec, create_matter, update_matter
from zhifa.lawbase.actions.synonyms import remove_synonym, save_synonym
from zhifa.lawbase.assist.discretion import Facts, advise
from zhifa.lawbase.assist.suggest import suggest
from zhifa.lawbase.citations import parse_citation
from zhifa.lawbase.models import Article, DiscretionBenchmark, Law, Matter, SearchSynonym
from zhifa.lawbase.permissions import VIEW_LAWBASE
from zhifa.lawbase.search.query import Filters, search
from zhifa.lawbase.selectors import benchmark_in_force, resolve
from zhifa.orgs.models import Domain, Region
from zhifa.orgs.permissions import VIEW_DOMAIN, VIEW_REGION
from zhifa.orgs.policy import require

router = Router(tags=["lawbase"])


class LawFilter(Schema):
    q: str | None = None
    level: str | None = None
    status: str | None = None
    after: int | None = None
    limit: int = 50


class SearchFilter(Schema):
    q: str = Field(..., min_length=1, max_length=200, description="描述的行为或条款，如“店门口摆摊卖水果”")
    kind: list[SearchKindIn] = Field(default_factory=list)
    level: str | None = None
    in_force: bool | None = None
    domain: str | None = Field(None, description="执法领域代码")
    region: str | None = Field(None, description="区划代码：只看全国性的和该地区及其上级地区的")
    limit: int = Field(20, ge=1, le=100)


@router.get("/search", response={200: SearchOut, **ERRORS})
def search_lawbase(request: HttpRequest, filters: Query[SearchFilter]) -> dict[str, Any]:
    """在线找法: laws, articles, matters, benchmarks and typical cases ranked for a described behaviour."""
    require(request.user, VIEW_LAWBASE)
    region_path = _region_path(request, filters.region) or ""
    hits = search(
        filters.q,
        filters=Filters(
            kinds=tuple(filters.kind),
            level=filters.level or "",
            in_force=filters.in_force,
            domain=filters.domain or "",
            region_path=region_path,
        ),
        limit=filters.limit,
    )
    return {"query": filters.q, "results": [{**h.as_json(), "snippet_html": str(h.snippet_html)} for h in hits]}


def _synonym_out(synonym: SearchSynonym) -> dict[str, Any]:
    return {"term": synonym.term, "means": synonym.means, "note": synonym.note}


@router.get("/synonyms", response={200: list[SynonymOut], **ERRORS})
def list_synonyms(request: HttpRequest) -> list[dict[str, Any]]:
    """The synonym list of 在线找法: colloquial words and the statutory wording they stand for."""
    require(request.user, VIEW_LAWBASE)
    return [_synonym_out(s) for s in SearchSynonym.objects.restrict(request.user, VIEW_LAWBASE).order_by("term")]


@router.put("/synonyms/{term}", response={200: SynonymOut, **ERRORS})
def put_synonym(request: HttpRequest, term: str, payload: SynonymIn) -> dict[str, Any]:
    """Add a synonym or change what it stands for (administrators of the law base); searches use it at once."""
    return _synonym_out(save_synonym(by=request.user, term=term, means=payload.means, note=payload.note))


@router.delete("/synonyms/{term}", response={204: None, **ERRORS})
def delete_synonym(request: HttpRequest, term: str) -> Status[None]:
    require(request.user, VIEW_LAWBASE)
    synonym = SearchSynonym.objects.restrict(request.user, VIEW_LAWBASE).filter(term=term).first()
    if synonym is None:
        raise NotFound(_("没有这个同义词。"))
    remove_synonym(synonym, by=request.user)
    return Status(204, None)


class SuggestFilter(Schema):
    q: str = Field(..., min_length=1, max_length=200, description="看到的行为，如“工厂没有排污许可证排废气”")
    domain: str | None = None
    region: str | None = None
    on: dt.date | None = Field(None, description="违法行为发生日期（默认今天）：决定在效的事项和裁量基准")
    limit: int = Field(5, ge=1, le=20)


def _region_path(request: HttpRequest, code: str | None) -> str | None:
    return fetch_for(Region, request.user, VIEW_REGION, code=code).path if code else None


@router.get("/suggest", response={200: SuggestOut, **ERRORS})
def suggest_matters(request: HttpRequest, filters: Query[SuggestFilter]) -> dict[str, Any]:
    """describe → suggest: candidate matters with their articles, statutory limits and benchmark."""
    require(request.user, VIEW_LAWBASE)
    candidates = suggest(
        filters.q,
        on=filters.on,
        region_path=_region_path(request, filters.region),
        domain=filters.domain or "",
        limit=filters.limit,
    )
    return {"query": filters.q, "candidates": [presenters.candidate_out(c) for c in candidates]}


@router.post("/matters/{code}/discretion", response={200: AdviceOut, **ERRORS})
def matter_discretion(request: HttpRequest, code: str, payload: FactsIn) -> dict[str, Any]:
    """Intelligent discretion: the benchmark row and fine range for these facts, with reasons."""
    matter = fetch_for(Matter, request.user, VIEW_LAWBASE, code=code)
    data = payload.dict()
    region = data.pop("region")
    advice = advise(matter, Facts(**data, region_path=_region_path(request, region)))
    return presenters.advice_out(advice)


@router.get("/laws", response={200: dict[str, Any], **ERRORS})
def list_laws(request: HttpRequest, filters: Query[LawFilter]) -> dict[str, Any]:
    laws = Law.objects.restrict(request.user, VIEW_LAWBASE).annotate(n=Count("articles"))
    if filters.q:
        laws = laws.filter(Q(title__contains=filters.q) | Q(short_title__contains=filters.q))
    if filters.level:
        laws = laws.filter(level=filters.level)
    if filters.status:
        laws = laws.filter(status=filters.status)
    return keyset_page(
        laws, after=filters.after, limit=filters.limit, serialize=lambda law: presenters.law_out(law, law.n)
    )


@router.get("/laws/{law_id}/articles/{num}", response={200: ArticleOut, **ERRORS})
def get_article(request: HttpRequest, law_id: int, num: int) -> dict[str, Any]:
    law = fetch_for(Law, request.user, VIEW_LAWBASE, pk=law_id)
    article = fetch_for(Article, request.user, VIEW_LAWBASE, law=law, num=num)
    return presenters.article_out(article)


@router.get(
    "/cite", response={200: ArticleOut, **ERRORS}, summary="Resolve a citation such as 《行政处罚法》第三十三条"
)
def cite(request: HttpRequest, q: str) -> dict[str, Any]:
    try:
        article = resolve(parse_citation(q))
    except ValueError as error:
        raise InvalidInput(str(error), fields={"q": [str(error)]}) from error
    return presenters.article_out(article)


def _matters(request: HttpRequest) -> Any:
    return (
        Matter.objects.restrict(request.user, VIEW_LAWBASE)
        .select_related("domain", "region")
        .prefetch_related("bases__article__law")
    )


class MatterFilter(Schema):
    q: str | None = None
    domain: str | None = None
    kind: str | None = None
    after: int | None = None
    limit: int = 50


@router.get("/matters", response={200: dict[str, Any], **ERRORS})
def list_matters(request: HttpRequest, filters: Query[MatterFilter]) -> dict[str, Any]:
    matters = _matters(request)
    if filters.q:
        matters = matters.filter(
            Q(code__icontains=filters.q) | Q(name__contains=filters.q) | Q(aliases__contains=filters.q)
        )
    if filters.domain:
        matters = matters.filter(domain__code=filters.domain)
    if filters.kind:
        matters = matters.filter(kind=filters.kind)
    return keyset_page(matters, after=filters.after, limit=filters.limit, serialize=presenters.matter_out)


@router.get("/matters/{code}", response={200: MatterOut, **ERRORS})
def get_matter(request: HttpRequest, code: str) -> dict[str, Any]:
    fetch_for(Matter, request.user, VIEW_LAWBASE, code=code)
    return presenters.matter_out(_matters(request).get(code=code))


def _bases(items: list[Any]) -> list[BasisSpec]:
    specs = []
    for n, item in enumerate(items):
        try:
            citation = parse_citation(item.citation)
            specs.append(BasisSpec(resolve(citation), item.role, citation.paragraph, citation.item))
        except ValueError as error:
            raise InvalidInput(str(error), fields={f"bases.{n}.citation": [str(error)]}) from error
    return specs


@router.post("/matters", response={201: MatterOut, **ERRORS})
def create_matter_endpoint(request: HttpRequest, payload: MatterIn) -> Status[dict[str, Any]]:
    domain = fetch_for(Domain, request.user, VIEW_DOMAIN, code=payload.domain_code)
    region = fetch_for(Region, request.user, VIEW_REGION, code=payload.region_code) if payload.region_code else None
    matter = create_matter(
        by=request.user,
        code=payload.code,
        name=payload.name,
        kind=payload.kind,
        domain=domain,
        region=region,
        aliases=payload.aliases,
        bases=_bases(payload.bases),
    )
    return Status(201, presenters.matter_out(_matters(request).get(pk=matter.pk)))


@router.patch("/matters/{code}", response={200: MatterOut, **ERRORS})
def update_matter_endpoint(request: HttpRequest, code: str, payload: MatterUpdateIn) -> dict[str, Any]:
    matter = fetch_for(Matter, request.user, VIEW_LAWBASE, code=code)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    bases = _bases(payload.bases) if payload.bases is not None else None
    changes = {k: v for k, v in data.items() if k in {"name", "status", "aliases"}}
    update_matter(matter, by=request.user, expected_version=version, bases=bases, **changes)
    return presenters.matter_out(_matters(request).get(pk=matter.pk))


def _benchmarks(request: HttpRequest) -> Any:
    return (
        DiscretionBenchmark.objects.restrict(request.user, VIEW_LAWBASE)
        .select_related("matter", "region")
        .prefetch_related("levels")
    )


@router.get("/matters/{code}/benchmarks", response={200: list[BenchmarkOut], **ERRORS})
def list_benchmarks(request: HttpRequest, code: str) -> list[dict[str, Any]]:
    matter = fetch_for(Matter, request.user, VIEW_LAWBASE, code=code)
    return [presenters.benchmark_out(b) for b in _benchmarks(request).filter(matter=matter).order_by("-effective_from")]


@router.get("/matters/{code}/benchmark-in-force", response={200: BenchmarkOut, **ERRORS})
def benchmark_for_date(
    request: HttpRequest, code: str, on: str | None = None, region: str | None = None
) -> dict[str, Any]:
    """The benchmark a case uses: in force on the date of the violation, for the case's region."""
    matter = fetch_for(Matter, request.user, VIEW_LAWBASE, code=code)
    try:
        day = parse_date(on) if on else timezone.localdate()
    except ValueError as error:
        raise InvalidInput(str(error), fields={"on": [str(error)]}) from error
    region_path = fetch_for(Region, request.user, VIEW_REGION, code=region).path if region else None
    benchmark = benchmark_in_force(matter, day, region_path)
    if benchmark is None:
        raise NotFound(_("该事项在 %(day)s 没有施行中的裁量基准。") % {"day": day})
    return presenters.benchmark_out(_benchmarks(request).get(pk=benchmark.pk))


@router.post("/benchmarks", response={201: BenchmarkOut, **ERRORS})
def create_benchmark_endpoint(request: HttpRequest, payload: BenchmarkIn) -> Status[dict[str, Any]]:
    matter = fetch_for(Matter, request.user, VIEW_LAWBASE, code=payload.matter_code)
    region = fetch_for(Region, request.user, VIEW_REGION, code=payload.region_code)
    benchmark = create_benchmark(
        by=request.user,
        matter=matter,
        title=payload.title,
        region=region,
        issuer=payload.issuer,
        document_no=payload.document_no,
        first_offence_waiver=payload.first_offence_waiver,
    )
    return Status(201, presenters.benchmark_out(_benchmarks(request).get(pk=benchmark.pk)))


@router.put("/benchmarks/{benchmark_id}/levels/{order}", response={200: BenchmarkOut, **ERRORS})
def save_level_endpoint(request: HttpRequest, benchmark_id: int, order: int, payload: LevelIn) -> dict[str, Any]:
    benchmark = fetch_for(DiscretionBenchmark, request.user, VIEW_LAWBASE, pk=benchmark_id)
    data = payload.dict()
    save_level(benchmark, by=request.user, order=order, **data)
    return presenters.benchmark_out(_benchmarks(request).get(pk=benchmark.pk))


@router.post("/benchmarks/{benchmark_id}/publish", response={200: BenchmarkOut, **ERRORS})
def publish_endpoint(request: HttpRequest, benchmark_id: int, payload: PublishIn) -> dict[str, Any]:
    benchmark = fetch_for(DiscretionBenchmark, request.user, VIEW_LAWBASE, pk=benchmark_id)
    publish_benchmark(
        benchmark, by=request.user, effective_from=payload.effective_from, effective_to=payload.effective_to
    )
    return presenters.benchmark_out(_benchmarks(request).get(pk=benchmark.pk))
