"""The law base: real texts loaded by `zhifa lawbase import`, addressable to 条, 款 and 项."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories.orgs import AgencyFactory, OfficerFactory
from zhifa.lawbase.actions.laws import import_laws
from zhifa.lawbase.citations import Citation, parse_citation
from zhifa.lawbase.law_data import iter_laws
from zhifa.lawbase.models import Article, Law, StatutoryPenalty
from zhifa.lawbase.numerals import chinese_ordinal, parse_ordinal
from zhifa.lawbase.selectors import law_by_title, resolve

pytestmark = pytest.mark.django_db


def test_the_penalty_law_is_loaded_whole_with_its_structure():
    law = law_by_title("行政处罚法")
    assert law.title == "中华人民共和国行政处罚法"
    assert law.articles.count() == 86
    art33 = Article.objects.get(law=law, num=33)
    assert art33.number == "第三十三条"
    assert art33.chapter.startswith("第四章")
    assert "初次违法" in art33.paragraph(1)["text"]
    art9 = Article.objects.get(law=law, num=9)
    assert [item["no"] for item in art9.paragraph(1)["items"]] == [1, 2, 3, 4, 5, 6]


def test_importing_again_changes_nothing():
    records = [law for law in iter_laws() if law["title"] == "中华人民共和国行政处罚法"]
    summary = import_laws(by=None, records=records)
    assert (summary.created, summary.updated, summary.unchanged) == (0, 0, 1)


def test_statutory_limits_are_parsed_on_import():
    article = resolve(Citation("大气污染防治法", 99))
    fine = StatutoryPenalty.objects.get(article=article, kind="fine")
    assert (fine.base, fine.minimum, fine.maximum) == ("amount", 100000, 1000000)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("《中华人民共和国行政处罚法》第三十三条", Citation("中华人民共和国行政处罚法", 33)),
        ("《行政处罚法》第三十三条第一款", Citation("行政处罚法", 33, 1)),
        ("《大气污染防治法》第九十九条第（一）项", Citation("大气污染防治法", 99, None, 1)),
        ("城市市容和环境卫生管理条例第36条第1款第2项", Citation("城市市容和环境卫生管理条例", 36, 1, 2)),
        ("《食品安全法》第一百二十二条第一款。", Citation("食品安全法", 122, 1)),
    ],
)
def test_citations_are_read_as_people_write_them(text, expected):
    assert parse_citation(text) == expected


@pytest.mark.parametrize(
    ("citation", "words"),
    [
        ("《不存在的法》第一条", "没有《不存在的法》"),
        ("《行政处罚法》第一百条", "没有第 100 条"),
        ("《行政处罚法》第三十三条第九款", "没有第 9 款"),
        ("《行政处罚法》第九条第一款第（九）项", "没有第 9 项"),
    ],
)
def test_a_citation_to_nothing_is_refused_in_words(citation, words):
    with pytest.raises(ValueError, match=words):
        resolve(parse_citation(citation))


def test_numerals_round_trip():
    for n in (1, 9, 10, 15, 20, 33, 99, 100, 101, 110, 119, 154, 1001):
        assert parse_ordinal(chinese_ordinal(n)) == n
    assert chinese_ordinal(110) == "一百一十"
    assert chinese_ordinal(101) == "一百零一"


def test_the_reader_anchors_every_article_paragraph_and_item(signed_in, regions):
    officer = OfficerFactory(agency=AgencyFactory(region=regions["county"]))
    client = signed_in(officer.user)
    law = law_by_title("行政处罚法")
    page = client.get(reverse("lawbase:law_detail", args=[law.pk])).content.decode()
    assert 'id="a33"' in page
    assert 'id="a33-1"' in page
    assert 'id="a9-1-6"' in page
    response = client.get(reverse("lawbase:cite"), {"q": "《行政处罚法》第三十三条第二款"})
    assert response["Location"] == f"/lawbase/laws/{law.pk}/#a33-2"
    missing = client.get(reverse("lawbase:cite"), {"q": "《行政处罚法》第九百条"})
    assert missing.status_code == 404
    assert "没有第 900 条" in missing.content.decode()


def test_the_law_list_filters(signed_in, regions):
    officer = OfficerFactory(agency=AgencyFactory(region=regions["county"]))
    page = signed_in(officer.user).get(reverse("lawbase:law_list"), {"q": "处罚", "level": "law"}).content.decode()
    assert "中华人民共和国行政处罚法" in page
    assert "城市市容和环境卫生管理条例" not in page
    assert Law.objects.count() >= 9
