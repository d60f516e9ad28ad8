"""Search, suggest and discretion through the JSON API, as a mobile client would use them."""

from __future__ import annotations

import json

import pytest

from tests.factories.lawbase import graded_benchmark, make_matter
from tests.factories.orgs import OfficerFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def matter(regions):
    return make_matter()  # 大气污染防治法 第九十九条: 十万元以上一百万元以下


@pytest.fixture
def benchmark(matter, regions):
    return graded_benchmark(matter, regions["province"])


@pytest.fixture
def api(signed_in):
    return signed_in(OfficerFactory().user)


def test_suggest_returns_candidates_with_articles_limits_and_benchmark(api, benchmark):
    reply = api.get("/api/v1/suggest", {"q": "工厂没有排污许可证排废气", "on": "2025-06-20"})
    assert reply.status_code == 200
    first = reply.json()["candidates"][0]
    assert first["matter"]["code"] == "T-001"
    assert first["violated"] == ["《中华人民共和国大气污染防治法》第十九条"]
    assert any("10万元以上100万元以下" in text for text in first["statutory_limits"])
    assert [level["grade"] for level in first["benchmark"]["levels"]] == ["minor", "general", "serious"]


def test_discretion_explains_the_range_for_the_facts(api, benchmark):
    facts = {"act_date": "2025-06-20", "harm": "general", "harm_removed": True}
    reply = api.post("/api/v1/matters/T-001/discretion", json.dumps(facts), content_type="application/json")
    assert reply.status_code == 200
    advice = reply.json()
    assert advice["grade"] == "general"
    assert advice["range_text"] == "30万元以上45万元以下"
    assert advice["mitigation"] == "lighter"
    assert any(r["source"] == "《中华人民共和国行政处罚法》第三十二条第一款第（一）项" for r in advice["reasons"])


def test_discretion_refuses_bad_facts_with_field_errors(api, matter):
    facts = {"act_date": "not a date", "harm": "catastrophic", "illegal_gains": "-5"}
    reply = api.post("/api/v1/matters/T-001/discretion", json.dumps(facts), content_type="application/json")
    assert reply.status_code == 422
    assert {"act_date", "harm", "illegal_gains"} <= set(reply.json()["fields"])


def test_discretion_on_an_unknown_matter_is_not_found(api, matter):
    reply = api.post(
        "/api/v1/matters/NOPE/discretion", json.dumps({"act_date": "2025-06-20"}), content_type="application/json"
    )
    assert reply.status_code == 404
