"""在线找法 over the real law subset the test session loads: what an officer types, what comes first."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from tests.factories.lawbase import make_matter
from zhifa.lawbase.actions.matters import update_matter
from zhifa.lawbase.actions.synonyms import load_default_synonyms, save_synonym
from zhifa.lawbase.choices import LawStatus
from zhifa.lawbase.models import Article, Law, SearchDocument, SearchKind
from zhifa.lawbase.search.query import Filters, search, snippet
from zhifa.lawbase.search.segment import tokens

pytestmark = pytest.mark.django_db

STALLS = ("《浙江省城市市容和环境卫生管理条例》第十六条第三款", "《浙江省城市市容和环境卫生管理条例》第四十二条第一款")


@pytest.fixture
def stalls(regions):
    return make_matter(
        "CG-002",
        basis=STALLS,
        name="擅自占用城市人行道、桥梁、地下通道以及其他公共场所设摊经营、兜售物品",
        aliases="占道经营、流动摊贩",
    )


def test_segmentation_keeps_the_words_and_drops_punctuation_and_particles():
    words = tokens("店门口摆摊卖水果，的了？")
    assert {"摆摊", "水果", "门口"} <= set(words)
    assert not {"，", "的", "了", "？"} & set(words)
    assert tokens("") == []


def test_an_article_named_outright_comes_first_with_chinese_or_arabic_numbers():
    for query in ("行政处罚法第三十二条", "《中华人民共和国行政处罚法》第32条", "请问行政处罚法第三十二条怎么规定"):
        first = search(query, limit=5)[0]
        assert first.title == "《中华人民共和国行政处罚法》第三十二条", query
        assert first.article_number == "第三十二条"
        assert first.exact
        assert first.url.endswith("#a32")


def test_a_colloquial_description_finds_the_matter_and_its_article(stalls):
    load_default_synonyms(by=None)
    hits = search("店门口摆摊卖水果", limit=5)
    top = [(h.kind, h.matter_code) for h in hits[:3]]
    assert (SearchKind.MATTER, "CG-002") in top
    article = next(h for h in hits if h.kind == SearchKind.ARTICLE)
    assert article.title == "《浙江省城市市容和环境卫生管理条例》第十六条"
    assert "设摊经营" in article.snippet


def test_the_synonym_list_is_data_an_administrator_extends(stalls):
    assert not any(h.matter_code == "CG-002" for h in search("练摊", limit=10))
    save_synonym(by=None, term="练摊", means="设摊经营 兜售物品")
    assert search("练摊", limit=3)[0].matter_code == "CG-002"


def test_the_index_follows_an_edit_in_the_same_transaction(stalls):
    assert not search("夜市小吃车", filters=Filters(kinds=(SearchKind.MATTER,)))
    update_matter(stalls, by=None, expected_version=stalls.version, aliases="占道经营、夜市小吃车")
    hits = search("夜市小吃车", filters=Filters(kinds=(SearchKind.MATTER,)))
    assert [h.matter_code for h in hits] == ["CG-002"]
    # The violated article carries the matter's words too, so it is found by them.
    assert any(h.kind == SearchKind.ARTICLE and h.matter_code == "CG-002" for h in search("夜市小吃车"))


def test_a_repealed_law_is_filtered_out_on_request_and_ranked_below_when_not():
    law = Law.objects.get(title="中华人民共和国行政处罚法")
    first = search("从轻或者减轻行政处罚", limit=3)[0]
    assert first.law_title == law.title
    Law.objects.filter(pk=law.pk).update(status=LawStatus.REPEALED)
    from zhifa.lawbase.actions.search_index import index_laws

    index_laws([law])
    assert all(h.law_title != law.title for h in search("从轻或者减轻行政处罚", filters=Filters(in_force=True)))
    assert any(not h.in_force for h in search("从轻或者减轻行政处罚", limit=50))


def test_filters_by_kind_and_level():
    hits = search("环境 污染 防治", filters=Filters(kinds=(SearchKind.LAW,), level="law"), limit=50)
    assert hits
    assert {h.kind for h in hits} == {SearchKind.LAW}
    laws = {law.title: law.level for law in Law.objects.all()}
    assert {laws[h.title.strip("《》")] for h in hits} == {"law"}


def test_every_article_of_the_loaded_laws_is_indexed():
    articles = Article.objects.count()
    assert SearchDocument.objects.filter(kind=SearchKind.ARTICLE).count() == articles


def test_snippets_escape_the_text_and_mark_the_terms():
    plain, html = snippet("当事人<script>占用城市道路</script>经营", ["占用", "城市道路"])
    assert plain == "当事人<script>占用城市道路</script>经营"
    assert "<script>" not in html
    assert "<mark>占用</mark><mark>城市道路</mark>" in html


def test_an_empty_query_finds_nothing():
    assert search("   ") == []
    assert search("，。！") == []


def test_the_command_line_prints_ranked_json(stalls):
    out = StringIO()
    call_command("lawbase", "search", "行政处罚法第三十二条", "--json", "--limit", "2", stdout=out)
    results = json.loads(out.getvalue())
    assert len(results) == 2
    assert results[0]["law_title"] == "中华人民共和国行政处罚法"
    assert results[0]["article_number"] == "第三十二条"
    assert set(results[0]) >= {"law_title", "article_number", "matter_code", "score", "snippet"}
    assert results[0]["score"] >= results[1]["score"]


def test_the_command_line_refuses_a_limit_below_one():
    with pytest.raises(CommandError):
        call_command("lawbase", "search", "摆摊", "--limit", "0", stdout=StringIO(), stderr=StringIO())


def test_the_api_answers_a_search_with_ranked_results(stalls, signed_in):
    from tests.factories.orgs import OfficerFactory

    client = signed_in(OfficerFactory().user)
    reply = client.get("/api/v1/search", {"q": "行政处罚法第三十二条", "limit": 3})
    assert reply.status_code == 200
    body = reply.json()
    assert body["results"][0]["title"] == "《中华人民共和国行政处罚法》第三十二条"
    assert len(body["results"]) == 3
    matters = client.get("/api/v1/search", {"q": "占道经营", "kind": "matter"}).json()["results"]
    assert [r["matter_code"] for r in matters] == ["CG-002"]
    assert "<mark>" in matters[0]["snippet_html"]


def test_the_api_refuses_an_empty_query_with_a_field_error(signed_in):
    from tests.factories.orgs import OfficerFactory

    reply = signed_in(OfficerFactory().user).get("/api/v1/search", {"q": ""})
    assert reply.status_code == 422
    assert "q" in reply.json()["fields"]


def test_the_staff_page_shows_results_with_highlighted_snippets(stalls, signed_in):
    from tests.factories.orgs import OfficerFactory

    page = signed_in(OfficerFactory().user).get("/lawbase/search/", {"q": "占道经营"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "CG-002" in html
    assert "<mark>" in html
    assert "/lawbase/matters/CG-002/" in html


def test_the_staff_page_puts_the_likely_matter_first_with_its_articles(stalls, signed_in):
    from tests.factories.orgs import OfficerFactory

    load_default_synonyms(by=None)
    page = signed_in(OfficerFactory().user).get("/lawbase/search/", {"q": "店门口摆摊卖水果"})
    html = page.content.decode()
    assert "可能适用的执法事项" in html
    assert html.index("CG-002") < html.index("全部结果")
    assert "/lawbase/matters/CG-002/discretion/" in html


def test_the_public_finds_articles_without_signing_in_and_reads_them(client):
    page = client.get("/find-law/", {"q": "行政处罚法第三十二条"})
    html = page.content.decode()
    assert page.status_code == 200
    law = Law.objects.get(title="中华人民共和国行政处罚法")
    assert f"/find-law/laws/{law.pk}/#a32" in html
    reader = client.get(f"/find-law/laws/{law.pk}/")
    assert reader.status_code == 200
    assert 'id="a32"' in reader.content.decode()
    assert "/lawbase/matters/" not in reader.content.decode()


def test_the_public_search_shows_no_matters_or_benchmarks(stalls, client):
    html = client.get("/find-law/", {"q": "占道经营"}).content.decode()
    assert "CG-002" not in html
    assert "/lawbase/" not in html


def test_the_command_line_prints_the_evaluation_figures():
    out = StringIO()
    call_command("lawbase", "evaluate", stdout=out)
    first = out.getvalue().splitlines()[0]
    assert first.startswith("n=")
    assert "hit@1=" in first
    assert "hit@5=" in first


def test_an_article_named_by_a_short_name_people_use_comes_first():
    assert not search("食安法第三十五条", limit=3)[0].exact
    save_synonym(by=None, term="食安法", means="食品安全法")
    first = search("食安法第三十五条", limit=3)[0]
    assert first.exact
    assert first.title == "《中华人民共和国食品安全法》第三十五条"


@pytest.mark.postgres
def test_a_search_inside_a_transaction_leaves_the_planner_settings_as_they_were(stalls):
    """PostgreSQL ranks with sequential scans off (the GIN index finds the candidates); the caller's
    transaction goes on with its own setting, on or off, and sees the search's results."""
    from django.db import connection

    with connection.cursor() as cursor:
        for setting in ("on", "off"):
            cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [setting])
            assert search("占道经营", limit=3)[0].matter_code == "CG-002"
            cursor.execute("SHOW enable_seqscan")
            assert cursor.fetchone()[0] == setting
