"""线索 and 案件: the aggregate every step of the case engine changes."""

from __future__ import annotations

import secrets

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhifa.cases.choices import CaseStatus, LeadSource, LeadStatus, OfficerRole, Outcome, Procedure
from zhifa.core.models import TimestampedModel, VersionedModel
from zhifa.core.scoping import Jurisdiction, JurisdictionQuerySet


def new_case_code() -> str:
    """The public code printed as the case's QR code (案件码): unguessable, short, unambiguous."""
    alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
    return "".join(secrets.choice(alphabet) for _ in range(12))


class Lead(VersionedModel):
    """A lead (线索 / 案源): something that may become a case. The head decides within 15 WD
    whether to register it, or 15 WD more once they approve an extension (市场监督管理行政处罚程序规定
    第十八条, rule MP-18)."""

    agency = models.ForeignKey(
        "orgs.Agency", verbose_name=_("执法主体"), on_delete=models.PROTECT, related_name="leads"
    )
    source = models.CharField(_("来源"), max_length=16, choices=LeadSource.choices)
    received_on = models.DateField(_("发现或收到日期"))
    summary = models.TextField(_("线索内容"))
    party = models.ForeignKey(
        "parties.Party", verbose_name=_("当事人"), on_delete=models.PROTECT, null=True, blank=True
    )
    matter = models.ForeignKey(
        "lawbase.Matter", verbose_name=_("执法事项"), on_delete=models.PROTECT, null=True, blank=True
    )
    reporter = models.CharField(_("举报人或移送机关"), max_length=200, blank=True)
    status = models.CharField(_("状态"), max_length=16, choices=LeadStatus.choices, default=LeadStatus.OPEN)
    decision_reason = models.TextField(_("不予立案理由"), blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    # 特殊情况下经负责人批准延长 (MP-18): the working days added, when and why.
    extension_days = models.PositiveSmallIntegerField(_("批准延长核查期限（工作日）"), default=0)
    extension_reason = models.TextField(_("延长理由"), blank=True)
    extended_on = models.DateField(_("批准延长日期"), null=True, blank=True)
    received_by = models.ForeignKey("orgs.User", on_delete=models.PROTECT, related_name="+")

    objects = JurisdictionQuerySet.as_manager()
    jurisdiction = Jurisdiction(agency="agency_id", region="agency__region__path", domain="agency__domain_id")

    class Meta:
        verbose_name = _("线索")
        verbose_name_plural = _("线索")
        ordering = ["-received_on", "-id"]

    def __str__(self) -> str:
        return self.summary[:40]


class Case(VersionedModel):
    """A penalty case (行政处罚案件). Its state changes only through `cases.actions`; each change
    writes a `CaseEvent` (the timeline) and an audit entry in the same transaction."""

    lead = models.OneToOneField(
        Lead, verbose_name=_("线索"), on_delete=models.PROTECT, null=True, blank=True, related_name="case"
    )
    agency = models.ForeignKey(
        "orgs.Agency", verbose_name=_("主办机关"), on_delete=models.PROTECT, related_name="cases"
    )
    domain = models.ForeignKey("orgs.Domain", verbose_name=_("执法领域"), on_delete=models.PROTECT, related_name="+")
    # Copied from the agency when the case opens: scoping 10 million cases by region is then one
    # indexed prefix match, with no join.
    region_path = models.CharField(_("区划路径"), max_length=80, db_index=True)
    procedure = models.CharField(_("程序"), max_length=16, choices=Procedure.choices, default=Procedure.GENERAL)
    status = models.CharField(_("状态"), max_length=24, choices=CaseStatus.choices)
    number = models.CharField(_("案件编号"), max_length=60, blank=True)
    case_code = models.CharField(_("案件码"), max_length=16, unique=True, default=new_case_code, editable=False)
    title = models.CharField(_("案由"), max_length=300)
    matter = models.ForeignKey(
        "lawbase.Matter", verbose_name=_("执法事项"), on_delete=models.PROTECT, related_name="cases"
    )
    party = models.ForeignKey("parties.Party", verbose_name=_("当事人"), on_delete=models.PROTECT, related_name="cases")
    act_date = models.DateField(_("违法行为发生日期"))
    act_end_date = models.DateField(_("违法行为终了日期"), null=True, blank=True)
    act_continuing = models.BooleanField(_("连续或继续状态"), default=False)
    act_place = models.CharField(_("违法行为发生地"), max_length=300)
    act_region = models.ForeignKey(
        "orgs.Region", verbose_name=_("发生地区划"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    discovered_on = models.DateField(_("发现日期"))
    facts = models.TextField(_("违法事实"), blank=True)
    life_health_financial = models.BooleanField(_("涉及公民生命健康安全、金融安全"), default=False)
    harmful_consequences = models.BooleanField(_("有危害后果"), default=False)
    is_major = models.BooleanField(_("重大执法决定"), default=False)
    major_grounds = models.JSONField(_("法制审核情形"), default=list, blank=True)
    is_complex = models.BooleanField(_("情节复杂或重大违法"), default=False)
    suspected_crime = models.BooleanField(_("涉嫌犯罪"), default=False)
    registered_on = models.DateField(_("立案日期"), null=True, blank=True)
    outcome = models.CharField(_("处理结果"), max_length=24, choices=Outcome.choices, blank=True)
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    archived_on = models.DateField(_("归档日期"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("批准延长办案期限（日）"), default=0)

    objects = JurisdictionQuerySet.as_manager()
    jurisdiction = Jurisdiction(
        agency="agency_id",
        region="region_path",
        domain="domain_id",
        member_agencies="participants__agency_id",
    )

    class Meta:
        verbose_name = _("案件")
        verbose_name_plural = _("案件")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "number"], condition=~models.Q(number=""), name="case_number_unique"
            )
        ]
        indexes = [
            models.Index(fields=["agency", "status"], name="case_agency_status_idx"),
            models.Index(fields=["party", "act_date"], name="case_party_act_idx"),
        ]

    def __str__(self) -> str:
        return self.number or self.title

    def get_absolute_url(self) -> str:
        return reverse("cases:case_detail", args=[self.pk])


class CaseOfficer(TimestampedModel):
    """An officer handling the case (承办人), with the credential used, as it was at assignment."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="handlers")
    officer = models.ForeignKey("orgs.Officer", verbose_name=_("执法人员"), on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("分工"), max_length=16, choices=OfficerRole.choices, default=OfficerRole.HANDLER)
    credential_number = models.CharField(_("执法证号"), max_length=40)
    active = models.BooleanField(_("在办"), default=True)

    class Meta:
        verbose_name = _("承办人")
        verbose_name_plural = _("承办人")
        constraints = [models.UniqueConstraint(fields=["case", "officer"], name="case_officer_unique")]

    def __str__(self) -> str:
        return f"{self.officer}（{self.credential_number}）"


class CaseParticipant(TimestampedModel):
    """An assisting agency of a joint case (协办机关); the case's `agency` is the lead (主办)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="participants")
    agency = models.ForeignKey("orgs.Agency", verbose_name=_("协办机关"), on_delete=models.PROTECT, related_name="+")
    duty = models.CharField(_("协办事项"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("协办机关")
        verbose_name_plural = _("协办机关")
        constraints = [models.UniqueConstraint(fields=["case", "agency"], name="case_participant_unique")]

    def __str__(self) -> str:
        return str(self.agency)


class NumberCounter(models.Model):
    """The last number given per agency, year and series (立案, 处罚决定 …). Taken under a row
    lock in the numbering transaction, so numbers are unique and have no gaps."""

    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    series = models.CharField(max_length=16)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["agency", "year", "series"], name="number_counter_unique")]

    def __str__(self) -> str:
        return f"{self.agency_id}/{self.year}/{self.series}: {self.last}"


class HearingThreshold(TimestampedModel):
    """较大数额 (行政处罚法 第六十三条): the fine from which a party has the right to a hearing, set by
    province or ministry per domain; a region's own row wins over its province's."""

    domain = models.ForeignKey("orgs.Domain", verbose_name=_("执法领域"), on_delete=models.PROTECT, related_name="+")
    region = models.ForeignKey(
        "orgs.Region", verbose_name=_("适用地区"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    individual = models.DecimalField(_("对个人（元）"), max_digits=14, decimal_places=2)
    organisation = models.DecimalField(_("对单位（元）"), max_digits=14, decimal_places=2)
    confiscation = models.DecimalField(
        _("没收违法所得或财物价值（元）"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    source = models.CharField(_("依据"), max_length=300)
    unverified = models.BooleanField(_("依据未经核实"), default=True)

    jurisdiction = Jurisdiction(region="region__path", domain="domain_id")

    class Meta:
        verbose_name = _("听证较大数额标准")
        verbose_name_plural = _("听证较大数额标准")

    def __str__(self) -> str:
        return f"{self.domain} {self.individual}/{self.organisation}"
