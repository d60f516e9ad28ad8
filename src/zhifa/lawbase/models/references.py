"""典型案例: published cases officers learn from, linked to matters and articles."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhifa.core.models import VersionedModel
from zhifa.core.scoping import Jurisdiction, JurisdictionQuerySet
from zhifa.lawbase.choices import ReferenceKind


class ReferenceCase(VersionedModel):
    """A typical case (典型案例) with its facts, the decision and why it matters."""

    title = models.CharField(_("标题"), max_length=300, unique=True)
    kind = models.CharField(_("类别"), max_length=16, choices=ReferenceKind.choices)
    collection = models.CharField(_("案例集"), max_length=200, blank=True)
    publisher = models.CharField(_("发布机关"), max_length=200, blank=True)
    parties = models.CharField(_("当事人"), max_length=300, blank=True)
    summary = models.TextField(_("基本案情"))
    decision = models.TextField(_("处理结果"))
    significance = models.TextField(_("典型意义"), blank=True)
    matters = models.ManyToManyField(
        "lawbase.Matter", verbose_name=_("执法事项"), blank=True, related_name="reference_cases"
    )
    articles = models.ManyToManyField(
        "lawbase.Article", verbose_name=_("条款"), blank=True, related_name="reference_cases"
    )
    source = models.JSONField(_("来源"), default=dict, blank=True)

    objects = JurisdictionQuerySet.as_manager()
    jurisdiction = Jurisdiction()

    class Meta:
        verbose_name = _("典型案例")
        verbose_name_plural = _("典型案例")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title
