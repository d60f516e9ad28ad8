"""法律法规 and their 条款, with the penalty limits each penalty article sets."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhifa.core.models import VersionedModel
from zhifa.core.scoping import Jurisdiction, JurisdictionQuerySet
from zhifa.lawbase.choices import FineBase, LawLevel, LawStatus, PartyScope, PenaltyKind


class Law(VersionedModel):
    """One version of a law, regulation, rule or judicial interpretation.

    Versions of the same law share a title and differ by `promulgated`; a case applies the one in
    force on the date of the act (行政处罚法 第三十七条, 从旧兼从轻).
    """

    title = models.CharField(_("标题"), max_length=200)
    short_title = models.CharField(_("简称"), max_length=120, blank=True)
    level = models.CharField(_("效力层级"), max_length=32, choices=LawLevel.choices)
    region = models.ForeignKey(
        "orgs.Region", verbose_name=_("制定地区"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    promulgated = models.DateField(_("公布（修订）日期"), null=True, blank=True)
    effective = models.DateField(_("施行日期"), null=True, blank=True)
    status = models.CharField(_("时效性"), max_length=16, choices=LawStatus.choices, default=LawStatus.IN_FORCE)
    status_note = models.CharField(_("时效说明"), max_length=300, blank=True)
    preamble = models.TextField(_("序言"), blank=True)
    source = models.JSONField(_("来源"), default=dict, blank=True)

    objects = JurisdictionQuerySet.as_manager()
    jurisdiction = Jurisdiction()

    class Meta:
        verbose_name = _("法律法规")
        verbose_name_plural = _("法律法规")
        ordering = ["level", "title", "-promulgated"]
        constraints = [models.UniqueConstraint(fields=["title", "promulgated"], name="law_title_version_unique")]

    def __str__(self) -> str:
        return f"《{self.title}》"

    def get_absolute_url(self) -> str:
        return reverse("lawbase:law_detail", args=[self.pk])


class Article(models.Model):
    """An article (条) with its paragraphs (款) and items (项).

    `paragraphs` is [{"no": 1, "text": "…", "items": [{"no": 1, "text": "（一）…"}]}]; item lines
    belong to the paragraph before them.
    """

    law = models.ForeignKey(Law, verbose_name=_("法律法规"), on_delete=models.CASCADE, related_name="articles")
    num = models.PositiveIntegerField(_("条序号"))
    number = models.CharField(_("条号"), max_length=20)
    part = models.CharField(_("编"), max_length=120, blank=True)
    chapter = models.CharField(_("章"), max_length=120, blank=True)
    section = models.CharField(_("节"), max_length=120, blank=True)
    text = models.TextField(_("条文"))
    paragraphs = models.JSONField(_("款项"), default=list)

    objects = JurisdictionQuerySet.as_manager()
    jurisdiction = Jurisdiction()

    class Meta:
        verbose_name = _("条款")
        verbose_name_plural = _("条款")
        ordering = ["law_id", "num"]
        constraints = [models.UniqueConstraint(fields=["law", "num"], name="article_num_unique_in_law")]

    def __str__(self) -> str:
        return f"{self.law}{self.number}"

    def get_absolute_url(self) -> str:
        return f"{self.law.get_absolute_url()}#{self.anchor}"

    @property
    def anchor(self) -> str:
        return f"a{self.num}"

    def paragraph(self, no: int) -> dict[str, Any] | None:
        return next((p for p in self.paragraphs if p["no"] == no), None)

    def cite(self, paragraph: int | None = None, item: int | None = None) -> str:
        """《中华人民共和国行政处罚法》第三十三条第一款第（二）项."""
        from zhifa.lawbase.numerals import chinese_ordinal

        text = f"{self.law}{self.number}"
        if paragraph:
            text += f"第{chinese_ordinal(paragraph)}款"
        if item:
            text += f"第（{chinese_ordinal(item)}）项"
        return text


class StatutoryPenalty(models.Model):
    """A penalty limit set by a penalty article, read from its text by the statute parser.

    For fines `minimum`/`maximum` are yuan when `base` is a fixed amount and multiples of the
    base otherwise (违法所得一倍以上五倍以下 → 1 and 5). Discretion benchmarks may not leave
    these limits.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="statutory_penalties")
    paragraph = models.PositiveSmallIntegerField(_("款"))
    item = models.PositiveSmallIntegerField(_("项"), null=True, blank=True)
    kind = models.CharField(_("处罚种类"), max_length=32, choices=PenaltyKind.choices)
    base = models.CharField(_("罚款基数"), max_length=16, choices=FineBase.choices, blank=True)
    base_label = models.CharField(_("基数名称"), max_length=60, blank=True)
    minimum = models.DecimalField(_("下限"), max_digits=20, decimal_places=4, null=True, blank=True)
    maximum = models.DecimalField(_("上限"), max_digits=20, decimal_places=4, null=True, blank=True)
    party = models.CharField(_("适用对象"), max_length=24, choices=PartyScope.choices, default=PartyScope.ANY)
    condition = models.CharField(_("适用情形"), max_length=300, blank=True)
    optional = models.BooleanField(_("可以处罚"), default=False)
    clause = models.TextField(_("所据条文"))

    class Meta:
        verbose_name = _("法定罚则")
        verbose_name_plural = _("法定罚则")
        ordering = ["article_id", "paragraph", "item", "id"]

    def __str__(self) -> str:
        return f"{self.article} {self.get_kind_display()}"
