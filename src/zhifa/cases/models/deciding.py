"""From the investigation report to the decision: review, collective discussion, prior notice,
statements, hearing and the decision itself.

Penalties are stored as a structured `penalty` JSON (see `cases.penalty.Penalty`): kinds, the fine,
illegal gains and their confiscation, the correction order. Amounts are strings of yuan, so that
they survive JSON exactly.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhifa.cases.choices import Outcome, ReviewKind, ReviewResult
from zhifa.core.models import TimestampedModel


class Report(TimestampedModel):
    """案件调查终结报告: the facts found, the proposed outcome and penalty, and the reasons for the
    discretion used (市场监督管理行政处罚程序规定 第四十八条)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="reports")
    submitted_by = models.ForeignKey("orgs.User", on_delete=models.PROTECT, related_name="+")
    facts = models.TextField(_("违法事实"))
    outcome = models.CharField(_("处理意见"), max_length=24, choices=Outcome.choices)
    penalty = models.JSONField(_("拟处罚"), default=dict)
    circumstances = models.JSONField(_("裁量情节"), default=dict)
    benchmark = models.ForeignKey(
        "lawbase.DiscretionBenchmark", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    grade = models.CharField(_("裁量档次"), max_length=16, blank=True)
    discretion_reason = models.TextField(_("裁量理由"))
    outside_benchmark_reason = models.TextField(_("超出裁量基准的理由"), blank=True)

    class Meta:
        verbose_name = _("调查终结报告")
        verbose_name_plural = _("调查终结报告")
        ordering = ["case_id", "-created_at"]

    def __str__(self) -> str:
        return f"{self.case} {self.get_outcome_display()}"


class Review(TimestampedModel):
    """法制审核 or 案件审核 by someone who is not a handler of the case."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="reviews")
    kind = models.CharField(_("审核类别"), max_length=8, choices=ReviewKind.choices)
    reviewer = models.ForeignKey("orgs.User", verbose_name=_("审核人"), on_delete=models.PROTECT, related_name="+")
    received_on = models.DateField(_("收到材料日期"))
    result = models.CharField(_("审核结论"), max_length=16, choices=ReviewResult.choices, blank=True)
    opinion = models.TextField(_("审核意见"), blank=True)
    reviewed_on = models.DateField(_("审核日期"), null=True, blank=True)
    qualification_number = models.CharField(_("法律职业资格证书编号"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("审核")
        verbose_name_plural = _("审核")
        ordering = ["case_id", "received_on", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.get_result_display()}"


class Discussion(TimestampedModel):
    """集体讨论 (行政处罚法 第五十七条第二款)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="discussions")
    held_on = models.DateField(_("讨论日期"))
    attendees = models.TextField(_("参加人员"))
    conclusion = models.TextField(_("讨论决定"))

    class Meta:
        verbose_name = _("集体讨论")
        verbose_name_plural = _("集体讨论")

    def __str__(self) -> str:
        return f"{self.held_on}"


class Notice(TimestampedModel):
    """事先告知 (行政处罚法 第四十四条): the intended penalty with its facts, reasons and basis, and the
    rights to state, defend and (where 第六十三条 applies) request a hearing."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="notices")
    penalty = models.JSONField(_("拟作出的行政处罚"), default=dict)
    hearing_clause = models.BooleanField(_("告知听证权利"), default=False)
    document = models.OneToOneField(
        "cases.CaseDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    served_on = models.DateField(_("送达日期"), null=True, blank=True)
    waived_on = models.DateField(_("当事人书面放弃日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("事先告知")
        verbose_name_plural = _("事先告知")
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return f"{self.case} {self.served_on or ''}"


class Statement(TimestampedModel):
    """陈述申辩 and its 复核 (行政处罚法 第四十五条)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="statements")
    received_on = models.DateField(_("提出日期"))
    content = models.TextField(_("陈述申辩内容"))
    refused = models.BooleanField(_("拒绝听取"), default=False)
    review_opinion = models.TextField(_("复核意见"), blank=True)
    adopted = models.BooleanField(_("采纳"), null=True, blank=True)
    reviewed_on = models.DateField(_("复核日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("陈述申辩")
        verbose_name_plural = _("陈述申辩")

    def __str__(self) -> str:
        return self.content[:40]


class Hearing(TimestampedModel):
    """听证 (行政处罚法 第六十三、六十四、六十五条)."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="hearing")
    requested_on = models.DateField(_("申请日期"))
    scheduled_at = models.DateTimeField(_("听证时间"), null=True, blank=True)
    place = models.CharField(_("听证地点"), max_length=200, blank=True)
    chair = models.ForeignKey(
        "orgs.Officer", verbose_name=_("主持人"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    notice_served_on = models.DateField(_("听证通知送达日期"), null=True, blank=True)
    public = models.BooleanField(_("公开举行"), default=True)
    agents = models.PositiveSmallIntegerField(_("委托代理人人数"), default=0)
    held_on = models.DateField(_("举行日期"), null=True, blank=True)
    # 行政处罚法 第六十四条第（七）项: what the 听证笔录 records.
    investigators_case = models.TextField(_("调查人员提出的违法事实、证据和处罚建议"), blank=True)
    party_statement = models.TextField(_("当事人的陈述、申辩和质证意见"), blank=True)
    record_signed = models.BooleanField(_("笔录经当事人签字"), default=False)
    refusal_note = models.CharField(_("拒绝签字说明"), max_length=300, blank=True)
    report = models.TextField(_("听证报告"), blank=True)
    party_absent = models.BooleanField(_("当事人无正当理由缺席或中途退出"), default=False)

    class Meta:
        verbose_name = _("听证")
        verbose_name_plural = _("听证")

    def __str__(self) -> str:
        return f"{self.case} 听证"


class Decision(TimestampedModel):
    """处罚决定 or 不予处罚决定 (行政处罚法 第五十七、五十九条)."""

    case = models.OneToOneField("cases.Case", on_delete=models.CASCADE, related_name="decision")
    outcome = models.CharField(_("处理结果"), max_length=24, choices=Outcome.choices)
    number = models.CharField(_("决定书文号"), max_length=60)
    penalty = models.JSONField(_("行政处罚"), default=dict)
    reasons = models.TextField(_("理由"))
    statement_adoption = models.TextField(_("陈述申辩采纳情况"), blank=True)
    decided_on = models.DateField(_("决定日期"))
    decided_by = models.ForeignKey("orgs.User", verbose_name=_("决定人"), on_delete=models.PROTECT, related_name="+")
    document = models.OneToOneField(
        "cases.CaseDocument", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    publish = models.BooleanField(_("公示"), default=True)
    publish_reason = models.CharField(_("不予公示理由"), max_length=300, blank=True)
    education_record = models.TextField(_("教育记录"), blank=True)

    class Meta:
        verbose_name = _("行政处罚决定")
        verbose_name_plural = _("行政处罚决定")

    def __str__(self) -> str:
        return self.number
