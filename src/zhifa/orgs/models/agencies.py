"""执法领域, 执法主体 and 执法队伍."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhifa.core.models import VersionedModel
from zhifa.core.scoping import Jurisdiction, JurisdictionQuerySet
from zhifa.orgs.choices import LegalStatus


class Domain(models.Model):
    """An enforcement domain (执法领域, 条线) such as 市场监管 or 城市管理."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=60, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("排序"), default=100)

    objects = JurisdictionQuerySet.as_manager()
    jurisdiction = Jurisdiction()

    class Meta:
        verbose_name = _("执法领域")
        verbose_name_plural = _("执法领域")
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class Agency(VersionedModel):
    """An enforcement body (执法主体): the one that acts in its own name, or is entrusted to.

    Legal status follows 行政处罚法 第十七至二十条: a statutory administrative organ, an organisation
    authorised by law, or an organisation entrusted by an organ (which then acts in the
    entrusting organ's name, so `entrusted_by` is required).
    """

    name = models.CharField(_("名称"), max_length=200, unique=True)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    region = models.ForeignKey(
        "orgs.Region", verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="agencies"
    )
    domain = models.ForeignKey(
        "orgs.Domain", verbose_name=_("执法领域"), on_delete=models.PROTECT, related_name="agencies"
    )
    legal_status = models.CharField(
        _("主体资格"), max_length=16, choices=LegalStatus.choices, default=LegalStatus.STATUTORY
    )
    entrusted_by = models.ForeignKey(
        "self", verbose_name=_("委托机关"), on_delete=models.PROTECT, null=True, blank=True, related_name="entrusted"
    )
    is_active = models.BooleanField(_("有效"), default=True)
    # The 文书字号 prefix its documents are numbered with (杭西综执罚决字〔2026〕第12号).
    document_prefix = models.CharField(_("文书字号"), max_length=20, blank=True)

    objects = JurisdictionQuerySet.as_manager()
    jurisdiction = Jurisdiction(agency="id", region="region__path", domain="domain_id")

    class Meta:
        verbose_name = _("执法主体")
        verbose_name_plural = _("执法主体")
        ordering = ["region__code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"], condition=~models.Q(credit_code=""), name="agency_credit_code_unique"
            ),
            models.CheckConstraint(
                condition=~models.Q(legal_status=LegalStatus.ENTRUSTED) | models.Q(entrusted_by__isnull=False),
                name="agency_entrusted_has_principal",
            ),
        ]
        # Pickers list agencies by name a page at a time (orgs.selectors.agencies_near).
        indexes = [models.Index(fields=["name"], name="agency_name_idx")]

    def __str__(self) -> str:
        return self.name

    @property
    def prefix(self) -> str:
        return self.document_prefix or self.name[:4]


class Team(VersionedModel):
    """A unit of an agency (中队, 科室) that work is dispatched to."""

    agency = models.ForeignKey(
        "orgs.Agency", verbose_name=_("执法主体"), on_delete=models.PROTECT, related_name="teams"
    )
    name = models.CharField(_("名称"), max_length=100)
    is_active = models.BooleanField(_("有效"), default=True)

    objects = JurisdictionQuerySet.as_manager()
    jurisdiction = Jurisdiction(
        agency="agency_id", region="agency__region__path", team="id", domain="agency__domain_id"
    )

    class Meta:
        verbose_name = _("执法队伍")
        verbose_name_plural = _("执法队伍")
        ordering = ["agency_id", "name"]
        constraints = [models.UniqueConstraint(fields=["agency", "name"], name="team_name_unique_in_agency")]

    def __str__(self) -> str:
        return self.name
