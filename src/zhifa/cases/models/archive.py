"""The electronic case file (电子案卷) of an archived case, as built by the background worker."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class CaseFile(models.Model):
    """The zip `cases.case_file.build` made for a case, where it is stored and its SHA-256, so
    that a copy handed out years later can be checked against the record. Written only by
    `cases.actions.closing.record_case_file`; a rebuild with different content replaces it."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="case_file")
    file = models.FileField(_("电子案卷"), max_length=200)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    size = models.PositiveIntegerField(_("字节数"))
    documents = models.PositiveSmallIntegerField(_("文书数"))
    built_at = models.DateTimeField(_("生成时间"))

    class Meta:
        verbose_name = _("电子案卷")
        verbose_name_plural = _("电子案卷")

    def __str__(self) -> str:
        return self.file.name or ""
