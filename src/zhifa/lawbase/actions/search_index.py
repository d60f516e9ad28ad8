"""Keeping the search index in step with the element centre.

The actions that change a law, a matter, a benchmark or a reference case call the matching
``index_*`` function inside their own transaction, so a search never sees an edit half-made and
never misses one. ``rebuild`` rewrites everything (after an upgrade of the segmenter, say).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from itertools import batched
from typing import Any

from django.db import connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from zhifa.lawbase.choices import BasisRole, BenchmarkStatus, LawStatus, MatterStatus
from zhifa.lawbase.models import (
    Article,
    DiscretionBenchmark,
    Law,
    LegalBasis,
    Matter,
    ReferenceCase,
    SearchDocument,
    SearchKind,
)
from zhifa.lawbase.search.segment import index_text

BATCH = 500
# After this many entries written at once the planner's statistics of the table are stale enough
# to mislead it (an empty table's plan for a full one): refresh them in the same transaction.
ANALYZE_AFTER = 1000


def analyze_if_bulk(count: int) -> int:
    if count >= ANALYZE_AFTER:
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {SearchDocument._meta.db_table}")
    return count


def _law_docs(law: Law, matters_by_article: dict[int, list[Matter]]) -> Iterator[SearchDocument]:
    chapters = list(dict.fromkeys(c for c in law.articles.values_list("chapter", flat=True) if c))
    yield SearchDocument(
        kind=SearchKind.LAW,
        object_id=law.pk,
        title=str(law),
        text=law.preamble or "、".join(chapters),
        url=law.get_absolute_url(),
        title_tokens=index_text(law.title, law.short_title),
        body_tokens=index_text(law.preamble, *chapters),
        law_level=law.level,
        in_force=law.status == LawStatus.IN_FORCE,
        region_path=law.region.path if law.region else "",
        law_title=law.title,
    )
    for article in law.articles.all():
        yield _article_doc(law, article, matters_by_article.get(article.pk, []))


def _article_doc(law: Law, article: Article, matters: list[Matter]) -> SearchDocument:
    return SearchDocument(
        kind=SearchKind.ARTICLE,
        object_id=article.pk,
        title=f"{law}{article.number}",
        text=article.text,
        url=article.get_absolute_url(),
        # A matter's name and colloquial names describe the conduct its violated article forbids
        # in the words officers use, so they count as the article's own title words.
        title_tokens=index_text(
            law.title, law.short_title, article.number, *(m.name for m in matters), *(m.aliases for m in matters)
        ),
        body_tokens=index_text(article.text),
        law_level=law.level,
        in_force=law.status == LawStatus.IN_FORCE,
        domains=_codes(m.domain.code for m in matters),
        region_path=law.region.path if law.region else "",
        law_title=law.title,
        article_number=article.number,
        matter_code=matters[0].code if matters else "",
    )


def _codes(codes: Iterable[str]) -> str:
    unique = sorted(set(codes))
    return f" {' '.join(unique)} " if unique else ""


def _matter_in_force(matter: Matter, today: dt.date) -> bool:
    return matter.status == MatterStatus.ACTIVE and matter.in_force_on(today)


def _violated_matters(article_ids: Iterable[int] | None = None) -> dict[int, list[Matter]]:
    bases = LegalBasis.objects.filter(role=BasisRole.VIOLATED).select_related("matter__domain").order_by("matter__code")
    if article_ids is not None:
        bases = bases.filter(article_id__in=list(article_ids))
    found: dict[int, list[Matter]] = defaultdict(list)
    for basis in bases:
        if basis.matter not in found[basis.article_id]:
            found[basis.article_id].append(basis.matter)
    return found


def _matter_doc(matter: Matter, today: dt.date) -> SearchDocument:
    bases = list(matter.bases.select_related("article__law").order_by("role", "article__law_id", "article__num"))
    citations = [b.article.cite(b.paragraph, b.item) for b in bases]
    violated = [b for b in bases if b.role == BasisRole.VIOLATED]
    main = violated[0].article if violated else (bases[0].article if bases else None)
    return SearchDocument(
        kind=SearchKind.MATTER,
        object_id=matter.pk,
        title=matter.name,
        text="；".join(filter(None, [matter.aliases, *citations])),
        url=matter.get_absolute_url(),
        title_tokens=index_text(matter.name, matter.aliases),
        body_tokens=index_text(*(b.article.text for b in violated)),
        in_force=_matter_in_force(matter, today),
        domains=_codes([matter.domain.code]),
        region_path=matter.region.path if matter.region else "",
        law_title=main.law.title if main else "",
        article_number=main.number if main else "",
        matter_code=matter.code,
    )


def _benchmark_doc(benchmark: DiscretionBenchmark, today: dt.date) -> SearchDocument:
    matter = benchmark.matter
    levels = [f"{level.get_grade_display()}：{level.circumstances}" for level in benchmark.levels.all()]
    in_force = (
        benchmark.status == BenchmarkStatus.PUBLISHED
        and (benchmark.effective_from is None or benchmark.effective_from <= today)
        and (benchmark.effective_to is None or today <= benchmark.effective_to)
    )
    return SearchDocument(
        kind=SearchKind.BENCHMARK,
        object_id=benchmark.pk,
        title=benchmark.title,
        text="\n".join(levels),
        url=f"{matter.get_absolute_url()}#benchmark-{benchmark.pk}",
        title_tokens=index_text(benchmark.title),
        body_tokens=index_text(matter.aliases, *levels, benchmark.waiver_conditions),
        in_force=in_force,
        domains=_codes([matter.domain.code]),
        region_path=benchmark.region.path,
        matter_code=matter.code,
    )


def _reference_doc(reference: ReferenceCase) -> SearchDocument:
    matters = list(reference.matters.select_related("domain"))
    return SearchDocument(
        kind=SearchKind.REFERENCE,
        object_id=reference.pk,
        title=reference.title,
        text=reference.summary,
        url=reverse("lawbase:reference_detail", args=[reference.pk]),
        title_tokens=index_text(reference.title),
        body_tokens=index_text(reference.summary, reference.decision, reference.significance),
        domains=_codes(m.domain.code for m in matters),
        matter_code=matters[0].code if matters else "",
    )


def _replace(kind: str, object_ids: list[int], docs: Iterable[SearchDocument]) -> int:
    SearchDocument.objects.filter(kind=kind, object_id__in=object_ids).delete()
    return _create(docs)


def _create(docs: Iterable[SearchDocument]) -> int:
    count = 0
    for batch in batched(docs, BATCH):
        SearchDocument.objects.bulk_create(batch)
        count += len(batch)
    return count


@transaction.atomic
def index_laws(laws: Iterable[Law], *, on_progress: Callable[[int], None] | None = None) -> int:
    """(Re)index laws with all their articles."""
    count = 0
    for done, given in enumerate(laws, start=1):
        law = Law.objects.select_related("region").get(pk=given.pk)
        article_ids = list(law.articles.values_list("pk", flat=True))
        SearchDocument.objects.filter(kind=SearchKind.LAW, object_id=law.pk).delete()
        for ids in batched(article_ids, BATCH):
            SearchDocument.objects.filter(kind=SearchKind.ARTICLE, object_id__in=ids).delete()
        count += _create(_law_docs(law, _violated_matters(article_ids)))
        if on_progress is not None:
            on_progress(done)
    return count


@transaction.atomic
def index_matters(matters: Iterable[Matter]) -> int:
    """(Re)index matters, their benchmarks, and the articles whose index words include them."""
    today = timezone.localdate()
    matters = list(Matter.objects.select_related("domain", "region").filter(pk__in=[m.pk for m in matters]))
    count = _replace(SearchKind.MATTER, [m.pk for m in matters], (_matter_doc(m, today) for m in matters))
    benchmarks = DiscretionBenchmark.objects.filter(matter__in=matters)
    count += index_benchmarks(benchmarks)
    article_ids = set(LegalBasis.objects.filter(matter__in=matters).values_list("article_id", flat=True))
    count += _index_articles(article_ids)
    return count


def _index_articles(article_ids: set[int]) -> int:
    if not article_ids:
        return 0
    matters = _violated_matters(article_ids)
    articles = Article.objects.filter(pk__in=article_ids).select_related("law__region")
    docs = (_article_doc(a.law, a, matters.get(a.pk, [])) for a in articles)
    return _replace(SearchKind.ARTICLE, list(article_ids), docs)


@transaction.atomic
def index_benchmarks(benchmarks: Iterable[DiscretionBenchmark]) -> int:
    today = timezone.localdate()
    found = list(
        DiscretionBenchmark.objects.select_related("matter__domain", "region")
        .prefetch_related("levels")
        .filter(pk__in=[b.pk for b in benchmarks])
    )
    return _replace(SearchKind.BENCHMARK, [b.pk for b in found], (_benchmark_doc(b, today) for b in found))


@transaction.atomic
def index_references(references: Iterable[ReferenceCase]) -> int:
    found = list(ReferenceCase.objects.filter(pk__in=[r.pk for r in references]))
    return _replace(SearchKind.REFERENCE, [r.pk for r in found], (_reference_doc(r) for r in found))


@transaction.atomic
def rebuild(*, on_progress: Callable[[int], None] | None = None) -> int:
    """Rewrite the whole index from the element centre."""
    SearchDocument.objects.all().delete()
    today = timezone.localdate()
    count = index_laws(Law.objects.order_by("pk"), on_progress=on_progress)
    matters = Matter.objects.select_related("domain", "region").order_by("pk")
    count += _create(_matter_doc(m, today) for m in matters)
    benchmarks = DiscretionBenchmark.objects.select_related("matter__domain", "region").prefetch_related("levels")
    count += _create(_benchmark_doc(b, today) for b in benchmarks.order_by("pk"))
    count += _create(_reference_doc(r) for r in ReferenceCase.objects.order_by("pk"))
    return analyze_if_bulk(count)


def _dated_in_force(today: dt.date, status: Q) -> Q:
    return (
        status
        & (Q(effective_from__isnull=True) | Q(effective_from__lte=today))
        & (Q(effective_to__isnull=True) | Q(effective_to__gte=today))
    )


@transaction.atomic
def refresh_in_force() -> int:
    """Rewrite the entries of matters and benchmarks that came into force or lapsed since they
    were indexed (their in-force flag is the one of the day the entry was written). Run daily
    (`zhifa lawbase reindex --due`); returns how many matters and benchmarks were rewritten."""
    today = timezone.localdate()

    def stale(model: Any, kind: str, in_force: Q) -> list[Any]:
        entry = SearchDocument.objects.filter(kind=kind, object_id=OuterRef("pk"))
        came = Exists(entry.filter(in_force=False)) & in_force
        went = Exists(entry.filter(in_force=True)) & ~in_force
        return list(model.objects.filter(came | went))

    matters = stale(Matter, SearchKind.MATTER, _dated_in_force(today, Q(status=MatterStatus.ACTIVE)))
    benchmarks = stale(
        DiscretionBenchmark, SearchKind.BENCHMARK, _dated_in_force(today, Q(status=BenchmarkStatus.PUBLISHED))
    )
    if matters:
        index_matters(matters)  # with their benchmarks and articles
    if benchmarks:
        index_benchmarks(benchmarks)
    return len(matters) + len(benchmarks)


@transaction.atomic
def index_missing() -> int:
    """Index whatever has no entry yet (data that predates the index, or bulk-loaded), leaving the rest."""

    def missing(model: Any, kind: str) -> Any:
        indexed = SearchDocument.objects.filter(kind=kind).values("object_id")
        return model.objects.exclude(pk__in=indexed).order_by("pk")

    count = index_laws(missing(Law, SearchKind.LAW))
    count += index_matters(missing(Matter, SearchKind.MATTER))
    count += index_benchmarks(missing(DiscretionBenchmark, SearchKind.BENCHMARK))
    count += index_references(missing(ReferenceCase, SearchKind.REFERENCE))
    return analyze_if_bulk(count)
