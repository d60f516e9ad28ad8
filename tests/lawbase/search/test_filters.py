"""The search filters (law level, in force or repealed, domain, region) on every surface: the
staff page, the public page, the API and the command line."""

from __future__ import annotations

import json
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories.lawbase import make_matter
from tests.factories.orgs import DomainFactory, OfficerFactory, RegionFactory
from zhifa.lawbase.actions.search_index import index_laws
from zhifa.lawbase.choices import LawStatus
from zhifa.lawbase.models import Law
from zhifa.orgs.choices import RegionLevel

pytestmark = pytest.mark.django_db

ZHEJIANG = "浙江省城市市容和环境卫生管理条例"  # local regulation, tied to 浙江省 below
NATIONAL = "城市市容和环境卫生管理条例"  # administrative regulation, national
PENALTIES = "中华人民共和国行政处罚法"  # law, repealed below
QUERY = "城市市容 设摊经营 从轻或者减轻行政处罚"
STALLS = ("《浙江省城市市容和环境卫生管理条例》第十六条第三款", "《浙江省城市市容和环境卫生管理条例》第四十二条第一款")


@pytest.fixture
def corpus(regions):
    """One law of each level the query finds; 浙江's regulation tied to 浙江省, the penalty law repealed,
    a matter in urban management resting on 浙江's article."""
    Law.objects.filter(title=ZHEJIANG).update(region=regions["province"])
    Law.objects.filter(title=PENALTIES).update(status=LawStatus.REPEALED)
    index_laws(Law.objects.filter(title__in=[ZHEJIANG, PENALTIES]))
    make_matter("CG-002", basis=STALLS, name="擅自占用人行道设摊经营", domain=DomainFactory(code="urban_management"))
    DomainFactory(code="market_regulation")
    RegionFactory(code="320000", name="江苏省", level=RegionLevel.PROVINCE)


# Each filter, what it should let through. Results are reduced to the law titles (or matter codes) shown.
CASES = [
    ({"level": "local_regulation"}, {ZHEJIANG}, {NATIONAL, PENALTIES}),
    ({"level": "administrative_regulation"}, {NATIONAL}, {ZHEJIANG, PENALTIES}),
    ({"in_force": "1"}, {ZHEJIANG, NATIONAL}, {PENALTIES}),
    ({"in_force": "0"}, {PENALTIES}, {ZHEJIANG, NATIONAL}),
    ({"domain": "urban_management"}, {ZHEJIANG}, {NATIONAL, PENALTIES}),
    ({"domain": "market_regulation"}, set(), {ZHEJIANG, NATIONAL, PENALTIES}),
    ({"region": "330106"}, {ZHEJIANG, NATIONAL}, set()),
    ({"region": "320000"}, {NATIONAL, PENALTIES}, {ZHEJIANG}),
]


def _on_a_page(params: dict[str, str], shown: set[str]) -> set[str]:
    # A page shows 30 results and ranks repealed texts at half weight: unless asked for, the
    # repealed law's articles may all fall below the 30 the page lists.
    return shown if params.get("in_force") == "0" else shown - {PENALTIES}


def _titles(text: str) -> set[str]:
    return {t for t in (ZHEJIANG, NATIONAL, PENALTIES) if f"《{t}》" in text}


@pytest.mark.parametrize(("params", "shown", "hidden"), CASES)
def test_the_api_filters(corpus, signed_in, params, shown, hidden):
    client = signed_in(OfficerFactory().user)
    api = {"in_force": {"1": "true", "0": "false"}[params["in_force"]]} if "in_force" in params else params
    reply = client.get("/api/v1/search", {"q": QUERY, "limit": 100, "kind": "article", **api})
    assert reply.status_code == 200
    titles = {r["law_title"] for r in reply.json()["results"]}
    assert shown <= titles
    assert not hidden & titles


@pytest.mark.parametrize(("params", "shown", "hidden"), CASES)
def test_the_staff_page_filters(corpus, signed_in, params, shown, hidden):
    page = signed_in(OfficerFactory().user).get("/lawbase/search/", {"q": QUERY, "kind": "article", **params})
    html = page.content.decode()
    found = _titles(html.split("全部结果", 1)[1])
    assert _on_a_page(params, shown) <= found
    assert not hidden & found
    # The form keeps what was chosen.
    name, value = next(iter(params.items()))
    assert re.search(rf'<select name="{name}".*?<option value="{value}" selected>', html, re.S)


@pytest.mark.parametrize(("params", "shown", "hidden"), CASES)
def test_the_public_page_filters(corpus, client, params, shown, hidden):
    html = client.get("/find-law/", {"q": QUERY, **params}).content.decode()
    found = _titles(html.split('class="search-results"', 1)[1])
    assert _on_a_page(params, shown) <= found
    assert not hidden & found


CLI = [
    (["--level", "local_regulation"], {ZHEJIANG}, {NATIONAL, PENALTIES}),
    (["--in-force"], {ZHEJIANG, NATIONAL}, {PENALTIES}),
    (["--repealed"], {PENALTIES}, {ZHEJIANG, NATIONAL}),
    (["--domain", "urban_management"], {ZHEJIANG}, {NATIONAL, PENALTIES}),
    (["--region", "320000"], {NATIONAL, PENALTIES}, {ZHEJIANG}),
]


@pytest.mark.parametrize(("args", "shown", "hidden"), CLI)
def test_the_command_line_filters(corpus, args, shown, hidden):
    out = StringIO()
    call_command("lawbase", "search", QUERY, "--json", "--limit", "100", "--kind", "article", *args, stdout=out)
    titles = {r["law_title"] for r in json.loads(out.getvalue())}
    assert shown <= titles
    assert not hidden & titles


def test_the_command_line_refuses_an_unknown_region_and_two_opposite_filters(corpus):
    with pytest.raises(CommandError, match="区划代码"):
        call_command("lawbase", "search", QUERY, "--region", "999999", stdout=StringIO())
    with pytest.raises(CommandError, match="只能选一个"):
        call_command("lawbase", "search", QUERY, "--in-force", "--repealed", stdout=StringIO())
