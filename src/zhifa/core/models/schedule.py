"""The schedule's claims: one row per periodic job and slot, so that however many servers run the
schedule, each slot's work is queued once (see `zhifa.core.schedule`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhifa.core.scoping import Jurisdiction, JurisdictionQuerySet


class ScheduledRun(models.Model):
    """A periodic job's slot, claimed by the scheduler that queued its task.

    The unique (job, slot) pair is the claim: a second scheduler that reaches the same slot finds
    it taken and queues nothing. The task's own actions write the audit entries of what it changes;
    this row only records that, and when, the work was asked for.
    """

    job = models.CharField(_("定时任务"), max_length=64)
    slot = models.DateTimeField(_("计划时间"))
    enqueued_at = models.DateTimeField(_("排队时间"))
    task_id = models.CharField(_("后台任务编号"), max_length=64, blank=True)

    objects = JurisdictionQuerySet.as_manager()
    jurisdiction = Jurisdiction()  # the whole deployment's: only a scope over everything reaches it

    class Meta:
        ordering = ["-slot"]
        constraints = [models.UniqueConstraint(fields=["job", "slot"], name="core_scheduled_run_once")]
        verbose_name = _("定时任务运行")
        verbose_name_plural = _("定时任务运行")

    def __str__(self) -> str:
        return f"{self.job} @ {self.slot:%Y-%m-%d %H:%M}"
