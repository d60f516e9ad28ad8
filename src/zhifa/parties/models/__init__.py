"""当事人 (Party) and their addresses."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhifa.core.models import TimestampedModel, VersionedModel
from zhifa.core.scoping import Jurisdiction, JurisdictionQuerySet
from zhifa.parties.choices import AddressKind, CreditGrade, IdType, PartyKind


class Party(VersionedModel):
    """A party to a case or the object of an inspection: a person or an organisation.

    One party per identity number (身份证号 or 统一社会信用代码): a duplicate found later is
    merged into the party it duplicates (`merged_into`), and every link follows it.
    """

    kind = models.CharField(_("类型"), max_length=16, choices=PartyKind.choices)
    name = models.CharField(_("姓名或名称"), max_length=200)
    id_type = models.CharField(_("证件类型"), max_length=16, choices=IdType.choices)
    id_number = models.CharField(_("证件号码"), max_length=40, blank=True)
    birth_date = models.DateField(_("出生日期"), null=True, blank=True)
    legal_representative = models.CharField(_("法定代表人或负责人"), max_length=60, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    email = models.EmailField(_("电子邮箱"), blank=True)
    region = models.ForeignKey(
        "orgs.Region", verbose_name=_("所在地区"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    credit_grade = models.CharField(_("信用等级"), max_length=1, choices=CreditGrade.choices, blank=True)
    agency = models.ForeignKey(
        "orgs.Agency",
        verbose_name=_("登记机关"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("已合并至"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="merged_parties",
    )

    objects = JurisdictionQuerySet.as_manager()
    # Within a region: parties an agency of the region registered, and parties to its cases.
    jurisdiction = Jurisdiction(region="agency__region__path", agency="agency_id", region_via="cases__region_path")

    class Meta:
        verbose_name = _("当事人")
        verbose_name_plural = _("当事人")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["id_type", "id_number"],
                condition=~Q(id_number="") & Q(merged_into__isnull=True),
                name="party_identity_unique",
                violation_error_message=_("已有相同证件号码的当事人。"),
            )
        ]
        indexes = [models.Index(fields=["id_number"], name="party_id_number_idx")]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("parties:party_detail", args=[self.pk])

    @property
    def is_individual(self) -> bool:
        return self.kind == PartyKind.INDIVIDUAL


class PartyAddress(TimestampedModel):
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="addresses")
    kind = models.CharField(_("地址类别"), max_length=16, choices=AddressKind.choices)
    text = models.CharField(_("地址"), max_length=300)

    class Meta:
        verbose_name = _("地址")
        verbose_name_plural = _("地址")
        ordering = ["party_id", "kind"]
        constraints = [models.UniqueConstraint(fields=["party", "kind"], name="party_address_kind_unique")]

    def __str__(self) -> str:
        return self.text
