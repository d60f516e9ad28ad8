"""The electronic case file (电子案卷) of an archived case, built by the background worker."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhifa.cases.choices import CaseFileState


class CaseFile(models.Model):
    """The build of a case's electronic file: asked for at 归档 (pending), then built, with where
    the zip is stored and its SHA-256 so that a copy handed out years later can be checked, or
    failed, with the reason. Written only by the actions of `cases.actions.case_files`."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="case_file")
    state = models.CharField(_("状态"), max_length=16, choices=CaseFileState.choices, default=CaseFileState.PENDING)
    requested_at = models.DateTimeField(_("请求时间"))
    file = models.FileField(_("电子案卷"), max_length=200, blank=True)
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    size = models.PositiveIntegerField(_("字节数"), null=True, blank=True)
    documents = models.PositiveSmallIntegerField(_("文书数"), null=True, blank=True)
    built_at = models.DateTimeField(_("生成时间"), null=True, blank=True)
    error = models.CharField(_("失败原因"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("电子案卷")
        verbose_name_plural = _("电子案卷")
        indexes = [models.Index(fields=["state", "requested_at"], name="case_file_state_idx")]

    def __str__(self) -> str:
        return self.file.name or str(self.case_id)
