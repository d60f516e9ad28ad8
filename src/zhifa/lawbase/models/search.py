from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhifa.core.models import TimestampedModel
from zhifa.core.scoping import Jurisdiction, JurisdictionQuerySet


class SearchKind(models.TextChoices):
    LAW = "law", _("法律法规")
    ARTICLE = "article", _("条款")
    MATTER = "matter", _("执法事项")
    BENCHMARK = "benchmark", _("裁量基准")
    REFERENCE = "reference", _("典型案例")


class SearchDocument(models.Model):
    """One searchable record as the full-text index sees it: what is shown (title, text, url), the
    segmented tokens the engine matches, and the columns the filters use.

    Derived data, rewritten by ``search.index`` inside the action that changed its source. The
    engine's own index follows this table: on SQLite an FTS5 table kept by triggers, on PostgreSQL
    a generated tsvector column with a GIN index (migration 0002).
    """

    kind = models.CharField(_("类别"), max_length=16, choices=SearchKind.choices)
    object_id = models.PositiveBigIntegerField()
    title = models.CharField(_("标题"), max_length=400)
    text = models.TextField(_("正文"), blank=True)
    url = models.CharField(max_length=300)
    title_tokens = models.TextField(blank=True)
    body_tokens = models.TextField(blank=True)
    law_level = models.CharField(_("效力层级"), max_length=32, blank=True)
    in_force = models.BooleanField(_("现行有效"), default=True)
    # Codes between spaces (" urban market ") so one LIKE '% code %' filters on either database.
    domains = models.CharField(max_length=300, blank=True)
    region_path = models.CharField(max_length=200, blank=True)  # empty: national
    law_title = models.CharField(max_length=200, blank=True)
    article_number = models.CharField(max_length=20, blank=True)
    matter_code = models.CharField(max_length=40, blank=True)

    class Meta:
        verbose_name = _("检索条目")
        verbose_name_plural = _("检索条目")
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="search_document_unique")]

    def __str__(self) -> str:
        return self.title


class SearchSynonym(TimestampedModel):
    """A word officers or citizens use (摆摊, 乱倒渣土) and the statutory wording it stands for
    (占用城市道路 从事经营; 随意倾倒 建筑垃圾). Data an administrator extends; queries containing
    `term` also search for `means`."""

    term = models.CharField(_("俗称"), max_length=60, unique=True)
    means = models.CharField(_("法定表述"), max_length=300)
    note = models.CharField(_("说明"), max_length=200, blank=True)

    objects = JurisdictionQuerySet.as_manager()
    jurisdiction = Jurisdiction()  # one list for the whole installation

    class Meta:
        verbose_name = _("检索同义词")
        verbose_name_plural = _("检索同义词")
        ordering = ["term"]

    def __str__(self) -> str:
        return f"{self.term} → {self.means}"
