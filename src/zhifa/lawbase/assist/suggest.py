"""describe → suggest: the matters a described behaviour most likely falls under, each with the
articles it rests on, the statutory limits and the benchmark rows in force."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from zhifa.lawbase.choices import BasisRole
from zhifa.lawbase.models import DiscretionBenchmark, LegalBasis, Matter, SearchKind, StatutoryPenalty
from zhifa.lawbase.search.query import Filters, Hit, search
from zhifa.lawbase.selectors import benchmark_in_force, ordered_bases, statutory_limits

# Hits per candidate considered; further hits on the same matter add a little, so a matter found
# by its name, its article and its benchmark ranks above one found by a single stray word.
SUPPORT_WEIGHT = 0.1


@dataclass
class Candidate:
    matter: Matter
    score: float
    hits: list[Hit] = field(default_factory=list)
    violated: list[LegalBasis] = field(default_factory=list)
    penalty: list[LegalBasis] = field(default_factory=list)
    limits: list[tuple[LegalBasis, list[StatutoryPenalty]]] = field(default_factory=list)
    benchmark: DiscretionBenchmark | None = None


def suggest(
    text: str,
    *,
    on: dt.date | None = None,
    region_path: str | None = None,
    domain: str = "",
    limit: int = 5,
) -> list[Candidate]:
    on = on or timezone.localdate()
    hits = search(
        text,
        filters=Filters(kinds=(SearchKind.MATTER, SearchKind.ARTICLE, SearchKind.BENCHMARK), domain=domain),
        limit=limit * 8,
    )
    by_code: dict[str, list[Hit]] = {}
    for hit in hits:
        if hit.matter_code:
            by_code.setdefault(hit.matter_code, []).append(hit)
    matters = {m.code: m for m in Matter.objects.filter(code__in=by_code).select_related("domain", "region")}
    candidates = []
    for code, found in by_code.items():
        matter = matters.get(code)
        if matter is None or not matter.in_force_on(on):
            continue
        if region_path is not None and matter.region is not None and not region_path.startswith(matter.region.path):
            continue
        scores = sorted((h.score for h in found), reverse=True)
        candidates.append(Candidate(matter, scores[0] + SUPPORT_WEIGHT * sum(scores[1:]), found))
    candidates.sort(key=lambda c: (-c.score, c.matter.code))
    for candidate in candidates[:limit]:
        bases = ordered_bases(candidate.matter)
        candidate.violated = [b for b in bases if b.role == BasisRole.VIOLATED]
        candidate.penalty = [b for b in bases if b.role == BasisRole.PENALTY]
        candidate.limits = statutory_limits(candidate.matter)
        candidate.benchmark = benchmark_in_force(candidate.matter, on, region_path)
    return candidates[:limit]
