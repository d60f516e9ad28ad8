"""Reads of the element centre that are more than a filter."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from zhifa.lawbase.choices import BasisRole, BenchmarkStatus, LawStatus
from zhifa.lawbase.citations import Citation
from zhifa.lawbase.models import AgencyMatter, Article, DiscretionBenchmark, Law, LegalBasis, Matter, StatutoryPenalty


def law_by_title(title: str) -> Law | None:
    """The version in force of a law named by full or short title (else the latest one)."""
    title = title.strip().strip("《》")
    candidates = Law.objects.filter(Q(title=title) | Q(short_title=title) | Q(title=f"中华人民共和国{title}"))
    in_force = candidates.filter(status=LawStatus.IN_FORCE).order_by("-promulgated").first()
    return in_force or candidates.order_by("-promulgated").first()


def resolve(citation: Citation) -> Article:
    """The article a citation names; ValueError in words when the law, article, paragraph or item is missing."""
    law = law_by_title(citation.law)
    if law is None:
        raise ValueError(_("法律法规库中没有《%(law)s》。") % {"law": citation.law})
    article = Article.objects.filter(law=law, num=citation.article).select_related("law").first()
    if article is None:
        raise ValueError(_("%(law)s没有第 %(num)s 条。") % {"law": law, "num": citation.article})
    if citation.paragraph is not None:
        paragraph = article.paragraph(citation.paragraph)
        if paragraph is None:
            raise ValueError(_("%(article)s没有第 %(no)s 款。") % {"article": article, "no": citation.paragraph})
        if citation.item is not None and citation.item > len(paragraph["items"]):
            raise ValueError(
                _("%(article)s第 %(p)s 款没有第 %(no)s 项。")
                % {"article": article, "p": citation.paragraph, "no": citation.item}
            )
    elif citation.item is not None and not any(len(p["items"]) >= citation.item for p in article.paragraphs):
        raise ValueError(_("%(article)s没有第 %(no)s 项。") % {"article": article, "no": citation.item})
    return article


def penalty_bases(matter: Matter) -> QuerySet[LegalBasis]:
    return matter.bases.filter(role=BasisRole.PENALTY).select_related("article__law")


def _item_paragraph(basis: LegalBasis) -> int | None:
    """The paragraph an item-only citation falls in (第三十六条第（三）项 → the paragraph holding items)."""
    if basis.paragraph is not None or basis.item is None:
        return basis.paragraph
    for paragraph in basis.article.paragraphs:
        if len(paragraph["items"]) >= basis.item:
            return int(paragraph["no"])
    return None


def statutory_limits(matter: Matter) -> list[tuple[LegalBasis, list[StatutoryPenalty]]]:
    """Per penalty basis, the limits parsed from exactly the paragraph or item it cites."""
    return [(basis, cited_penalties(basis)) for basis in penalty_bases(matter)]


def cited_penalties(basis: LegalBasis, article: Article | None = None) -> list[StatutoryPenalty]:
    """The limits of the paragraph or item `basis` cites, in its own article or in `article` (the
    same article in another version of the law, to compare them: 从旧兼从轻)."""
    penalties = StatutoryPenalty.objects.filter(article=article or basis.article)
    paragraph = _item_paragraph(basis)
    if paragraph is not None:
        penalties = penalties.filter(paragraph=paragraph)
    if basis.item is not None:
        penalties = penalties.filter(Q(item=basis.item) | Q(item__isnull=True))
    return list(penalties)


def benchmark_in_force(matter: Matter, on: dt.date, region_path: str | None = None) -> DiscretionBenchmark | None:
    """The published benchmark in force on `on`, for the most specific region containing
    `region_path` (a county's own benchmark before its province's)."""
    candidates = (
        DiscretionBenchmark.objects.filter(matter=matter, status=BenchmarkStatus.PUBLISHED, effective_from__lte=on)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=on))
        .select_related("region")
    )
    ranked: list[Any] = [b for b in candidates if region_path is None or region_path.startswith(b.region.path)]
    ranked.sort(key=lambda b: (len(b.region.path), b.effective_from), reverse=True)
    return ranked[0] if ranked else None


def agency_holds(agency: Any, matter: Matter, on: dt.date) -> AgencyMatter | None:
    """The holding under which `agency` may act on `matter` on `on`, if any: an agency may open a
    case only on a matter it holds."""
    holding = AgencyMatter.objects.filter(agency=agency, matter=matter).first()
    if holding is None or not holding.in_force_on(on) or not matter.in_force_on(on):
        return None
    return holding


def penalties_of(law: Law) -> QuerySet[StatutoryPenalty]:
    return StatutoryPenalty.objects.filter(article__law=law)


def bases_citing(law: Law) -> QuerySet[LegalBasis]:
    return LegalBasis.objects.filter(article__law=law).select_related("matter")


ROLE_ORDER: dict[str, int] = {BasisRole.VIOLATED: 0, BasisRole.PENALTY: 1, BasisRole.PROCEDURE: 2}


def ordered_bases(matter: Matter) -> list[LegalBasis]:
    """Violated article first, then the penalty, then procedure: the order a decision cites them."""
    bases = matter.bases.select_related("article__law")
    return sorted(bases, key=lambda b: (ROLE_ORDER.get(b.role, 9), b.pk))


def public_law(pk: int) -> Law | None:
    """Laws are public texts: anyone may read them, signed in or not."""
    return Law.objects.filter(pk=pk).first()


def public_articles(law: Law) -> QuerySet[Article]:
    return Article.objects.filter(law=law).order_by("num")


def search_filter_choices(*, domain: str = "", region: str = "") -> dict[str, list[tuple[str, str]]]:
    """What the search pages offer to filter by: the domains some matter belongs to and the regions
    some law or matter is tied to (public data: the law base is published), and the ones chosen."""
    from zhifa.orgs.models import Domain, Region

    domains = Domain.objects.filter(Q(pk__in=Matter.objects.values("domain")) | Q(code=domain))
    domains = domains.order_by("sort_order", "code")
    tied = (
        Q(pk__in=Law.objects.exclude(region=None).values("region"))
        | Q(pk__in=Matter.objects.exclude(region=None).values("region"))
        | Q(code=region)
    )
    regions = Region.objects.filter(tied).order_by("path")
    return {
        "domains": [(d.code, d.name) for d in domains],
        "regions": [(r.code, r.name) for r in regions],
    }


def region_path_of(code: str) -> str:
    """The path of the region with this code ('' if there is none): what the search's region filter takes."""
    from zhifa.orgs.models import Region

    return Region.objects.filter(code=code).values_list("path", flat=True).first() or "" if code else ""
