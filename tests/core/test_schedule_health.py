"""A schedule that stopped doing its work is seen: on the administrators' workbench and in
`zhifa schedule list`, with what to check; nobody else is shown it."""

from __future__ import annotations

import io

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from tests.clock import beijing
from tests.factories.orgs import AgencyFactory, OfficerFactory
from zhifa.core.models import ScheduledRun
from zhifa.core.schedule.actions import enqueue_due
from zhifa.core.schedule.health import job_health, schedule_problems
from zhifa.core.schedule.jobs import job_named
from zhifa.orgs.choices import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin(regions):
    return OfficerFactory(
        agency=AgencyFactory(region=regions["county"]), roles=[Role.ADMINISTRATOR], user__is_staff=True
    )


@pytest.fixture
def officer(regions):
    return OfficerFactory(agency=AgencyFactory(region=regions["county"]))


def deadlines():
    job = job_named("deadlines")
    assert job is not None
    return job


def test_a_schedule_that_never_ran_is_red_on_the_administrators_workbench_only(signed_in, admin, officer):
    with time_machine.travel(beijing(2026, 12, 8, 9, 0), tick=False):
        [problem] = [task for task in schedule_problems(admin.user) if "期限到期处理" in task.title]
        assert problem.severity == "red"
        assert "没有运行过：应于 2026-12-08 00:15 运行" in problem.title
        assert "zhifa schedule run-due" in problem.title
        assert schedule_problems(officer.user) == []
        page = signed_in(admin.user).get(reverse("core:workbench")).content.decode()
    assert "定时任务“期限到期处理" in page
    assert problem.url == f"{reverse('admin:core_scheduledrun_changelist')}?job__exact=deadlines"


def test_a_slot_not_yet_ten_minutes_late_is_not_a_problem() -> None:
    with time_machine.travel(beijing(2026, 12, 8, 0, 24), tick=False):
        assert job_health(deadlines()).problem == ""
    with time_machine.travel(beijing(2026, 12, 8, 0, 26), tick=False):
        assert "没有运行过" in job_health(deadlines()).problem


def test_a_repeating_job_that_stopped_stays_late_until_it_runs_again() -> None:
    case_files = job_named("case-files")
    assert case_files is not None
    with time_machine.travel(beijing(2026, 12, 8, 9, 0), tick=False):
        enqueue_due(jobs=[case_files])
    DBTaskResult.objects.update(status="SUCCESSFUL")
    for minute in (9 * 60 + 26, 9 * 60 + 31, 9 * 60 + 40, 10 * 60 + 50):
        with time_machine.travel(beijing(2026, 12, 8, minute // 60, minute % 60), tick=False):
            health = job_health(case_files)
        assert "没有按时运行：应于 2026-12-08 09:15 运行，上次运行是 2026-12-08 09:00" in health.problem, minute
        assert health.since == beijing(2026, 12, 8, 9, 15)
    with time_machine.travel(beijing(2026, 12, 8, 9, 24), tick=False):
        assert job_health(case_files).problem == ""  # 09:15 is not ten minutes late yet


def test_a_run_that_died_with_its_worker_is_seen_after_an_hour() -> None:
    with time_machine.travel(beijing(2026, 12, 8, 0, 20), tick=False):
        enqueue_due()
    DBTaskResult.objects.update(status="RUNNING", started_at=beijing(2026, 12, 8, 0, 20))
    with time_machine.travel(beijing(2026, 12, 8, 1, 0), tick=False):
        assert job_health(deadlines()).problem == ""
    with time_machine.travel(beijing(2026, 12, 8, 1, 21), tick=False):
        problem = job_health(deadlines()).problem
    assert "自 2026-12-08 00:20 起一直在运行" in problem


def test_a_schedule_that_runs_shows_nothing(admin) -> None:
    with time_machine.travel(beijing(2026, 12, 8, 9, 0), tick=False):
        enqueue_due()
        DBTaskResult.objects.update(status="SUCCESSFUL")
        assert schedule_problems(admin.user) == []


def test_a_task_queued_for_long_says_the_worker_may_be_down(admin) -> None:
    with time_machine.travel(beijing(2026, 12, 8, 0, 20), tick=False):
        enqueue_due()
    with time_machine.travel(beijing(2026, 12, 8, 0, 40), tick=False):
        problem = job_health(deadlines()).problem
    assert "已于 2026-12-08 00:20 排队，至今没有执行" in problem
    assert "zhifa db_worker" in problem


def test_a_failed_run_is_shown_until_a_later_run_succeeds(admin) -> None:
    with time_machine.travel(beijing(2026, 12, 8, 0, 20), tick=False):
        enqueue_due()
    DBTaskResult.objects.update(status="FAILED")
    with time_machine.travel(beijing(2026, 12, 8, 9, 0), tick=False):
        assert "2026-12-08 00:15 的运行失败" in job_health(deadlines()).problem
        listing = io.StringIO()
        call_command("schedule", "list", stdout=listing)
    assert "失败" in listing.getvalue()
    assert "！定时任务“期限到期处理" in listing.getvalue()
    with time_machine.travel(beijing(2026, 12, 9, 0, 20), tick=False):
        enqueue_due()
        DBTaskResult.objects.filter(status="READY").update(status="SUCCESSFUL")
        assert job_health(deadlines()).problem == ""


def test_the_runs_are_listed_for_administrators_and_no_one_else(signed_in, admin, officer) -> None:
    with time_machine.travel(beijing(2026, 12, 8, 0, 20), tick=False):
        enqueue_due()
    url = reverse("admin:core_scheduledrun_changelist")
    page = signed_in(admin.user).get(url)
    assert page.status_code == 200
    assert page.content.decode().count("排队中") == ScheduledRun.objects.count() == 3
    assert signed_in(officer.user).get(url).status_code in (302, 403)
