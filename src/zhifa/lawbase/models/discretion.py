"""裁量基准: per matter, versioned by effective date, never wider than the statute."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhifa.core.models import TimestampedModel, VersionedModel
from zhifa.core.scoping import Jurisdiction, JurisdictionQuerySet
from zhifa.lawbase.choices import BenchmarkStatus, CircumstanceKind, FineBase, Grade, PartyScope


class DiscretionBenchmark(VersionedModel):
    """One version of a matter's discretion benchmark (裁量基准).

    A draft is edited; publishing fixes its levels and closes the version before it, so that
    for any date at most one published version is in force: the one a case uses is the one in
    force on the date of the violation.
    """

    matter = models.ForeignKey(
        "lawbase.Matter", verbose_name=_("执法事项"), on_delete=models.PROTECT, related_name="benchmarks"
    )
    title = models.CharField(_("名称"), max_length=300)
    issuer = models.CharField(_("制定机关"), max_length=200, blank=True)
    document_no = models.CharField(_("文号"), max_length=100, blank=True)
    region = models.ForeignKey("orgs.Region", verbose_name=_("适用地区"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("状态"), max_length=16, choices=BenchmarkStatus.choices, default=BenchmarkStatus.DRAFT)
    effective_from = models.DateField(_("施行日期"), null=True, blank=True)
    effective_to = models.DateField(_("废止日期"), null=True, blank=True)
    first_offence_waiver = models.BooleanField(_("列入首违不罚清单"), default=False)
    waiver_conditions = models.TextField(_("首违不罚条件"), blank=True)
    notes = models.TextField(_("说明"), blank=True)
    previous = models.ForeignKey(
        "self",
        verbose_name=_("上一版本"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="later_versions",
    )

    objects = JurisdictionQuerySet.as_manager()
    jurisdiction = Jurisdiction(region="region__path", domain="matter__domain_id")

    class Meta:
        verbose_name = _("裁量基准")
        verbose_name_plural = _("裁量基准")
        ordering = ["matter_id", "-effective_from"]

    def __str__(self) -> str:
        return self.title


class DiscretionLevel(models.Model):
    """One row of a benchmark: a grade, its circumstances, and the penalty range for them."""

    benchmark = models.ForeignKey(DiscretionBenchmark, on_delete=models.CASCADE, related_name="levels")
    order = models.PositiveSmallIntegerField(_("序号"))
    grade = models.CharField(_("裁量档次"), max_length=16, choices=Grade.choices)
    circumstances = models.TextField(_("适用情形"))
    party = models.CharField(_("适用对象"), max_length=24, choices=PartyScope.choices, default=PartyScope.ANY)
    fine_base = models.CharField(_("罚款基数"), max_length=16, choices=FineBase.choices, blank=True)
    fine_min = models.DecimalField(_("罚款下限"), max_digits=20, decimal_places=4, null=True, blank=True)
    fine_max = models.DecimalField(_("罚款上限"), max_digits=20, decimal_places=4, null=True, blank=True)
    other_penalties = models.CharField(_("其他处罚"), max_length=300, blank=True)
    standard = models.TextField(_("裁量标准"), blank=True)

    class Meta:
        verbose_name = _("裁量档次")
        verbose_name_plural = _("裁量档次")
        ordering = ["benchmark_id", "order"]
        constraints = [models.UniqueConstraint(fields=["benchmark", "order"], name="discretion_level_order_unique")]

    def __str__(self) -> str:
        return f"{self.benchmark} · {self.get_grade_display()}"

    @property
    def has_fine(self) -> bool:
        return bool(self.fine_base) and (self.fine_min is not None or self.fine_max is not None)

    @property
    def fine_text(self) -> str:
        from zhifa.lawbase.money import fine_range

        return fine_range(self.fine_base, self.fine_min, self.fine_max) if self.has_fine else ""


class Circumstance(TimestampedModel):
    """A circumstance that removes, mitigates or aggravates the penalty under a benchmark."""

    benchmark = models.ForeignKey(DiscretionBenchmark, on_delete=models.CASCADE, related_name="circumstances")
    kind = models.CharField(_("情节类别"), max_length=16, choices=CircumstanceKind.choices)
    text = models.TextField(_("情节"))
    legal_basis = models.CharField(_("依据"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("裁量情节")
        verbose_name_plural = _("裁量情节")
        ordering = ["benchmark_id", "kind", "id"]

    def __str__(self) -> str:
        return self.text[:40]
