"""A general-procedure case from lead to archive through the JSON API, as a client would."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.scenarios.api import deadline, document
from zhifa.cases.models import Case
from zhifa.cases.timeline import drift

pytestmark = pytest.mark.django_db
D = dt.date


def test_a_case_walks_from_lead_to_archive_through_the_api(walk):
    case = walk.registered()
    assert case["number"] == "杭环西立字〔2025〕第1号"
    assert case["status"] == "investigating"
    assert deadline(case, "LP-60")["due"] == "2025-09-29"

    case = walk.served(walk.decided(walk.notified(walk.reviewed(walk.reported(walk.investigated(case))))))
    assert case["status"] == "executing"
    assert deadline(case, "LP-67b")["due"] == "2025-08-06"
    assert document(case, "penalty_decision")["number"]

    case = walk.officer.step(case["id"], "record_payment", amount="150000", paid_on=D(2025, 8, 1), channel="bank")
    case = walk.head.step(case["id"], "close", closed_on=D(2025, 8, 5), summary="罚款已全额缴纳，执行完毕。")
    case = walk.officer.step(case["id"], "archive", archived_on=D(2025, 8, 6))
    assert case["status"] == "archived"
    assert case["next_steps"] == [] or all(not s["allowed"] for s in case["next_steps"])

    timeline = walk.officer.get(f"/cases/{case['id']}/timeline").body
    kinds = [e["kind"] for e in timeline]
    assert kinds[0] == "registration.requested"
    assert kinds[-1] == "archived"
    assert drift(Case.objects.get(pk=case["id"])) == {}


def test_the_state_at_a_past_moment_is_replayed_from_the_events(walk):
    case = walk.reported()
    timeline = walk.officer.get(f"/cases/{case['id']}/timeline").body
    registered_at = next(e["at"] for e in timeline if e["kind"] == "registered")
    past = walk.officer.get(f"/cases/{case['id']}/state", at=registered_at).body
    assert past["existed"]
    assert past["state"]["status"] == "investigating"
    assert [e["kind"] for e in past["events"]] == ["registration.requested", "registered"]
    before = walk.officer.get(f"/cases/{case['id']}/state", at="2000-01-01T00:00:00+08:00").body
    assert before["existed"] is False


def test_a_step_with_bad_input_is_refused_field_by_field_and_changes_nothing(walk):
    case = walk.registered()
    reply = walk.officer.post(f"/cases/{case['id']}/add_evidence", kind="record", title="", collected_on="2025-07-02")
    assert reply.status == 422
    assert reply.body["code"] == "invalid"
    assert {"title", "source", "method"} <= set(reply.body["fields"])
    assert walk.officer.case(case["id"])["version"] == case["version"]


def test_a_stale_version_is_a_conflict(walk):
    case = walk.registered()
    evidence = {
        "kind": "record",
        "title": "现场照片",
        "source": "现场",
        "method": "拍摄",
        "collected_on": D(2025, 7, 2),
    }
    walk.officer.step(case["id"], "add_evidence", version=case["version"], **evidence)
    reply = walk.colleague.post(f"/cases/{case['id']}/add_evidence", version=case["version"], **evidence)
    assert reply.status == 409
    assert reply.body["code"] in {"conflict", "stale_version"}
    assert "刷新" in reply.body["message"]
    assert len(walk.officer.get(f"/cases/{case['id']}/timeline").body) == 3
