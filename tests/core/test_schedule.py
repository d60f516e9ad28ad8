"""The schedule queues each periodic job once per slot, in Beijing time, whatever number of
servers look at once; a slot missed while nothing ran is queued once when the schedule next looks;
a schedule it could not run is refused by `zhifa check`, naming the entry."""

from __future__ import annotations

import datetime as dt
import io
import os
import signal
import threading
import time

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.clock import beijing
from zhifa.core.models import ScheduledRun
from zhifa.core.schedule.actions import enqueue_due
from zhifa.core.schedule.checks import check_schedule
from zhifa.core.schedule.jobs import Job

DAILY = Job("deadlines", "zhifa.cases.tasks.sweep_deadlines", "期限到期处理", dt.time(0, 15))
QUARTER = Job("case-files", "zhifa.cases.tasks.sweep_case_files", "电子案卷巡检", dt.timedelta(minutes=15))


def queued_tasks() -> list[str]:
    return sorted(DBTaskResult.objects.values_list("task_path", flat=True))


def test_a_daily_job_falls_due_at_its_time_of_day_in_beijing() -> None:
    assert DAILY.slot(beijing(2026, 12, 8, 0, 14)) == beijing(2026, 12, 7, 0, 15)
    assert DAILY.slot(beijing(2026, 12, 8, 0, 15)) == beijing(2026, 12, 8, 0, 15)
    assert DAILY.next_slot(beijing(2026, 12, 8, 0, 14)) == beijing(2026, 12, 8, 0, 15)
    assert DAILY.next_slot(beijing(2026, 12, 8, 9, 0)) == beijing(2026, 12, 9, 0, 15)
    # 16:20 UTC is already 00:20 of the next day in Beijing.
    assert DAILY.slot(dt.datetime(2026, 12, 7, 16, 20, tzinfo=dt.UTC)) == beijing(2026, 12, 8, 0, 15)
    assert DAILY.timing == "每天 00:15"


def test_an_interval_job_falls_due_on_every_quarter_hour() -> None:
    assert QUARTER.slot(beijing(2026, 12, 8, 9, 44, 59)) == beijing(2026, 12, 8, 9, 30)
    assert QUARTER.slot(beijing(2026, 12, 8, 9, 45)) == beijing(2026, 12, 8, 9, 45)
    assert QUARTER.next_slot(beijing(2026, 12, 8, 9, 44, 59)) == beijing(2026, 12, 8, 9, 45)
    assert QUARTER.next_slot(beijing(2026, 12, 8, 23, 50)) == beijing(2026, 12, 9, 0, 0)
    assert QUARTER.timing == "每 15 分钟"


def test_intervals_are_counted_from_midnight_in_beijing_not_utc() -> None:
    daily = Job("d", "zhifa.cases.tasks.sweep_deadlines", "每日", dt.timedelta(days=1))
    assert daily.slot(beijing(2026, 12, 8, 7, 0)) == beijing(2026, 12, 8, 0, 0)
    seven = Job("s", "zhifa.cases.tasks.sweep_deadlines", "七分钟", dt.timedelta(minutes=7))
    assert seven.slot(beijing(2026, 12, 8, 0, 15)) == beijing(2026, 12, 8, 0, 14)
    assert seven.next_slot(beijing(2026, 12, 8, 23, 58)) == beijing(2026, 12, 9, 0, 0)  # starts again


@pytest.mark.django_db
def test_a_slot_whose_task_cannot_be_queued_is_not_claimed() -> None:
    class Unqueueable:
        def enqueue(self) -> None:
            raise ConnectionError("queue unreachable")

    job = Job("deadlines", "zhifa.cases.tasks.sweep_deadlines", "期限到期处理", dt.time(0, 15))
    job.__dict__["task"] = Unqueueable()  # the task as the queue would refuse it
    with pytest.raises(ConnectionError):
        enqueue_due(now=beijing(2026, 12, 8, 0, 20), jobs=[job])
    assert not ScheduledRun.objects.exists()
    assert [run.job for run in enqueue_due(now=beijing(2026, 12, 8, 0, 21), jobs=[DAILY])] == ["deadlines"]


@pytest.mark.django_db
def test_each_slot_is_queued_once() -> None:
    first = enqueue_due(now=beijing(2026, 12, 8, 0, 20), jobs=[DAILY, QUARTER])
    assert [run.job for run in first] == ["deadlines", "case-files"]
    assert enqueue_due(now=beijing(2026, 12, 8, 0, 29), jobs=[DAILY, QUARTER]) == []
    later = enqueue_due(now=beijing(2026, 12, 8, 0, 30), jobs=[DAILY, QUARTER])
    assert [(run.job, run.slot) for run in later] == [("case-files", beijing(2026, 12, 8, 0, 30))]
    assert queued_tasks() == [
        "zhifa.cases.tasks.sweep_case_files",
        "zhifa.cases.tasks.sweep_case_files",
        "zhifa.cases.tasks.sweep_deadlines",
    ]
    assert {str(pk) for pk in DBTaskResult.objects.values_list("id", flat=True)} == set(
        ScheduledRun.objects.values_list("task_id", flat=True)
    )


@pytest.mark.django_db
def test_days_missed_while_nothing_ran_are_caught_up_by_one_run() -> None:
    enqueue_due(now=beijing(2026, 12, 5, 0, 20), jobs=[DAILY])
    made = enqueue_due(now=beijing(2026, 12, 7, 9, 0), jobs=[DAILY])  # the server was off for two days
    assert [run.slot for run in made] == [beijing(2026, 12, 7, 0, 15)]
    assert len(queued_tasks()) == 2


@pytest.mark.django_db
def test_a_scheduler_whose_clock_is_behind_queues_no_earlier_slot() -> None:
    enqueue_due(now=beijing(2026, 12, 8, 0, 20), jobs=[DAILY])
    assert enqueue_due(now=beijing(2026, 12, 8, 0, 10), jobs=[DAILY]) == []
    assert len(queued_tasks()) == 1


@pytest.mark.django_db
def test_claims_are_kept_ninety_days() -> None:
    enqueue_due(now=beijing(2026, 9, 1, 0, 20), jobs=[DAILY])
    enqueue_due(now=beijing(2026, 11, 29, 0, 20), jobs=[DAILY])
    enqueue_due(now=beijing(2026, 12, 1, 0, 20), jobs=[DAILY])
    assert [timezone.localdate(run.slot) for run in ScheduledRun.objects.all()] == [
        dt.date(2026, 12, 1),
        dt.date(2026, 11, 29),
    ]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_four_schedulers_looking_at_once_queue_the_slot_once() -> None:
    start = threading.Barrier(4)
    made: list[int] = []

    def look() -> None:
        try:
            start.wait()
            made.append(len(enqueue_due(now=beijing(2026, 12, 8, 0, 20), jobs=[DAILY])))
        finally:
            connection.close()

    threads = [threading.Thread(target=look) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(made) == [0, 0, 0, 1]
    assert ScheduledRun.objects.count() == 1
    assert queued_tasks() == ["zhifa.cases.tasks.sweep_deadlines"]


@pytest.mark.django_db(transaction=True)
def test_the_loop_zhifa_serve_runs_queues_what_is_due_and_ends_on_sigterm() -> None:
    saved = signal.getsignal(signal.SIGTERM)

    def stop_once_the_loop_listens() -> None:
        # Signals reach the main thread only, where the command runs; before the loop has its own
        # handler, SIGTERM would end pytest.
        deadline = time.monotonic() + 60
        while signal.getsignal(signal.SIGTERM) == saved and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)  # a look or two
        os.kill(os.getpid(), signal.SIGTERM)

    stopper = threading.Thread(target=stop_once_the_loop_listens, daemon=True)
    stopper.start()
    call_command("schedule", "run-due", "--loop", "--interval", "0.1", stdout=io.StringIO())
    stopper.join()
    assert signal.getsignal(signal.SIGTERM) == saved
    assert set(ScheduledRun.objects.values_list("job", flat=True)) == {"lawbase-in-force", "deadlines", "case-files"}
    assert len(queued_tasks()) == 3


def test_the_shipped_schedule_passes_the_check() -> None:
    assert check_schedule() == []


@pytest.mark.parametrize(
    ("entry", "says"),
    [
        ({"task": "zhifa.cases.tasks.sweep_deadlines"}, "exactly one of daily_at"),
        ({"task": "zhifa.cases.tasks.sweep_deadlines", "daily_at": "00:15", "every_minutes": 5}, "exactly one"),
        ({"task": "zhifa.cases.tasks.sweep_deadlines", "daily_at": "25:00"}, "not a local time of day"),
        ({"task": "zhifa.cases.tasks.sweep_deadlines", "daily_at": "00:15+08:00"}, "not a local time of day"),
        ({"task": "zhifa.cases.tasks.sweep_deadlines", "every_minutes": 0}, "from 1 to 1440"),
        ({"task": "zhifa.cases.tasks.no_such_task", "every_minutes": 5}, "cannot be imported"),
        ({"task": "zhifa.cases.actions.case_files.sweep_case_files", "every_minutes": 5}, "is not a task"),
        ({"task": "zhifa.cases.tasks.sweep_deadlines", "every_minutes": 5, "hourly": True}, "unknown keys"),
    ],
)
def test_a_wrong_schedule_is_refused_naming_its_entry(settings, entry, says) -> None:
    settings.ZHIFA_SCHEDULE = {"night-watch": entry}
    [error] = check_schedule()
    assert "night-watch" in error.msg
    assert says in error.msg
    with pytest.raises(CommandError, match="定时任务配置有误"):
        call_command("schedule", "list", stdout=io.StringIO())
