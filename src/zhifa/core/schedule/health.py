"""Is the schedule doing its work? For each job: did its slots get queued, did the worker run them,
did they succeed. The administrators' workbench and `zhifa schedule list` both ask here, so that a
deadline watch that stopped (no `zhifa serve`, no cron, a dead worker) is seen, not discovered when
a preservation should have lapsed weeks ago."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.tasks import TaskResultStatus
from django.tasks.exceptions import TaskResultDoesNotExist
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhifa.core.models import ScheduledRun
from zhifa.core.permissions import WATCH_SCHEDULE
from zhifa.core.schedule.jobs import Job, configured_jobs
from zhifa.core.scoping import policy
from zhifa.core.workbench import TaskItem

# The schedule looks every 30 s and the worker takes queued tasks within seconds: ten minutes
# late is not a slow machine any more.
GRACE = dt.timedelta(minutes=10)
# The sweeps take seconds, minutes at province scale: a run "running" this long died with its worker
# (the queue leaves such a result RUNNING for good).
STUCK = dt.timedelta(hours=1)

STATUS_LABELS = {
    TaskResultStatus.READY: gettext_lazy("排队中"),
    TaskResultStatus.RUNNING: gettext_lazy("运行中"),
    TaskResultStatus.SUCCESSFUL: gettext_lazy("运行成功"),
    TaskResultStatus.FAILED: gettext_lazy("失败"),
}


@dataclass(frozen=True)
class JobHealth:
    job: Job
    last: ScheduledRun | None
    status: TaskResultStatus | None  # of the last run's task; None when unknown (see run_status)
    problem: str = ""  # empty while the job does its work
    since: dt.datetime | None = None  # when the problem began


def job_health(job: Job, now: dt.datetime | None = None) -> JobHealth:
    now = now or timezone.now()
    last = ScheduledRun.objects.filter(job=job.name).first()
    result = _result(job, last)
    status = result.status if result is not None else None
    # The first slot nobody queued: after the last one queued, or the current one if none ever was.
    missed = job.slot(now) if last is None else job.next_slot(last.slot)
    if missed <= now - GRACE:
        values = {"job": job.summary, "due": _local(missed)}
        if last is None:
            problem = _("定时任务“%(job)s”没有运行过：应于 %(due)s 运行。") % values
        else:
            problem = _("定时任务“%(job)s”没有按时运行：应于 %(due)s 运行，上次运行是 %(last)s。") % {
                **values,
                "last": _local(last.slot),
            }
        hint = _("请确认 zhifa serve 在运行，或由 cron 每分钟运行 zhifa schedule run-due。")
        return JobHealth(job, last, status, f"{problem}{hint}", missed)
    if last is None:
        return JobHealth(job, last, status)
    started = getattr(result, "started_at", None)
    if status == TaskResultStatus.FAILED:
        problem = _("定时任务“%(job)s”%(slot)s 的运行失败，请查看后台任务日志。") % {
            "job": job.summary,
            "slot": _local(last.slot),
        }
        return JobHealth(job, last, status, problem, last.enqueued_at)
    if status == TaskResultStatus.READY and last.enqueued_at <= now - GRACE:
        problem = _(
            "定时任务“%(job)s”已于 %(queued)s 排队，至今没有执行：后台任务进程（zhifa db_worker）可能没有运行。"
        ) % {"job": job.summary, "queued": _local(last.enqueued_at)}
        return JobHealth(job, last, status, problem, last.enqueued_at)
    if status == TaskResultStatus.RUNNING and started is not None and started <= now - STUCK:
        problem = _(
            "定时任务“%(job)s”自 %(started)s 起一直在运行：执行它的后台任务进程可能已经退出，请查看其日志。"
        ) % {"job": job.summary, "started": _local(started)}
        return JobHealth(job, last, status, problem, started)
    return JobHealth(job, last, status)


def schedule_problems(user: Any) -> list[TaskItem]:
    """The workbench's to-dos for those who watch the schedule: one for each job not doing its work."""
    if not policy().can(user, WATCH_SCHEDULE):
        return []
    url = reverse("admin:core_scheduledrun_changelist")
    return [
        TaskItem(
            title=health.problem,
            url=f"{url}?job__exact={health.job.name}",
            due=health.since,
            severity="red",
            source="schedule",
        )
        for health in (job_health(job) for job in configured_jobs())
        if health.problem
    ]


def run_status(job: Job, run: ScheduledRun | None) -> TaskResultStatus | None:
    """What became of the run's task; None when never run, when the queue pruned the result
    (`prune_db_task_results`), or when the queue cannot say (a backend without results)."""
    result = _result(job, run)
    return result.status if result is not None else None


def status_label(status: TaskResultStatus | None) -> str:
    return str(STATUS_LABELS[status]) if status is not None else "—"


def _result(job: Job, run: ScheduledRun | None) -> Any:
    if run is None or not run.task_id or not job.task.get_backend().supports_get_result:
        return None
    try:
        return job.task.get_result(run.task_id)
    except TaskResultDoesNotExist:
        return None


def _local(moment: dt.datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"
