"""The search evaluation set: the shipped pairs agree with the demo matters and the law texts, and
evaluate() scores a ranking the way the figures are reported."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import pytest

from zhifa.lawbase.actions.synonyms import load_default_synonyms
from zhifa.lawbase.law_data import DATA_DIR, article, laws_by_title
from zhifa.lawbase.models import SearchKind
from zhifa.lawbase.search.evaluation import STYLES, Pair, answers, evaluate, load_pairs
from zhifa.lawbase.search.query import Hit

from .test_search import stalls  # noqa: F401 - the fixture, shared with the search tests


def _demo_matters() -> dict[str, dict[str, Any]]:
    with (DATA_DIR / "demo_matters.json").open(encoding="utf-8") as handle:
        return {m["code"]: m for m in json.load(handle)}


def test_every_shipped_pair_names_a_demo_matter_and_its_violated_article():
    matters = _demo_matters()
    pairs = load_pairs()
    for pair in pairs:
        assert pair.matter in matters, pair
        violated = next(b for b in matters[pair.matter]["basis"] if b["role"] == "violated")
        # demo_matters.json cites by short title (食品安全法); the index reports the full one.
        assert laws_by_title()[violated["law"]]["title"] == pair.law, pair
        assert violated["article"] == pair.article, pair
        assert article(pair.law, pair.article) is not None, pair


def test_the_shipped_set_is_broad_and_does_not_just_repeat_the_matter_names():
    matters = _demo_matters()
    pairs = load_pairs()
    assert len(pairs) >= 170
    covered = {p.matter for p in pairs}
    assert len(covered) >= 100
    assert {code.split("-")[0] for code in covered} == {"CG", "SJ", "HB"}
    styles = Counter(p.style for p in pairs)
    assert set(styles) == set(STYLES)
    assert 10 <= styles["citation"] <= 25
    assert len({p.query for p in pairs}) == len(pairs)
    for pair in pairs:
        names = [matters[pair.matter]["name"], *matters[pair.matter]["aliases"]]
        assert pair.query not in names, pair


def _hit(kind: str, *, matter_code: str = "", law_title: str = "", number: str = "") -> Hit:
    return Hit(
        kind=kind,
        object_id=1,
        title="t",
        url="/",
        score=1.0,
        snippet="",
        snippet_html="",  # type: ignore[arg-type]
        law_title=law_title,
        article_number=number,
        matter_code=matter_code,
    )


def test_a_result_answers_by_its_matter_or_as_the_expected_article_itself():
    pair = Pair("店门口摆摊", "CG-002", "浙江省城市市容和环境卫生管理条例", 16, "officer")
    law = pair.law
    assert answers(_hit(SearchKind.BENCHMARK, matter_code="CG-002"), pair)
    assert answers(_hit(SearchKind.ARTICLE, matter_code="CG-099", law_title=law, number="第十六条"), pair)
    assert not answers(_hit(SearchKind.ARTICLE, law_title=law, number="第十七条"), pair)
    # Another matter citing the same article is a different matter, not the article.
    assert not answers(_hit(SearchKind.MATTER, matter_code="CG-099", law_title=law, number="第十六条"), pair)


@pytest.mark.django_db
def test_evaluate_scores_hits_per_style_and_lists_the_misses(stalls):  # noqa: F811 - the imported fixture
    load_default_synonyms(by=None)
    law = "浙江省城市市容和环境卫生管理条例"
    pairs = [
        Pair("店门口摆摊卖水果", "CG-002", law, 16, "officer"),
        # No such matter: only the article named outright can answer it.
        Pair("浙江省城市市容和环境卫生管理条例第十六条", "X-000", law, 16, "citation"),
        Pair("占道经营", "T-404", "中华人民共和国广告法", 9, "citizen"),
    ]
    report = evaluate(pairs)
    assert report.n == 3
    assert report.hit_at_5 == pytest.approx(2 / 3)
    assert report.hit_at_k == report.hit_at_5
    assert report.by_style["officer"].hit_at_5 == 1.0
    assert report.by_style["citation"].hit_at_1 == 1.0
    assert report.by_style["citizen"].hit_at_5 == 0.0
    assert report.found_via.get(SearchKind.ARTICLE, 0) >= 1
    [miss] = report.misses
    assert miss.query == "占道经营"
    assert miss.expected == "T-404 《中华人民共和国广告法》第九条"
    assert stalls.name in miss.top
    assert len(report.lines()) == 1 + 3 + 1 + 1

    strict = evaluate(pairs, k=1)
    assert strict.hit_at_k == strict.hit_at_1
    assert strict.hit_at_5 == report.hit_at_5
    with pytest.raises(ValueError, match="k must be"):
        evaluate(pairs, k=0)
