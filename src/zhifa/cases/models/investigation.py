"""调查取证: evidence, transcripts, evidence preservation, recusal, suspension."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhifa.cases.choices import EvidenceKind, TranscriptKind
from zhifa.core.models import TimestampedModel


class Evidence(TimestampedModel):
    """An exhibit (行政处罚法 第四十六条): only verified, lawfully obtained evidence may ground a decision."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("证据种类"), max_length=20, choices=EvidenceKind.choices)
    title = models.CharField(_("名称"), max_length=200)
    source = models.CharField(_("来源"), max_length=200)
    method = models.CharField(_("收集方式"), max_length=200)
    collected_on = models.DateField(_("收集日期"))
    verified = models.BooleanField(_("已查证属实"), default=False)
    lawful = models.BooleanField(_("合法取得"), default=True)
    # 行政处罚法 第四十一条: records of electronic monitoring devices.
    from_device = models.BooleanField(_("电子技术监控设备记录"), default=False)
    device_reviewed = models.BooleanField(_("设备经法制和技术审核"), default=False)
    device_location_published = models.BooleanField(_("设置地点已公布"), default=False)
    record_reviewed = models.BooleanField(_("记录经审核"), default=False)
    file_sha256 = models.CharField(_("文件指纹"), max_length=64, blank=True)
    collected_by = models.ForeignKey("orgs.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("证据")
        verbose_name_plural = _("证据")
        ordering = ["case_id", "id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.title}"


class Transcript(TimestampedModel):
    """A 现场笔录 or 询问笔录: who, when, where, credentials shown, rights told, signed page by page."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="transcripts")
    kind = models.CharField(_("笔录种类"), max_length=16, choices=TranscriptKind.choices)
    started_at = models.DateTimeField(_("开始时间"))
    ended_at = models.DateTimeField(_("结束时间"))
    place = models.CharField(_("地点"), max_length=300)
    officers = models.ManyToManyField("orgs.Officer", verbose_name=_("执法人员"), related_name="+")
    credential_numbers = models.JSONField(_("出示的执法证号"), default=list)
    credentials_shown = models.BooleanField(_("已出示执法证件"), default=False)
    rights_notice_given = models.BooleanField(_("已告知陈述申辩和申请回避的权利"), default=False)
    interviewee = models.CharField(_("被询问人或在场人"), max_length=100)
    content = models.TextField(_("笔录内容"))
    pages = models.PositiveSmallIntegerField(_("页数"), default=1)
    signed_pages = models.PositiveSmallIntegerField(_("逐页签名页数"), default=0)
    refusal_note = models.CharField(_("拒绝签名情况"), max_length=300, blank=True)
    av_reference = models.CharField(_("音像记录编号"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("笔录")
        verbose_name_plural = _("笔录")
        ordering = ["case_id", "started_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_at:%Y-%m-%d}"


class Preservation(TimestampedModel):
    """先行登记保存 (行政处罚法 第五十六条): approved by the head (or reported within 24 hours in an
    emergency), handled within 7 working days, or it lapses."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="preservations")
    items = models.TextField(_("保存物品"))
    preserved_at = models.DateTimeField(_("保存时间"))
    emergency = models.BooleanField(_("情况紧急，先行实施"), default=False)
    approved_by = models.ForeignKey(
        "orgs.User", verbose_name=_("批准人"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    approved_at = models.DateTimeField(_("批准时间"), null=True, blank=True)
    handled_on = models.DateField(_("处理决定日期"), null=True, blank=True)
    handling = models.CharField(_("处理决定"), max_length=200, blank=True)
    lapsed = models.BooleanField(_("已自动解除"), default=False)

    class Meta:
        verbose_name = _("先行登记保存")
        verbose_name_plural = _("先行登记保存")

    def __str__(self) -> str:
        return self.items[:40]


class Recusal(TimestampedModel):
    """A recusal application (回避, 行政处罚法 第四十三条) and the head's decision."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="recusals")
    officer = models.ForeignKey(
        "orgs.Officer", verbose_name=_("申请回避的执法人员"), on_delete=models.PROTECT, related_name="+"
    )
    applied_on = models.DateField(_("申请日期"))
    reason = models.TextField(_("理由"))
    decided_on = models.DateField(_("决定日期"), null=True, blank=True)
    granted = models.BooleanField(_("准予回避"), null=True, blank=True)

    class Meta:
        verbose_name = _("回避申请")
        verbose_name_plural = _("回避申请")

    def __str__(self) -> str:
        return str(self.officer)


class Suspension(TimestampedModel):
    """中止调查 with its ground and approval (市场监督管理行政处罚程序规定 第四十六条); the days
    suspended do not count towards the 90-day time limit."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="suspensions")
    ground = models.CharField(_("中止理由"), max_length=300)
    started_on = models.DateField(_("中止日期"))
    ended_on = models.DateField(_("恢复日期"), null=True, blank=True)
    approved_by = models.ForeignKey("orgs.User", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("中止调查")
        verbose_name_plural = _("中止调查")

    def __str__(self) -> str:
        return self.ground
