"""The quality floor of 在线找法: the main evaluation set over the laws the demo matters rest on.

The figures reported in bench/README.md come from the whole shipped law base (`zhifa lawbase
evaluate` after `zhifa demo`); loading 214 laws is too slow for a test, so this one loads the laws
the demo matters cite (the strongest competitors of every expected answer) and the demo matters,
and fails when a change to segmentation, synonyms or ranking costs more than a few pairs.
"""

from __future__ import annotations

import pytest

from tests.factories.orgs import DomainFactory, region_tree
from tests.module_data import module_transaction
from zhifa.core.demo import DemoReport
from zhifa.lawbase import demo_data
from zhifa.lawbase.actions.laws import import_laws
from zhifa.lawbase.actions.synonyms import load_default_synonyms
from zhifa.lawbase.law_data import iter_laws, laws_by_title
from zhifa.lawbase.search.evaluation import SETS, evaluate, load_pairs

pytestmark = pytest.mark.django_db

# A little under the figures measured on this corpus (see bench/README.md): a fall below them means
# a change made the search worse for several of the 240 descriptions. Raise them when it improves.
FLOOR_HIT_AT_5 = 0.77
FLOOR_HIT_AT_1 = 0.56


@pytest.fixture(scope="module")
def module_catalogue(django_db_setup, django_db_blocker):
    with module_transaction(django_db_blocker, "module-catalogue"):
        region_tree()
        _demo_catalogue()
        yield


def _demo_catalogue():
    for code in ("urban_management", "market_regulation", "ecology_environment"):
        DomainFactory(code=code)
    cited = {laws_by_title()[b["law"]]["title"] for m in demo_data.demo_matters() for b in m["basis"]}
    import_laws(by=None, records=(law for law in iter_laws() if law["title"] in cited))
    demo_data.load_matters(DemoReport())
    load_default_synonyms(by=None)


def test_the_main_set_stays_above_its_floor(module_catalogue):
    report = evaluate(load_pairs(SETS["main"]))
    assert report.n == 240
    assert report.hit_at_5 >= FLOOR_HIT_AT_5, report.lines()[0]
    assert report.hit_at_1 >= FLOOR_HIT_AT_1, report.lines()[0]
    # Every citation names its article outright, so it must come first.
    assert report.by_style["citation"].hit_at_1 == 1.0


def test_the_synonym_list_earns_its_place_on_the_held_out_set(module_catalogue):
    pairs = load_pairs(SETS["heldout"])
    assert evaluate(pairs, synonyms=True).hit_at_5 > evaluate(pairs, synonyms=False).hit_at_5
