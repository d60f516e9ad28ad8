"""The case engine's periodic work runs by itself: the schedule queues the deadline watch after
midnight and the worker lapses a preservation whose 7 working days ran out (LP-56), as the task,
with no cron line. Runs the real queue and `db_worker`, so it commits."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.core.management import call_command

from tests.cases.flow import registered
from tests.clock import BEIJING
from tests.factories.cases import build_world
from zhifa.cases.actions import investigation
from zhifa.cases.models import Preservation
from zhifa.core.audit.chain import verify
from zhifa.core.models import AuditEntry
from zhifa.core.schedule.actions import enqueue_due

pytestmark = pytest.mark.django_db(transaction=True)


def test_after_midnight_the_schedule_lapses_a_preservation_left_unhandled(laws, run_worker):
    w = build_world()
    case = registered(w)
    preserved_at = dt.datetime(2025, 7, 1, 10, tzinfo=BEIJING)  # handling due by Thu 2025-07-10 (7 WD)
    with time_machine.travel(preserved_at, tick=False):
        investigation.preserve_evidence(
            case, by=w.users[0], expected_version=None, items="运行记录", preserved_at=preserved_at, approved_by=w.head
        )

    with time_machine.travel(dt.datetime(2025, 7, 10, 23, 50, tzinfo=BEIJING), tick=False):
        assert [run.job for run in enqueue_due()] == ["lawbase-in-force", "deadlines", "case-files"]
        run_worker()
    assert not Preservation.objects.get(case=case).lapsed  # the last day still belongs to the agency

    with time_machine.travel(dt.datetime(2025, 7, 11, 0, 10, tzinfo=BEIJING), tick=False):
        assert [run.job for run in enqueue_due()] == ["lawbase-in-force", "case-files"]  # not yet 00:15
        run_worker()
    assert not Preservation.objects.get(case=case).lapsed

    with time_machine.travel(dt.datetime(2025, 7, 11, 0, 20, tzinfo=BEIJING), tick=False):
        assert [run.job for run in enqueue_due()] == ["deadlines", "case-files"]
        run_worker()
        listing = io.StringIO()
        call_command("schedule", "list", stdout=listing)

    assert Preservation.objects.get(case=case).lapsed
    lapse = AuditEntry.objects.filter(object_id=str(case.pk), action__contains="preservation_lapsed").get()
    assert lapse.request_id.startswith("task-")
    assert lapse.actor_id is None
    assert verify().ok
    assert listing.getvalue().count("运行成功") == 3
    assert "下次 / next: 2025-07-12 00:15" in listing.getvalue()
