"""执行: payment, deferral, surcharge, remedies, 催告, court enforcement; and the two ways a case
leaves the agency: transfer to another agency and referral to judicial organs (行刑衔接)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhifa.cases.choices import PaymentChannel, RemedyKind
from zhifa.core.models import TimestampedModel
from zhifa.core.scoping import Jurisdiction


class Payment(TimestampedModel):
    """A payment of the fine (or confiscated gains). On-the-spot collection needs the finance
    department's receipt, and the cash goes to the agency within 2 working days and to the bank
    within 2 more (行政处罚法 第六十八至七十一条)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="payments")
    amount = models.DecimalField(_("金额（元）"), max_digits=14, decimal_places=2)
    surcharge = models.DecimalField(_("其中加处罚款（元）"), max_digits=14, decimal_places=2, default=0)
    paid_on = models.DateField(_("缴纳日期"))
    channel = models.CharField(_("缴纳方式"), max_length=16, choices=PaymentChannel.choices)
    receipt_number = models.CharField(_("票据号码"), max_length=60, blank=True)
    collected_by = models.ForeignKey("orgs.Officer", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    collection_reason = models.CharField(_("当场收缴理由"), max_length=200, blank=True)
    handed_to_agency_on = models.DateField(_("交至机关日期"), null=True, blank=True)
    banked_on = models.DateField(_("缴付银行日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("缴款")
        verbose_name_plural = _("缴款")

    def __str__(self) -> str:
        return f"{self.amount} {self.paid_on}"


class Deferral(TimestampedModel):
    """延期或者分期缴纳 on the party's application, approved by the agency (第六十六条)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="deferrals")
    applied_on = models.DateField(_("申请日期"))
    approved_on = models.DateField(_("批准日期"))
    pay_by = models.DateField(_("延至"))
    instalments = models.JSONField(_("分期安排"), default=list, blank=True)

    class Meta:
        verbose_name = _("延期（分期）缴纳")
        verbose_name_plural = _("延期（分期）缴纳")

    def __str__(self) -> str:
        return f"{self.pay_by}"


class Remedy(TimestampedModel):
    """The party's 行政复议 or 行政诉讼: no surcharge accrues while it is pending (第七十三条第三款)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="remedies")
    kind = models.CharField(_("救济途径"), max_length=20, choices=RemedyKind.choices)
    filed_on = models.DateField(_("提起日期"))
    concluded_on = models.DateField(_("审结日期"), null=True, blank=True)
    result = models.CharField(_("结果"), max_length=200, blank=True)
    decision_upheld = models.BooleanField(_("维持原决定"), null=True, blank=True)

    class Meta:
        verbose_name = _("复议诉讼")
        verbose_name_plural = _("复议诉讼")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filed_on}"


class Reminder(TimestampedModel):
    """催告书 (行政强制法 第三十五、五十四条)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="reminders")
    served_on = models.DateField(_("送达日期"))
    perform_by = models.DateField(_("履行期限"))
    amount = models.DecimalField(_("催告金额（元）"), max_digits=14, decimal_places=2)
    document = models.OneToOneField(
        "cases.CaseDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("催告")
        verbose_name_plural = _("催告")

    def __str__(self) -> str:
        return f"{self.served_on}"


class CourtApplication(TimestampedModel):
    """申请人民法院强制执行 (行政强制法 第五十三至五十五条)."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="court_application")
    filed_on = models.DateField(_("申请日期"))
    court = models.CharField(_("受理法院"), max_length=200)
    signed_by_head = models.BooleanField(_("机关负责人签名"), default=False)
    ruling = models.CharField(_("裁定结果"), max_length=200, blank=True)
    concluded_on = models.DateField(_("执行终结日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("申请强制执行")
        verbose_name_plural = _("申请强制执行")

    def __str__(self) -> str:
        return f"{self.court} {self.filed_on}"


class Transfer(TimestampedModel):
    """移送管辖: the case goes to the agency that has jurisdiction (行政处罚法 第二十二至二十五条)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="transfers")
    to_agency = models.ForeignKey("orgs.Agency", verbose_name=_("接收机关"), on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("移送理由"))
    transferred_on = models.DateField(_("移送日期"))
    new_case = models.OneToOneField(
        "cases.Case", on_delete=models.PROTECT, null=True, blank=True, related_name="transferred_from"
    )

    class Meta:
        verbose_name = _("移送管辖")
        verbose_name_plural = _("移送管辖")

    def __str__(self) -> str:
        return f"→ {self.to_agency}"


class CriminalReferral(TimestampedModel):
    """行刑衔接 (行政执法机关移送涉嫌犯罪案件的规定): a task group's report, the principal head's
    decision within 3 days, transfer within 24 hours, and the police's answer."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="criminal_referral")
    suspected_offence = models.CharField(_("涉嫌罪名"), max_length=200)
    reported_on = models.DateField(_("报告日期"))
    task_group = models.ManyToManyField("orgs.Officer", verbose_name=_("专案组"), related_name="+")
    head_decided_at = models.DateTimeField(_("负责人决定时间"), null=True, blank=True)
    approved = models.BooleanField(_("批准移送"), null=True, blank=True)
    refusal_reason = models.TextField(_("不批准理由"), blank=True)
    transferred_at = models.DateTimeField(_("移送时间"), null=True, blank=True)
    police = models.CharField(_("接收公安机关"), max_length=200, blank=True)
    attachments = models.JSONField(_("随附材料"), default=list, blank=True)
    party_notified_on = models.DateField(_("书面告知当事人日期"), null=True, blank=True)
    police_response = models.CharField(_("公安机关处理"), max_length=16, blank=True)  # filed / refused
    police_response_on = models.DateField(_("公安机关决定日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("移送司法")
        verbose_name_plural = _("移送司法")

    def __str__(self) -> str:
        return self.suspected_offence


class SummaryFormRange(TimestampedModel):
    """The pre-printed, numbered on-the-spot decision forms an agency issued to a team or officer
    (行政处罚法 第五十二条: 预定格式、编有号码)."""

    agency = models.ForeignKey("orgs.Agency", on_delete=models.PROTECT, related_name="+")
    prefix = models.CharField(_("编号前缀"), max_length=20)
    first = models.PositiveIntegerField(_("起始号"))
    last = models.PositiveIntegerField(_("终止号"))
    issued_to = models.ForeignKey(
        "orgs.Officer", verbose_name=_("领用人"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    jurisdiction = Jurisdiction(agency="agency_id", region="agency__region__path", domain="agency__domain_id")

    class Meta:
        verbose_name = _("当场处罚决定书号段")
        verbose_name_plural = _("当场处罚决定书号段")

    def __str__(self) -> str:
        return f"{self.prefix}{self.first}-{self.last}"
