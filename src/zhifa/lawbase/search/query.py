"""Searching the law base: one function for the staff pages, the portal, the API and the CLI.

A query is segmented like the index, widened by the synonym list (摆摊 → 占用城市道路 从事经营),
matched by the database's own engine (FTS5 bm25 on SQLite, ts_rank on PostgreSQL) with the
title words weighted above the body, and an article named outright (行政处罚法第三十二条) is put
first. Snippets are cut and highlighted here, from the original text, so both engines show the same.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, Max, Q
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from zhifa.lawbase.choices import LawStatus
from zhifa.lawbase.models import Article, Law, SearchDocument, SearchKind, SearchSynonym
from zhifa.lawbase.numerals import article_number, parse_ordinal
from zhifa.lawbase.search.segment import tokens

MAX_TERMS = 32
SNIPPET = 80
TITLE_WEIGHT = 4.0
_ARTICLE_REF = re.compile(r"《?([^《》\s第]{2,60}?)》?\s*第([零一二两三四五六七八九十百千〇\d]+)条")


@dataclass(frozen=True)
class Filters:
    kinds: tuple[str, ...] = ()
    level: str = ""  # LawLevel
    in_force: bool | None = None
    domain: str = ""  # Domain.code
    region_path: str = ""  # the searcher's region: national texts and those of the regions above it


@dataclass(frozen=True)
class Hit:
    kind: str
    object_id: int
    title: str
    url: str
    score: float
    snippet: str
    snippet_html: SafeString
    law_title: str = ""
    article_number: str = ""
    matter_code: str = ""
    in_force: bool = True
    exact: bool = False

    def get_kind_display(self) -> str:
        return str(SearchKind(self.kind).label)

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "title": self.title,
            "law_title": self.law_title,
            "article_number": self.article_number,
            "matter_code": self.matter_code or None,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "url": self.url,
            "in_force": self.in_force,
        }


@dataclass
class Query:
    text: str
    terms: list[str] = field(default_factory=list)  # the query's own words
    expansions: list[str] = field(default_factory=list)  # words its colloquial terms stand for
    synonyms: list[SearchSynonym] = field(default_factory=list)


@dataclass(frozen=True)
class _SynonymList:
    stamp: tuple[Any, ...]
    entries: tuple[tuple[SearchSynonym, tuple[str, ...]], ...]  # each synonym with its means' tokens


# The process's copy of the list (one entry, replaced whole: a reader never sees it half-built).
_held: dict[str, _SynonymList] = {}


def _synonym_stamp() -> tuple[Any, ...]:
    # Any save bumps updated_at or adds an id, any removal lowers the count: one cheap aggregate
    # tells every process whether the list it holds is still the administrator's.
    found = SearchSynonym.objects.aggregate(n=Count("id"), last_id=Max("id"), last_change=Max("updated_at"))
    return (found["n"], found["last_id"], found["last_change"])


def synonym_list() -> tuple[tuple[SearchSynonym, tuple[str, ...]], ...]:
    """The synonyms with their statutory wording segmented, read again only when the list changed."""
    stamp = _synonym_stamp()
    held = _held.get("list")
    if held is None or held.stamp != stamp:
        entries = tuple((s, tuple(tokens(s.means))) for s in SearchSynonym.objects.all())
        held = _held["list"] = _SynonymList(stamp, entries)
    return held.entries


def parse(text: str, *, synonyms: bool = True) -> Query:
    """The query's own words, and apart from them the statutory words its colloquial terms stand for."""
    text = text.strip()
    query = Query(text)
    matched = [(s, words) for s, words in synonym_list() if s.term in text] if synonyms else []
    query.synonyms = [s for s, _ in matched]
    own = list(dict.fromkeys(tokens(text)))[:MAX_TERMS]
    expanded = dict.fromkeys(t for _, words in matched for t in words)
    query.terms = own
    query.expansions = [t for t in expanded if t not in own][:MAX_TERMS]
    return query


def search(text: str, *, filters: Filters | None = None, limit: int = 20, synonyms: bool = True) -> list[Hit]:
    """The ranked hits for `text`; synonyms=False searches the words as typed (to measure what
    the synonym list adds)."""
    filters = filters or Filters()
    query = parse(text, synonyms=synonyms)
    if not query.terms and not query.expansions:
        return []
    exact = _named_article(query.text, filters, query.synonyms)
    wanted = limit * 3 + 10
    # One statement per search: the engine ranks the searcher's words and, at EXPANSION_WEIGHT,
    # the words its synonyms add, with the kind / matter / in-force boosts applied before LIMIT.
    ranked = {
        doc_id: (score, code) for doc_id, score, code in _engine().rank(query.terms, query.expansions, filters, wanted)
    }
    scores = _diversified(ranked)
    ids = sorted(scores, key=lambda i: (-scores[i], i))
    if exact is not None:
        ids = [exact, *[i for i in ids if i != exact]]
    ids = ids[:limit]
    # Only what is shown is read back, with its text for the snippet.
    docs = SearchDocument.objects.only(*SHOWN_FIELDS).in_bulk(ids)
    top = max(scores.values(), default=1.0)
    highlight = _highlight_pattern(query)
    hits = []
    for doc_id in ids:
        doc = docs.get(doc_id)
        if doc is None:
            continue
        is_exact = doc_id == exact
        plain, html = _snippet(doc.text, highlight)
        hits.append(
            Hit(
                kind=doc.kind,
                object_id=doc.object_id,
                title=doc.title,
                url=doc.url,
                score=top + 1.0 if is_exact else scores.get(doc_id, 0.0),
                snippet=plain,
                snippet_html=html,
                law_title=doc.law_title,
                article_number=doc.article_number,
                matter_code=doc.matter_code,
                in_force=doc.in_force,
                exact=is_exact,
            )
        )
    return hits


# A benchmark or a typical case repeats its matter's words; the matter and its articles come first.
KIND_WEIGHT: dict[str, float] = {SearchKind.BENCHMARK: 0.8, SearchKind.REFERENCE: 0.9}
NOT_IN_FORCE_WEIGHT = 0.5
EXPANSION_WEIGHT = 0.5
# 执法宝典 is for enforcement: a matter, or an article some matter rests on, before an article no
# matter uses (a product choice, set before measuring, not fitted to the evaluation set).
MATTER_WEIGHT = 1.25
REPEAT_WEIGHT = 0.6
PG_PREFIX_BELOW = 2  # multi-character terms


SHOWN_FIELDS = ("kind", "object_id", "title", "text", "url", "law_title", "article_number", "matter_code", "in_force")


def _weight_sql() -> str:
    """The boosts as one SQL factor over the row d: the engines apply them before LIMIT, so a
    matter entry just below the cut is not lost to a benchmark above it."""
    kinds = " ".join(f"WHEN '{kind}' THEN {weight!r}" for kind, weight in KIND_WEIGHT.items())
    return (
        f"(CASE d.kind {kinds} ELSE 1.0 END)"
        f" * (CASE WHEN d.matter_code <> '' THEN {MATTER_WEIGHT!r} ELSE 1.0 END)"
        f" * (CASE WHEN d.in_force THEN 1.0 ELSE {NOT_IN_FORCE_WEIGHT!r} END)"
    )


def _diversified(ranked: dict[int, tuple[float, str]]) -> dict[int, float]:
    """Each further entry of a matter already ranked (its article, its benchmarks) counts less, so
    that five results are not one matter five times. `ranked` maps an entry to (score, matter code)."""
    seen: dict[str, int] = {}
    out: dict[int, float] = {}
    for doc_id in sorted(ranked, key=lambda i: (-ranked[i][0], i)):
        score, code = ranked[doc_id]
        repeats = seen.get(code, 0) if code else 0
        out[doc_id] = score * (REPEAT_WEIGHT**repeats)
        if code:
            seen[code] = repeats + 1
    return out


def _named_article(text: str, filters: Filters, synonyms: Sequence[SearchSynonym] = ()) -> int | None:
    """The index entry of an article the query names outright, e.g. 行政处罚法第三十二条."""
    if filters.kinds and SearchKind.ARTICLE not in filters.kinds:
        return None
    found = _ARTICLE_REF.search(text)
    if found is None:
        return None
    name, numeral = found.group(1).strip("《》 "), found.group(2)
    try:
        number = article_number(parse_ordinal(numeral))
    except ValueError:
        return None
    law = _named_law(name)
    for synonym in synonyms if law is None else ():
        # A short name people use (环评法): spell the synonym out (环境影响评价法) and try again.
        if synonym.term in name and synonym.means:
            law = _named_law(name.replace(synonym.term, synonym.means.split()[0]))
            if law is not None:
                break
    if law is None:
        return None
    article = Article.objects.filter(law=law, number=number).first()
    if article is None:
        return None
    doc = SearchDocument.objects.filter(kind=SearchKind.ARTICLE, object_id=article.pk).first()
    return doc.pk if doc is not None else None


def _named_law(name: str) -> Law | None:
    """The law a name ends with (请问行政处罚法 → 中华人民共和国行政处罚法), the version in force."""
    suffixes = [name[i:] for i in range(len(name) - 1)]
    condition = Q()
    for suffix in suffixes:
        condition |= Q(title__endswith=suffix) | Q(short_title=suffix)
    laws = list(Law.objects.filter(condition).only("title", "short_title", "status", "promulgated"))
    if not laws:
        return None

    def fit(law: Law) -> tuple[int, bool, Any]:
        longest = max((len(s) for s in suffixes if law.title.endswith(s) or law.short_title == s), default=0)
        return longest, law.status == LawStatus.IN_FORCE, law.promulgated or dt.date.min

    return max(laws, key=fit)


def _highlight_terms(query: Query) -> list[str]:
    words = [t for t in [*query.terms, *query.expansions] if len(t) > 1] or query.terms
    words += [s.term for s in query.synonyms]
    return sorted(set(words), key=len, reverse=True)


def _highlight_pattern(query: Query) -> re.Pattern[str] | None:
    terms = _highlight_terms(query)
    return re.compile("|".join(re.escape(t) for t in terms)) if terms else None


def snippet(text: str, terms: list[str], width: int = SNIPPET) -> tuple[str, SafeString]:
    """A window of `text` around its first term, plain and with the terms in <mark>."""
    return _snippet(text, re.compile("|".join(re.escape(t) for t in terms)) if terms else None, width)


def _snippet(text: str, pattern: re.Pattern[str] | None, width: int = SNIPPET) -> tuple[str, SafeString]:
    text = re.sub(r"\s+", " ", text).strip()
    if not text:
        return "", mark_safe("")  # noqa: S308 - empty
    first = pattern.search(text) if pattern else None
    start = max(0, (first.start() if first else 0) - width // 4)
    window = text[start : start + width]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + width < len(text) else ""
    plain = f"{prefix}{window}{suffix}"
    if pattern is None:
        return plain, escape(plain)
    parts: list[str] = []
    last = 0
    for m in pattern.finditer(window):
        parts.append(str(escape(window[last : m.start()])))
        parts.append(f"<mark>{escape(m.group(0))}</mark>")
        last = m.end()
    parts.append(str(escape(window[last:])))
    return plain, mark_safe(f"{escape(prefix)}{''.join(parts)}{escape(suffix)}")  # noqa: S308 - every piece escaped


# --- the engines ---------------------------------------------------------------------------------


def _filter_sql(filters: Filters) -> tuple[str, list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if filters.kinds:
        where.append(f"d.kind IN ({', '.join(['%s'] * len(filters.kinds))})")
        params.extend(filters.kinds)
    if filters.level:
        where.append("d.law_level = %s")
        params.append(filters.level)
    if filters.in_force is not None:
        where.append("d.in_force = %s")
        params.append(filters.in_force)
    if filters.domain:
        where.append("d.domains LIKE %s")
        params.append(f"% {filters.domain} %")
    if filters.region_path:
        where.append("(d.region_path = '' OR %s LIKE d.region_path || '%%')")
        params.append(filters.region_path)
    return "".join(f" AND {w}" for w in where), params


class SqliteEngine:
    @staticmethod
    def _expression(terms: list[str]) -> str:
        # A single character (堆, 砍) also matches the words it begins (堆放, 砍伐).
        return " OR ".join(f'"{t}"*' if len(t) == 1 else f'"{t}"' for t in terms)

    def rank(
        self, terms: list[str], expansions: list[str], filters: Filters, limit: int
    ) -> list[tuple[int, float, str]]:
        if not terms and not expansions:
            return []
        where, params = _filter_sql(filters)
        # bm25 needs a MATCH of its own, so each word list is one sub-select; the sum per entry is
        # weighted and cut in the same statement.
        ctes, parts, match_params = [], [], []
        for name, words, own, wide in (
            ("own", terms, "s", "0.0"),
            ("wide", expansions, "0.0", f"{EXPANSION_WEIGHT!r} * s"),
        ):
            if words:
                # MATERIALIZED: bm25 only works in the statement that does the MATCH, so the
                # planner must not fold it into the union.
                ctes.append(
                    f"{name} AS MATERIALIZED (SELECT rowid AS id,"  # noqa: S608 - constants only
                    f" -bm25(lawbase_search_fts, {TITLE_WEIGHT}, 1.0) AS s"
                    " FROM lawbase_search_fts WHERE lawbase_search_fts MATCH %s)"
                )
                parts.append(f"SELECT id, {own} AS own, {wide} AS wide FROM {name}")  # noqa: S608 - constants only
                match_params.append(self._expression(words))
        sql = (
            f"WITH {', '.join(ctes)} "  # noqa: S608 - placeholders only
            f"SELECT d.id, (SUM(m.own) + SUM(m.wide)) * {_weight_sql()} AS score, d.matter_code "
            f"FROM ({' UNION ALL '.join(parts)}) m JOIN lawbase_searchdocument d ON d.id = m.id "
            f"WHERE 1 = 1{where} GROUP BY d.id ORDER BY score DESC, d.id LIMIT %s"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [*match_params, *params, limit])
            return [(row[0], float(row[1]), row[2]) for row in cursor.fetchall()]


# Term statistics for choosing the words that find candidates on PostgreSQL: how many entries
# each word occurs in. Approximate by design (a word added since counts as rare, which it is), so
# they are read once and then at most every STATS_TTL seconds, never per query.
STATS_TTL = 600.0
# ts_rank scores every entry the match finds and has no top-k shortcut: the match uses the query's
# rarer words up to about this many entries; the common ones still count in the score.
CANDIDATE_BUDGET = 1500


@dataclass(frozen=True)
class _TermStats:
    read_at: float
    ndoc: dict[str, int]


_term_stats: dict[str, _TermStats] = {}


def term_frequencies() -> dict[str, int]:
    held = _term_stats.get("pg")
    if held is None or time.monotonic() - held.read_at > STATS_TTL:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT word, ndoc FROM ts_stat('SELECT search_vector FROM {SearchDocument._meta.db_table}')"  # noqa: S608 - constant
            )
            ndoc = dict(cursor.fetchall())
        # A prefix term (堆:*) finds the entries of every word it begins: count their sum for it.
        for word, count in list(ndoc.items()):
            ndoc[f"{word[0]}:*"] = ndoc.get(f"{word[0]}:*", 0) + count
        held = _term_stats["pg"] = _TermStats(time.monotonic(), ndoc)
    return held.ndoc


def candidate_terms(words: list[str], ndoc: dict[str, int], budget: int = CANDIDATE_BUDGET) -> list[str]:
    """The rarest of `words` whose entries together stay within `budget` (at least the rarest
    one): an entry none of them occurs in would rank below the cut anyway."""
    chosen: list[str] = []
    total = 0
    for word in sorted(words, key=lambda w: (ndoc.get(w, 0), w)):
        count = ndoc.get(word, 0)
        if chosen and total + count > budget:
            break
        chosen.append(word)
        total += count
    return chosen


class PostgresEngine:
    def rank(
        self, terms: list[str], expansions: list[str], filters: Filters, limit: int
    ) -> list[tuple[int, float, str]]:
        if not terms and not expansions:
            return []
        # Prefix terms make every word a common character begins a candidate; keep them for short
        # queries, where a single character carries weight.
        prefix = sum(1 for t in terms if len(t) > 1) < PG_PREFIX_BELOW
        own_terms = [f"{t}:*" if len(t) == 1 and prefix else t for t in terms]
        own, wide = " | ".join(own_terms), " | ".join(expansions)
        where, params = _filter_sql(filters)
        # Weights D, C, B, A: the title tokens (A) count four times the body (B), as on SQLite.
        rank = "ts_rank('{0.0, 0.0, 0.25, 1.0}', d.search_vector, to_tsquery('simple', %s), 1)"
        scores, score_params = [], []
        for words, weight in ((own, ""), (wide, f"{EXPANSION_WEIGHT!r} * ")):
            if words:
                scores.append(weight + rank)
                score_params.append(words)
        candidates = " | ".join(candidate_terms([*own_terms, *expansions], term_frequencies()))
        # One statement: the GIN index finds the candidates, the boosts apply before LIMIT.
        sql = (
            f"SELECT d.id, ({' + '.join(scores)}) * {_weight_sql()} AS score, d.matter_code "  # noqa: S608 - placeholders only
            f"FROM lawbase_searchdocument d WHERE d.search_vector @@ to_tsquery('simple', %s){where} "
            "ORDER BY score DESC, d.id LIMIT %s"
        )
        with transaction.atomic(), connection.cursor() as cursor:
            # The planner prices a sequential scan's @@ test without the cost of detoasting every
            # entry's vector, so from ~1,000 expected candidates on it scans all 12,879 entries
            # (~50 ms) instead of the GIN index (~8 ms). The candidate budget bounds the match, so
            # the index is always the right path: sequential scans are off for this statement only
            # (set_config(…, true) lasts to the end of the transaction, so the old value is put back
            # for a caller's enclosing one; an error rolls the setting back with the savepoint).
            cursor.execute("SELECT current_setting('enable_seqscan'), set_config('enable_seqscan', 'off', true)")
            (previous, _) = cursor.fetchone()
            cursor.execute(sql, [*score_params, candidates, *params, limit])
            rows = [(row[0], float(row[1]), row[2]) for row in cursor.fetchall()]
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [previous])
            return rows


def _engine() -> SqliteEngine | PostgresEngine:
    return PostgresEngine() if connection.vendor == "postgresql" else SqliteEngine()
