"""How often 在线找法 puts the right enforcement matter or article near the top.

The evaluation set (`data/search_eval.jsonl`) pairs what people actually type (an officer's field
note, a citizen's complaint, or a citation) with the demo matter that applies and that matter's
violated article. The queries were written from the matters, not from the engine's results, so the
figures measure the search rather than fit it; do not reword a query to make it pass.

    from zhifa.lawbase.search.evaluation import evaluate, load_pairs
    report = evaluate(load_pairs())
    print(report.n, report.hit_at_1, report.hit_at_5)
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from zhifa.lawbase.law_data import DATA_DIR
from zhifa.lawbase.models import SearchKind
from zhifa.lawbase.numerals import article_number
from zhifa.lawbase.search.query import Hit, search

DEFAULT = DATA_DIR / "search_eval.jsonl"
# The main set was written beside the synonym list, so its figures flatter the synonyms; the
# held-out set was written afterwards from the matters and the laws alone and is never used to
# tune the synonyms, the dictionary or the weights. Add to it, do not fit to it.
SETS = {"main": DEFAULT, "heldout": DATA_DIR / "search_eval_heldout.jsonl"}
STYLES = ("officer", "citizen", "citation")
SHOWN = 3  # results quoted with each miss: enough to see what won instead


@dataclass(frozen=True)
class Pair:
    query: str
    matter: str  # Matter.code, e.g. CG-002
    law: str  # the violated article's law, full title as indexed (中华人民共和国…)
    article: int  # its number, 16 for 第十六条
    style: str  # one of STYLES

    @property
    def article_number(self) -> str:
        return article_number(self.article)

    @property
    def expected(self) -> str:
        return f"{self.matter} 《{self.law}》{self.article_number}"


@dataclass(frozen=True)
class Miss:
    query: str
    style: str
    expected: str
    top: tuple[str, ...]  # titles of the first SHOWN results


@dataclass(frozen=True)
class Figures:
    n: int
    hit_at_1: float
    hit_at_5: float
    hit_at_k: float


@dataclass(frozen=True)
class Report:
    k: int
    n: int
    hit_at_1: float
    hit_at_5: float
    hit_at_k: float  # equals hit_at_5 at the default k
    by_style: dict[str, Figures]
    # What kind of result first answered each pair found within k: tells whether the matter itself
    # is found or only reached through its article, a benchmark or a typical case.
    found_via: dict[str, int]
    misses: list[Miss]

    def lines(self) -> list[str]:
        """A plain-text summary for the shell and the benchmark notes."""
        head = f"n={self.n} hit@1={self.hit_at_1:.3f} hit@5={self.hit_at_5:.3f}"
        rows = [head if self.k == 5 else f"{head} hit@{self.k}={self.hit_at_k:.3f}"]
        rows += [
            f"  {style:<9} n={f.n:<4} hit@1={f.hit_at_1:.3f} hit@5={f.hit_at_5:.3f}"
            for style, f in self.by_style.items()
        ]
        rows.append("  found via " + ", ".join(f"{kind}={count}" for kind, count in self.found_via.items()))
        rows += [f"  MISS [{m.style}] {m.query} → {m.expected}; got {' | '.join(m.top)}" for m in self.misses]
        return rows


def load_pairs(path: Path = DEFAULT) -> list[Pair]:
    pairs = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            record = json.loads(line)
            if record["style"] not in STYLES:
                raise ValueError(f"{path.name}:{number}: unknown style {record['style']!r}")
            pairs.append(
                Pair(
                    query=record["query"],
                    matter=record["matter"],
                    law=record["law"],
                    article=int(record["article"]),
                    style=record["style"],
                )
            )
    return pairs


def answers(hit: Hit, pair: Pair) -> bool:
    """A result answers the pair when it is about the expected matter (the matter itself, its
    benchmark, a case or an article filed under it), or is the expected article itself: several
    matters share one violated article (食品安全法第三十四条), and the article is then the answer
    even when the index files it under a sibling matter."""
    if hit.matter_code == pair.matter:
        return True
    return hit.kind == SearchKind.ARTICLE and (hit.law_title, hit.article_number) == (pair.law, pair.article_number)


def first_answer(hits: Sequence[Hit], pair: Pair) -> int | None:
    """The 0-based rank of the first result that answers the pair, if any."""
    return next((rank for rank, hit in enumerate(hits) if answers(hit, pair)), None)


def evaluate(pairs: Iterable[Pair], *, k: int = 5, synonyms: bool = True) -> Report:
    if k < 1:
        raise ValueError("k must be at least 1")
    # Fetch enough for both hit@5 and hit@k so the two figures come from the same ranking.
    limit = max(k, 5)
    ranks: list[tuple[Pair, int | None]] = []
    found_via: Counter[str] = Counter()
    misses: list[Miss] = []
    for pair in pairs:
        hits = search(pair.query, limit=limit, synonyms=synonyms)
        rank = first_answer(hits, pair)
        ranks.append((pair, rank))
        if rank is not None and rank < k:
            found_via[hits[rank].kind] += 1
        else:
            misses.append(Miss(pair.query, pair.style, pair.expected, tuple(h.title for h in hits[:SHOWN])))
    overall = _figures([rank for _, rank in ranks], k)
    by_style = {
        style: _figures([rank for pair, rank in ranks if pair.style == style], k)
        for style in STYLES
        if any(pair.style == style for pair, _ in ranks)
    }
    return Report(
        k=k,
        n=overall.n,
        hit_at_1=overall.hit_at_1,
        hit_at_5=overall.hit_at_5,
        hit_at_k=overall.hit_at_k,
        by_style=by_style,
        found_via=dict(found_via.most_common()),
        misses=misses,
    )


def _figures(ranks: Sequence[int | None], k: int) -> Figures:
    n = len(ranks)

    def share(cut: int) -> float:
        # An empty set scores 0 rather than dividing by zero; n says how much the figure is worth.
        return sum(1 for r in ranks if r is not None and r < cut) / n if n else 0.0

    return Figures(n=n, hit_at_1=share(1), hit_at_5=share(5), hit_at_k=share(k))


def evaluate_suggest(pairs: Iterable[Pair], *, k: int = 5, on: dt.date | None = None) -> Figures:
    """The same pairs through describe → suggest, where only the matter counts: is the expected
    matter among the first k candidates the staff page puts above the results?"""
    from zhifa.lawbase.assist.suggest import suggest

    ranks: list[int | None] = []
    for pair in pairs:
        codes = [c.matter.code for c in suggest(pair.query, limit=k, on=on)]
        ranks.append(codes.index(pair.matter) if pair.matter in codes else None)
    return _figures(ranks, k)
