"""Loading the law base: laws, their articles, and the penalty limits parsed from them."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zhifa.core.errors import PermissionDenied
from zhifa.lawbase.actions import search_index
from zhifa.lawbase.choices import LEVEL_BY_CATEGORY, STATUS_BY_TEXT, LawStatus
from zhifa.lawbase.events import LAW_IMPORTED
from zhifa.lawbase.models import Article, Law, StatutoryPenalty
from zhifa.lawbase.paragraphs import split_paragraphs
from zhifa.lawbase.statute.penalties import parse_article
from zhifa.orgs.events import audit
from zhifa.orgs.models import Region

# Bump when the statute parser changes, so that a re-import re-parses unchanged laws too.
PARSER_VERSION = "1"
PROVINCE_CODES = {
    "浙江": "330000",
    "上海": "310000",
    "北京": "110000",
    "重庆": "500000",
    "河南": "410000",
    "山东": "370000",
}


@dataclass(frozen=True)
class LawImportSummary:
    created: int
    updated: int
    unchanged: int
    articles: int
    penalties: int


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def _fingerprint(record: dict[str, Any]) -> str:
    digest = hashlib.sha256(PARSER_VERSION.encode())
    for article in record["articles"]:
        digest.update(f"{article['num']}\x00{article['text']}\x00".encode())
    digest.update((record.get("status") or "").encode())
    return digest.hexdigest()


def _law_fields(record: dict[str, Any], regions: dict[str, Region]) -> dict[str, Any]:
    province = PROVINCE_CODES.get(record.get("region") or "")
    return {
        "short_title": record.get("short_title") or "",
        "level": LEVEL_BY_CATEGORY[record["category"]],
        "region": regions.get(province) if province else None,
        "effective": _date(record.get("effective")),
        "status": STATUS_BY_TEXT.get(record.get("status") or "", LawStatus.UNKNOWN),
        "status_note": (record.get("status_note") or "")[:300],
        "preamble": record.get("preamble") or "",
        "source": {
            "repo": record.get("source_repo"),
            "commit": record.get("source_commit"),
            "path": record.get("source_path"),
            "status_as_of": record.get("status_as_of"),
            "fingerprint": _fingerprint(record),
        },
    }


def _article_fields(a: dict[str, Any]) -> dict[str, Any]:
    return {
        "number": a["number"],
        "part": a.get("part") or "",
        "chapter": a.get("chapter") or "",
        "section": a.get("section") or "",
        "text": a["text"],
        "paragraphs": split_paragraphs(a["text"]),
    }


def _write_articles(law: Law, record: dict[str, Any]) -> tuple[int, int]:
    """Upsert articles by number: matters point at articles, so they are updated in place."""
    existing = {a.num: a for a in law.articles.all()}
    wanted = {a["num"]: a for a in record["articles"]}
    fresh = [Article(law=law, num=num, **_article_fields(a)) for num, a in wanted.items() if num not in existing]
    changed = []
    for num, article in existing.items():
        if num in wanted:
            for name, value in _article_fields(wanted[num]).items():
                setattr(article, name, value)
            changed.append(article)
    Article.objects.bulk_create(fresh)
    Article.objects.bulk_update(changed, ["number", "part", "chapter", "section", "text", "paragraphs"], batch_size=500)
    # An article dropped from the source is kept if a matter cites it; the citing matter shows it.
    all_articles = [*fresh, *changed]
    StatutoryPenalty.objects.filter(article__law=law).delete()
    penalties = [
        StatutoryPenalty(
            article=article,
            paragraph=p.paragraph,
            item=p.item,
            kind=p.kind,
            base=p.base,
            base_label=p.base_label[:60],
            minimum=p.minimum,
            maximum=p.maximum,
            party=p.party,
            condition=p.condition[:300],
            optional=p.optional,
            clause=p.clause,
        )
        for article in all_articles
        for p in parse_article(article.text)
    ]
    StatutoryPenalty.objects.bulk_create(penalties, batch_size=2000)
    return len(all_articles), len(penalties)


@transaction.atomic
def import_laws(
    *, by: Any | None, records: Iterable[dict[str, Any]], on_progress: Callable[[int], None] | None = None
) -> LawImportSummary:
    """Create or refresh laws by (title, promulgated). Articles of a changed law are replaced;
    an unchanged law (same texts, same parser) is left alone, so a re-run is cheap."""
    if by is not None and not getattr(by, "is_superuser", False):
        raise PermissionDenied(_("只有系统管理员可以导入法律法规。"))
    regions = {r.code: r for r in Region.objects.filter(code__in=PROVINCE_CODES.values())}
    created = updated = unchanged = articles = penalties = 0
    changed: list[Law] = []
    for count, record in enumerate(records, start=1):
        fields = _law_fields(record, regions)
        law = Law.objects.filter(title=record["title"], promulgated=_date(record.get("promulgated"))).first()
        if law is not None and law.source.get("fingerprint") == fields["source"]["fingerprint"]:
            unchanged += 1
        else:
            is_new = law is None
            if law is None:
                law = Law(title=record["title"], promulgated=_date(record.get("promulgated")))
            for name, value in fields.items():
                setattr(law, name, value)
            law.save()
            n_articles, n_penalties = _write_articles(law, record)
            articles += n_articles
            penalties += n_penalties
            created += is_new
            updated += not is_new
            changed.append(law)
            audit(
                LAW_IMPORTED,
                by=by,
                obj=law,
                changes={"articles": n_articles, "statutory_penalties": n_penalties, "new": is_new},
            )
        if on_progress is not None:
            on_progress(count)
    search_index.analyze_if_bulk(search_index.index_laws(changed))
    return LawImportSummary(created, updated, unchanged, articles, penalties)
