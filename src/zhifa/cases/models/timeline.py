"""The timeline of a case (every step as an event), its deadlines and its warnings."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhifa.cases.choices import DeadlineState


class CaseEvent(models.Model):
    """One step of a case, numbered per case. `state` holds the case's fields after the step, so
    the case as it stood at any past moment is the last event before that moment."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="events")
    seq = models.PositiveIntegerField()
    kind = models.CharField(max_length=48)
    at = models.DateTimeField()
    actor = models.ForeignKey("orgs.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    actor_name = models.CharField(max_length=150, blank=True)
    payload = models.JSONField(default=dict)
    state = models.JSONField(default=dict)
    rules = models.JSONField(default=list)  # rule ids checked (and warnings raised) at this step

    class Meta:
        verbose_name = _("案件事件")
        verbose_name_plural = _("案件事件")
        ordering = ["case_id", "seq"]
        constraints = [models.UniqueConstraint(fields=["case", "seq"], name="case_event_seq_unique")]

    def __str__(self) -> str:
        return f"{self.case_id}#{self.seq} {self.kind}"


class Deadline(models.Model):
    """A period the law sets, computed and watched: who it binds, from when, until when, and the
    article that sets it. `due` is the last day on which the act is still in time."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="deadlines")
    rule = models.CharField(_("规则"), max_length=16)
    label = models.CharField(_("期限"), max_length=200)
    citation = models.CharField(_("依据"), max_length=200)
    binds_party = models.BooleanField(_("约束当事人"), default=False)
    starts_on = models.DateField(_("起算日"))
    period = models.CharField(_("期间"), max_length=40)
    due = models.DateField(_("届满日"))
    due_at = models.DateTimeField(_("届满时刻"), null=True, blank=True)
    provisional = models.BooleanField(_("待节假日安排确认"), default=False)
    state = models.CharField(_("状态"), max_length=16, choices=DeadlineState.choices, default=DeadlineState.OPEN)
    met_on = models.DateField(_("完成日"), null=True, blank=True)

    class Meta:
        verbose_name = _("期限")
        verbose_name_plural = _("期限")
        ordering = ["due", "id"]
        indexes = [models.Index(fields=["state", "due"], name="deadline_state_due_idx")]

    def __str__(self) -> str:
        return f"{self.label} {self.due}"


class CaseWarning(models.Model):
    """A rule that warns rather than blocks (or is UNVERIFIED): saved, flagged, shown to
    supervision."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="warnings")
    rule = models.CharField(_("规则"), max_length=16)
    message = models.TextField(_("提示"))
    citation = models.CharField(_("依据"), max_length=200)
    step = models.CharField(_("环节"), max_length=48)
    raised_at = models.DateTimeField(_("时间"))
    resolved = models.BooleanField(_("已处理"), default=False)

    class Meta:
        verbose_name = _("预警提示")
        verbose_name_plural = _("预警提示")
        ordering = ["-raised_at"]

    def __str__(self) -> str:
        return f"{self.rule} {self.message[:30]}"
