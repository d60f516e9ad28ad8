"""Is the schedule doing its work? For each job: did its current slot get queued, did the worker
run it, did it succeed. The administrators' workbench and `zhifa schedule list` both ask here, so
that a deadline watch that stopped (no `zhifa serve`, no cron, a dead worker) is seen, not
discovered when a preservation should have lapsed weeks ago."""

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
    status: TaskResultStatus | None  # of the last run's task; None when never run or pruned
    problem: str  # empty when the job is doing its work

    @property
    def since(self) -> dt.datetime:
        """When the problem began, for ordering the workbench."""
        if self.last is None:
            return self.job.slot(timezone.now())
        return self.last.enqueued_at


def job_health(job: Job, now: dt.datetime | None = None) -> JobHealth:
    now = now or timezone.now()
    last = ScheduledRun.objects.filter(job=job.name).first()
    status = task_status(job, last)
    due = job.slot(now)
    problem = ""
    if (last is None or last.slot < due) and now - due > GRACE:
        problem = _(
            "定时任务“%(job)s”未按时运行：应于 %(due)s 运行，上次是 %(last)s。"
            "请确认 zhifa serve 在运行，或由 cron 每分钟运行 zhifa schedule run-due。"
        ) % {
            "job": job.summary,
            "due": _local(due),
            "last": _local(last.slot) if last else _("从未运行"),
        }
    elif last is not None and status == TaskResultStatus.FAILED:
        problem = _("定时任务“%(job)s”%(slot)s 的运行失败，请查看后台任务日志。") % {
            "job": job.summary,
            "slot": _local(last.slot),
        }
    elif last is not None and status == TaskResultStatus.READY and now - last.enqueued_at > GRACE:
        problem = _(
            "定时任务“%(job)s”已于 %(queued)s 排队，至今未执行：后台任务进程（zhifa db_worker）可能没有运行。"
        ) % {
            "job": job.summary,
            "queued": _local(last.enqueued_at),
        }
    return JobHealth(job, last, status, problem)


def schedule_tasks(user: Any) -> list[TaskItem]:
    """The workbench's to-dos for those who watch the schedule: one per job not doing its work."""
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


def task_status(job: Job, run: ScheduledRun | None) -> TaskResultStatus | None:
    """What became of the run's task; None when never run, or when the queue pruned its result
    (`prune_db_task_results`)."""
    if run is None or not run.task_id:
        return None
    try:
        return job.task.get_result(run.task_id).status
    except TaskResultDoesNotExist:
        return None


def status_label(status: TaskResultStatus | None) -> str:
    return str(STATUS_LABELS[status]) if status is not None else _("结果已清理")


def _local(moment: dt.datetime) -> str:
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}"
