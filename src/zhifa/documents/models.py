"""执法文书模板: one per official document of a case, versioned."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhifa.core.models import VersionedModel
from zhifa.core.scoping import Jurisdiction, JurisdictionQuerySet


class TemplateStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    ACTIVE = "active", _("启用")
    RETIRED = "retired", _("停用")


class DocumentTemplate(VersionedModel):
    """One version of the template of an official document (立案审批表, 处罚决定书 …).

    `code` names the document across versions; at most one version of a code is active for a
    region at a time. `body` is a Django template rendered with the case's context; `required_by`
    lists the legal rules (LEGAL-RULES.md ids) that make the document necessary.
    """

    code = models.SlugField(_("文书代码"), max_length=60)
    title = models.CharField(_("文书名称"), max_length=100)
    revision = models.PositiveIntegerField(_("版本号"), default=1)
    status = models.CharField(_("状态"), max_length=16, choices=TemplateStatus.choices, default=TemplateStatus.DRAFT)
    region = models.ForeignKey(
        "orgs.Region", verbose_name=_("适用地区"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    order = models.PositiveSmallIntegerField(_("卷内顺序"), default=100)
    stage = models.CharField(_("办案环节"), max_length=40, blank=True)
    required_by = models.JSONField(_("法定依据（规则编号）"), default=list, blank=True)
    legal_basis = models.CharField(_("法律依据"), max_length=300, blank=True)
    body = models.TextField(_("模板正文"))

    objects = JurisdictionQuerySet.as_manager()
    jurisdiction = Jurisdiction(region="region__path")

    class Meta:
        verbose_name = _("文书模板")
        verbose_name_plural = _("文书模板")
        ordering = ["order", "code", "-revision"]
        # Two constraints each, because a national template has no region and NULLs never clash.
        constraints = [
            models.UniqueConstraint(
                fields=["code", "revision", "region"],
                condition=Q(region__isnull=False),
                name="template_revision_unique",
            ),
            models.UniqueConstraint(
                fields=["code", "revision"], condition=Q(region__isnull=True), name="template_national_revision_unique"
            ),
            models.UniqueConstraint(
                fields=["code", "region"],
                condition=Q(status="active", region__isnull=False),
                name="template_one_active",
            ),
            models.UniqueConstraint(
                fields=["code"], condition=Q(status="active", region__isnull=True), name="template_one_active_national"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title}（第 {self.revision} 版）"

    def get_absolute_url(self) -> str:
        return reverse("documents:template_detail", args=[self.pk])
