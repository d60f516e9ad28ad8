"""Integrity of the case engine: one winner when two people press the same button, gapless
numbers, the audit chain intact, and the timeline matching the case."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.db import connection, transaction

from tests.cases.flow import REGISTERED_DAY, fresh, registered
from tests.factories.cases import build_world, officer
from zhifa.cases.actions import registration
from zhifa.cases.actions.numbering import next_number
from zhifa.cases.models import Case, CaseEvent
from zhifa.cases.timeline import drift
from zhifa.core import context
from zhifa.core.audit.chain import verify
from zhifa.core.errors import Conflict, DomainError
from zhifa.orgs.choices import Role


def _proposed(w: Any) -> Case:
    lead = registration.receive_lead(
        by=w.users[0], agency=w.agency, source="inspection", received_on=REGISTERED_DAY, summary="巡查发现"
    )
    return registration.request_registration(
        lead,
        by=w.users[0],
        matter=w.matter,
        party=w.company,
        act_date=REGISTERED_DAY,
        act_place="西湖区",
        facts="未取得排污许可证排放废气",
        handlers=w.officers,
    )


def _in_threads(work: Any, count: int) -> list[str]:
    barrier = threading.Barrier(count)
    outcomes: list[str] = []

    def run(n: int) -> None:
        try:
            with context.bound(context.RequestContext(f"req-{n}", "127.0.0.1", "test")):
                barrier.wait()
                outcomes.append(work(n))
        except Conflict as conflict:
            outcomes.append(f"conflict:{conflict.message}")
        except DomainError as error:
            outcomes.append(f"refused:{error.message}")
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_heads_approving_the_same_case_at_once_one_wins_the_other_is_told_to_refresh(laws):
    w = build_world()
    heads = [w.head, officer(w.agency, "周敏", roles=[Role.AGENCY_HEAD]).user]
    case = _proposed(w)
    seen = case.version  # both pages were loaded at this version

    def approve(n: int) -> str:
        registration.approve_registration(
            Case.objects.get(pk=case.pk),
            by=heads[n],
            expected_version=seen,
            preliminary_evidence="现场检查发现",
            registered_on=REGISTERED_DAY,
        )
        return "ok"

    outcomes = _in_threads(approve, 2)
    assert sorted(o.split(":")[0] for o in outcomes) == ["conflict", "ok"]
    assert any("请刷新后再操作" in o for o in outcomes)
    case = fresh(case)
    assert case.number == "杭环西立字〔2025〕第1号"
    assert CaseEvent.objects.filter(case=case, kind="registered").count() == 1
    assert verify().ok


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_case_numbers_taken_concurrently_are_unique_and_without_gaps(laws):
    w = build_world()
    cases = [_proposed(w) for _ in range(6)]

    def approve(n: int) -> str:
        approved = registration.approve_registration(
            cases[n],
            by=w.head,
            expected_version=None,
            preliminary_evidence="现场检查发现",
            registered_on=REGISTERED_DAY,
        )
        return approved.number

    numbers = _in_threads(approve, len(cases))
    assert sorted(numbers) == sorted(f"杭环西立字〔2025〕第{k}号" for k in range(1, 7))
    assert verify().ok


@pytest.mark.django_db
def test_a_number_taken_in_a_transaction_that_fails_is_given_back():
    w = build_world()

    def numbered_then_failed() -> None:
        with transaction.atomic():
            assert next_number(w.agency, 2025, "decision") == "杭环西罚决字〔2025〕第1号"
            raise RuntimeError("the step failed after numbering")

    with pytest.raises(RuntimeError):
        numbered_then_failed()
    assert next_number(w.agency, 2025, "decision") == "杭环西罚决字〔2025〕第1号"
    assert next_number(w.agency, 2026, "decision") == "杭环西罚决字〔2026〕第1号"


@pytest.mark.django_db
def test_a_refused_step_leaves_no_number_no_event_and_no_audit_entry():
    w = build_world()
    case = _proposed(w)
    events = CaseEvent.objects.filter(case=case).count()
    with pytest.raises(DomainError):
        registration.approve_registration(
            case, by=w.head, expected_version=None, preliminary_evidence="", registered_on=REGISTERED_DAY
        )
    assert CaseEvent.objects.filter(case=case).count() == events
    assert fresh(case).number == ""
    assert registered(w).number == "杭环西立字〔2025〕第1号"


@pytest.mark.django_db
def test_every_demo_stage_replays_to_the_live_case():
    """The timeline is the truth: for cases at every stage, the last event's state is the case."""
    from tests.cases.flow import served

    w = build_world()
    case = served(w)
    assert drift(case) == {}
