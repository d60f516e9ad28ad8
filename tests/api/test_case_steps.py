"""Optimistic locking through the JSON API: every case step carries the version the client read;
without it the step is refused (422 version_required), with a stale one it is a conflict (409),
and when two officers press the same button at once exactly one succeeds."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection

from tests.factories.cases import World, build_world
from tests.scenarios.walk import Walk
from zhifa.cases.models import Case, CaseEvent
from zhifa.cases.steps import STEPS
from zhifa.core import context

EVIDENCE = {
    "kind": "document",
    "title": "营业执照复印件",
    "source": "当事人提供",
    "method": "复印",
    "collected_on": "2025-07-02",
    "verified": True,
    "lawful": True,
}


@pytest.fixture
def walk(db: Any) -> Walk:
    return Walk(build_world())


def _events(case_id: int) -> int:
    return CaseEvent.objects.filter(case_id=case_id).count()


def test_a_step_without_the_case_version_is_refused_and_nothing_is_written(walk):
    case = walk.investigated()
    before = _events(case["id"])
    reply = walk.officer.post(f"/cases/{case['id']}/add_evidence", send_version=False, **EVIDENCE)
    assert reply.status == 422
    assert reply.body["code"] == "version_required"
    assert "version" in reply.body["fields"]
    assert "版本号" in reply.body["message"]
    assert _events(case["id"]) == before


def test_a_step_with_a_stale_version_is_a_conflict_with_a_clear_message(walk):
    case = walk.investigated()
    seen = case["version"]
    walk.colleague.step(case["id"], "add_evidence", version=seen, **EVIDENCE)  # the colleague was first
    before = _events(case["id"])
    reply = walk.officer.post(f"/cases/{case['id']}/add_evidence", version=seen, **EVIDENCE)
    assert reply.status == 409
    assert reply.body["code"] == "stale_version"
    assert "请刷新后再操作" in reply.body["message"]
    assert _events(case["id"]) == before
    assert walk.officer.case(case["id"])["version"] == seen + 1


def test_the_current_version_lets_the_step_through(walk):
    case = walk.investigated()
    after = walk.officer.step(case["id"], "add_evidence", version=case["version"], **EVIDENCE)
    assert after["version"] == case["version"] + 1


def test_openapi_marks_the_version_required_for_every_step(client):
    paths = client.get("/api/v1/openapi.json").json()
    document = paths
    for step in STEPS:
        operation = document["paths"][f"/api/v1/cases/{{case_id}}/{step.code}"]["post"]
        ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
        schema = document["components"]["schemas"][ref.rsplit("/", 1)[-1]]
        assert "version" in schema.get("required", []), step.code


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_officers_pressing_the_same_button_at_once_one_succeeds_the_other_is_told_to_refresh(laws):
    w: World = build_world()
    walk = Walk(w)
    case = walk.investigated()
    seen = case["version"]
    barrier = threading.Barrier(2)
    replies: list[Any] = []

    def press(api: Any, n: int) -> None:
        try:
            with context.bound(context.RequestContext(f"req-{n}", "127.0.0.1", "test")):
                barrier.wait()
                replies.append(api.post(f"/cases/{case['id']}/add_evidence", version=seen, **EVIDENCE))
        finally:
            connection.close()

    threads = [threading.Thread(target=press, args=(api, n)) for n, api in enumerate((walk.officer, walk.colleague))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(r.status for r in replies) == [200, 409]
    conflict = next(r for r in replies if r.status == 409)
    assert "请刷新后再操作" in conflict.body["message"]
    fresh = Case.objects.get(pk=case["id"])
    assert fresh.version == seen + 1
    assert fresh.evidence.filter(title=EVIDENCE["title"]).count() == 1
