"""执法事项, their legal basis, the catalogues and which agencies exercise them."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhifa.core.models import TimestampedModel, VersionedModel
from zhifa.core.scoping import Jurisdiction, JurisdictionQuerySet
from zhifa.lawbase.choices import BasisRole, CatalogueKind, HoldingSource, MatterKind, MatterStatus


class Matter(VersionedModel):
    """An enforcement matter (执法事项 / 权力事项): one kind of act an agency may take, on the
    articles it rests on. `region` is the catalogue's region (a province's 基础库); empty for a
    national matter."""

    code = models.CharField(_("事项编码"), max_length=40, unique=True)
    name = models.CharField(_("事项名称"), max_length=300)
    kind = models.CharField(_("事项类别"), max_length=16, choices=MatterKind.choices, default=MatterKind.PENALTY)
    domain = models.ForeignKey(
        "orgs.Domain", verbose_name=_("执法领域"), on_delete=models.PROTECT, related_name="matters"
    )
    region = models.ForeignKey(
        "orgs.Region", verbose_name=_("所属地区"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    status = models.CharField(_("状态"), max_length=16, choices=MatterStatus.choices, default=MatterStatus.ACTIVE)
    effective_from = models.DateField(_("生效日期"), null=True, blank=True)
    effective_to = models.DateField(_("失效日期"), null=True, blank=True)
    # Plain text ("、"-separated) rather than JSON so that a substring search finds them everywhere.
    aliases = models.CharField(_("俗称"), max_length=300, blank=True)
    articles = models.ManyToManyField("lawbase.Article", through="lawbase.LegalBasis", related_name="matters")

    objects = JurisdictionQuerySet.as_manager()
    jurisdiction = Jurisdiction(region="region__path", domain="domain_id")

    class Meta:
        verbose_name = _("执法事项")
        verbose_name_plural = _("执法事项")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("lawbase:matter_detail", args=[self.code])

    @property
    def alias_list(self) -> list[str]:
        return [a for a in self.aliases.split("、") if a]

    def in_force_on(self, day: dt.date) -> bool:
        return (
            self.status == MatterStatus.ACTIVE
            and (self.effective_from is None or self.effective_from <= day)
            and (self.effective_to is None or day <= self.effective_to)
        )


class LegalBasis(models.Model):
    """One article a matter rests on, in one role (违法依据 / 处罚依据 / 程序依据)."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="bases")
    article = models.ForeignKey(
        "lawbase.Article", verbose_name=_("条款"), on_delete=models.PROTECT, related_name="bases"
    )
    paragraph = models.PositiveSmallIntegerField(_("款"), null=True, blank=True)
    item = models.PositiveSmallIntegerField(_("项"), null=True, blank=True)
    role = models.CharField(_("依据类别"), max_length=16, choices=BasisRole.choices)

    class Meta:
        verbose_name = _("执法依据")
        verbose_name_plural = _("执法依据")
        ordering = ["matter_id", "role", "id"]

    def __str__(self) -> str:
        return self.citation

    @property
    def citation(self) -> str:
        return self.article.cite(self.paragraph, self.item)


class MatterCatalogue(VersionedModel):
    """A catalogue of matters: a province's base catalogue (基础库) or an optional one (自选库)
    that localities pick from."""

    name = models.CharField(_("名称"), max_length=200, unique=True)
    kind = models.CharField(_("类别"), max_length=16, choices=CatalogueKind.choices)
    region = models.ForeignKey("orgs.Region", verbose_name=_("地区"), on_delete=models.PROTECT, related_name="+")
    document_no = models.CharField(_("发布文号"), max_length=100, blank=True)
    matters = models.ManyToManyField(Matter, through="lawbase.CatalogueEntry", related_name="catalogues")

    objects = JurisdictionQuerySet.as_manager()
    jurisdiction = Jurisdiction(region="region__path")

    class Meta:
        verbose_name = _("执法事项目录")
        verbose_name_plural = _("执法事项目录")
        ordering = ["region__code", "kind", "name"]

    def __str__(self) -> str:
        return self.name


class CatalogueEntry(models.Model):
    catalogue = models.ForeignKey(MatterCatalogue, on_delete=models.CASCADE, related_name="entries")
    matter = models.ForeignKey(Matter, on_delete=models.PROTECT, related_name="catalogue_entries")

    class Meta:
        verbose_name = _("目录事项")
        verbose_name_plural = _("目录事项")
        constraints = [models.UniqueConstraint(fields=["catalogue", "matter"], name="catalogue_entry_unique")]

    def __str__(self) -> str:
        return f"{self.catalogue}: {self.matter}"


class AgencyMatter(TimestampedModel):
    """An agency exercises a matter: by its own statutory power, as a township under a published
    devolution decision (赋权乡镇, 行政处罚法 第二十四条), or by entrustment."""

    agency = models.ForeignKey(
        "orgs.Agency", verbose_name=_("执法主体"), on_delete=models.PROTECT, related_name="held_matters"
    )
    matter = models.ForeignKey(Matter, verbose_name=_("执法事项"), on_delete=models.PROTECT, related_name="holdings")
    source = models.CharField(_("职权来源"), max_length=16, choices=HoldingSource.choices, default=HoldingSource.OWN)
    decision_reference = models.CharField(_("赋权或委托文件"), max_length=200, blank=True)
    effective_from = models.DateField(_("起始日期"), null=True, blank=True)
    effective_to = models.DateField(_("终止日期"), null=True, blank=True)

    objects = JurisdictionQuerySet.as_manager()
    jurisdiction = Jurisdiction(agency="agency_id", region="agency__region__path", domain="matter__domain_id")

    class Meta:
        verbose_name = _("主体事项")
        verbose_name_plural = _("主体事项")
        constraints = [models.UniqueConstraint(fields=["agency", "matter"], name="agency_matter_unique")]

    def __str__(self) -> str:
        return f"{self.agency} · {self.matter}"

    def in_force_on(self, day: dt.date) -> bool:
        return (self.effective_from is None or self.effective_from <= day) and (
            self.effective_to is None or day <= self.effective_to
        )
