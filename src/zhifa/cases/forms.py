"""Forms of the case steps: shape only (the actions check the law). The same forms validate the
API's input, so a step is described once. Querysets are scoped to the case."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from zhifa.cases.choices import (
    Capacity,
    DeliveryMethod,
    EnforcementKind,
    EvidenceKind,
    Outcome,
    PaymentChannel,
    RemedyKind,
    ReviewResult,
    TranscriptKind,
)
from zhifa.cases.models import Case, Evidence
from zhifa.lawbase.choices import PenaltyKind
from zhifa.orgs.models import Agency, Officer, User
from zhifa.orgs.permissions import VIEW_OFFICER
from zhifa.orgs.selectors import agencies_near

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")  # what <input type=date> reads
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TEXT = forms.Textarea(attrs={"rows": 3})


class StepForm(forms.Form):
    """Carries the case version the user saw: a step taken on a stale page is a conflict."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, case: Case | None = None, user: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.case, self.user = case, user
        if case is not None:
            self.fields["version"].initial = case.version
        for name, field in self.fields.items():
            if isinstance(field, forms.DateTimeField):
                field.input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S"]
            if name.endswith("officers") or name in {"chair", "collected_by"}:
                field.queryset = self._officers()  # type: ignore[attr-defined]

    def _officers(self) -> Any:
        if self.case is None:
            return Officer.objects.none()
        return (
            Officer.objects.restrict(self.user, VIEW_OFFICER)
            .filter(agency_id=self.case.agency_id, is_active=True)
            .select_related("user")
        )


class PenaltyFields(forms.Form):
    kinds = forms.MultipleChoiceField(
        label=_("处罚种类"), choices=PenaltyKind.choices, widget=forms.CheckboxSelectMultiple
    )
    fine = forms.DecimalField(
        label=_("罚款（元）"), required=False, min_value=Decimal(0), max_digits=14, decimal_places=2
    )
    illegal_gains = forms.DecimalField(
        label=_("违法所得（元，没有的填 0）"), required=False, min_value=Decimal(0), max_digits=14, decimal_places=2
    )
    confiscate_gains = forms.BooleanField(label=_("没收违法所得"), required=False)
    refund_reason = forms.CharField(label=_("违法所得依法退赔的理由"), required=False, max_length=300)
    correction = forms.CharField(label=_("责令改正内容"), required=False, widget=TEXT)
    mitigated = forms.BooleanField(label=_("已依法从轻或者减轻"), required=False)


def penalty_from(data: dict[str, Any]) -> Any:
    from zhifa.cases.penalty import Penalty

    return Penalty(
        kinds=tuple(data.get("kinds") or ()),
        fine=data.get("fine"),
        illegal_gains=data.get("illegal_gains"),
        confiscate_gains=bool(data.get("confiscate_gains")),
        refund_reason=data.get("refund_reason") or "",
        correction=data.get("correction") or "",
        mitigated=bool(data.get("mitigated")),
    )


class ApproveRegistrationForm(StepForm):
    registered_on = forms.DateField(label=_("立案日期"), widget=DATE)
    preliminary_evidence = forms.CharField(label=_("初步证据情况"), widget=TEXT)


class TranscriptForm(StepForm):
    kind = forms.ChoiceField(label=_("笔录种类"), choices=TranscriptKind.choices)
    started_at = forms.DateTimeField(label=_("开始时间"), widget=DATETIME)
    ended_at = forms.DateTimeField(label=_("结束时间"), widget=DATETIME)
    place = forms.CharField(label=_("地点"), max_length=300)
    officers = forms.ModelMultipleChoiceField(
        label=_("执法人员"), queryset=Officer.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    interviewee = forms.CharField(label=_("被询问人或在场人"), max_length=100)
    content = forms.CharField(label=_("笔录内容"), widget=TEXT)
    credentials_shown = forms.BooleanField(label=_("已出示执法证件"), required=False)
    rights_notice_given = forms.BooleanField(label=_("已告知陈述申辩和申请回避的权利"), required=False)
    pages = forms.IntegerField(label=_("页数"), min_value=1, initial=1)
    signed_pages = forms.IntegerField(label=_("逐页签名页数"), min_value=0, initial=1)
    refusal_note = forms.CharField(label=_("拒绝签名情况"), required=False, max_length=300)
    av_reference = forms.CharField(label=_("音像记录编号"), required=False, max_length=200)


class EvidenceForm(StepForm):
    kind = forms.ChoiceField(label=_("证据种类"), choices=EvidenceKind.choices)
    title = forms.CharField(label=_("名称"), max_length=200)
    source = forms.CharField(label=_("来源"), max_length=200)
    method = forms.CharField(label=_("收集方式"), max_length=200)
    collected_on = forms.DateField(label=_("收集日期"), widget=DATE)
    verified = forms.BooleanField(label=_("已查证属实"), required=False)
    lawful = forms.BooleanField(label=_("合法取得"), required=False, initial=True)
    from_device = forms.BooleanField(label=_("电子技术监控设备记录"), required=False)
    device_reviewed = forms.BooleanField(label=_("设备经法制和技术审核"), required=False)
    device_location_published = forms.BooleanField(label=_("设置地点已公布"), required=False)
    record_reviewed = forms.BooleanField(label=_("记录经审核"), required=False)


class ReportForm(StepForm, PenaltyFields):
    facts = forms.CharField(label=_("违法事实"), widget=TEXT)
    outcome = forms.ChoiceField(label=_("处理意见"), choices=Outcome.choices)
    discretion_reason = forms.CharField(label=_("裁量理由"), widget=TEXT, required=False)
    outside_benchmark_reason = forms.CharField(label=_("超出裁量基准的理由"), widget=TEXT, required=False)
    first_offence = forms.BooleanField(label=_("初次违法"), required=False)
    minor = forms.BooleanField(label=_("违法行为轻微"), required=False)
    minor_harm = forms.BooleanField(label=_("危害后果轻微"), required=False)
    no_harm = forms.BooleanField(label=_("没有造成危害后果"), required=False)
    corrected = forms.BooleanField(label=_("及时改正"), required=False)
    voluntarily_reduced = forms.BooleanField(label=_("主动消除或者减轻危害后果"), required=False)
    coerced = forms.BooleanField(label=_("受他人胁迫或者诱骗"), required=False)
    confessed_unknown = forms.BooleanField(label=_("主动供述尚未掌握的违法行为"), required=False)
    meritorious = forms.BooleanField(label=_("配合查处有立功表现"), required=False)
    no_fault_proven = forms.BooleanField(label=_("有证据证明没有主观过错"), required=False)
    strict_liability_basis = forms.CharField(
        label=_("不以过错为要件的法律、行政法规依据"),
        required=False,
        max_length=300,
        help_text=_("当事人证明没有主观过错而仍予处罚的，须写明（行政处罚法第三十三条第二款）。"),
    )
    waiver_declined_reason = forms.CharField(label=_("符合首违不罚仍予处罚的理由"), required=False, widget=TEXT)
    capacity = forms.ChoiceField(
        label=_("违法时辨认或者控制自己行为的能力"), choices=Capacity.choices, required=False, initial=Capacity.FULL
    )
    capacity_evidence = forms.CharField(
        label=_("能力认定的依据"), required=False, max_length=300, help_text=_("如司法鉴定意见书的名称和编号。")
    )
    evidence_ids = forms.ModelMultipleChoiceField(
        label=_("认定事实所依据的证据"),
        queryset=Evidence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("不选的，视为依据全部证据；依法排除的证据不得选入。"),
    )

    FLAGS = (
        "first_offence",
        "minor",
        "minor_harm",
        "no_harm",
        "corrected",
        "voluntarily_reduced",
        "coerced",
        "confessed_unknown",
        "meritorious",
        "no_fault_proven",
        "strict_liability_basis",
        "waiver_declined_reason",
        "capacity",
        "capacity_evidence",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.case is not None:
            self.fields["evidence_ids"].queryset = self.case.evidence.order_by("id")  # type: ignore[attr-defined]


class RequestReviewForm(StepForm):
    reviewer = forms.ModelChoiceField(label=_("审核人员"), queryset=User.objects.none())
    received_on = forms.DateField(label=_("送审日期"), widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from zhifa.cases.selectors import reviewers_for

        if self.case is not None:
            self.fields["reviewer"].queryset = reviewers_for(self.case)  # type: ignore[attr-defined]


class RecordReviewForm(StepForm):
    result = forms.ChoiceField(label=_("审核结论"), choices=ReviewResult.choices)
    opinion = forms.CharField(label=_("审核意见"), widget=TEXT)
    reviewed_on = forms.DateField(label=_("审核日期"), widget=DATE)
    qualification_number = forms.CharField(label=_("法律职业资格证书编号"), required=False, max_length=40)


class DiscussionForm(StepForm):
    held_on = forms.DateField(label=_("讨论日期"), widget=DATE)
    attendees = forms.CharField(label=_("参加人员"), widget=TEXT)
    conclusion = forms.CharField(label=_("讨论决定"), widget=TEXT)


class NoticeForm(StepForm):
    pass


class DeliveryForm(StepForm):
    document = forms.IntegerField(label=_("文书"), widget=forms.HiddenInput)
    method = forms.ChoiceField(label=_("送达方式"), choices=DeliveryMethod.choices)
    recipient = forms.CharField(label=_("受送达人"), max_length=100)
    address = forms.CharField(label=_("送达地址"), required=False, max_length=300)
    sent_on = forms.DateField(label=_("发出日期"), widget=DATE)
    served_on = forms.DateField(label=_("送达日期（直接、邮寄、留置送达）"), widget=DATE, required=False)
    consent_confirmed = forms.BooleanField(label=_("已签订电子送达确认书"), required=False)
    refused = forms.BooleanField(label=_("当事人拒收，已留置送达"), required=False)
    note = forms.CharField(label=_("送达情况"), required=False, max_length=300)


class StatementForm(StepForm):
    received_on = forms.DateField(label=_("提出日期"), widget=DATE)
    content = forms.CharField(label=_("陈述申辩内容"), widget=TEXT)


class StatementReviewForm(StepForm):
    statement = forms.IntegerField(label=_("陈述申辩"), widget=forms.HiddenInput)
    adopted = forms.BooleanField(label=_("采纳"), required=False)
    opinion = forms.CharField(label=_("复核意见"), widget=TEXT)
    reviewed_on = forms.DateField(label=_("复核日期"), widget=DATE)


class WaiverForm(StepForm):
    waived_on = forms.DateField(label=_("当事人书面放弃日期"), widget=DATE)


class HearingRequestForm(StepForm):
    requested_on = forms.DateField(label=_("申请日期"), widget=DATE)


class HearingScheduleForm(StepForm):
    scheduled_at = forms.DateTimeField(label=_("听证时间"), widget=DATETIME)
    place = forms.CharField(label=_("听证地点"), max_length=200)
    chair = forms.ModelChoiceField(label=_("主持人（非本案调查人员）"), queryset=Officer.objects.none())
    notice_served_on = forms.DateField(label=_("听证通知送达日期"), widget=DATE)
    public = forms.BooleanField(label=_("公开举行"), required=False, initial=True)


PAPER_RECORD = _("记入听证笔录；不填写的，以当场制作的纸质笔录为准。")


class HearingRecordForm(StepForm):
    held_on = forms.DateField(label=_("举行日期"), widget=DATE)
    agents = forms.IntegerField(label=_("委托代理人人数"), min_value=0, initial=0)
    investigators_case = forms.CharField(
        label=_("调查人员提出的违法事实、证据和处罚建议"), widget=TEXT, required=False, help_text=PAPER_RECORD
    )
    party_statement = forms.CharField(
        label=_("当事人的陈述、申辩和质证意见"), widget=TEXT, required=False, help_text=PAPER_RECORD
    )
    record_signed = forms.BooleanField(label=_("笔录经当事人签字"), required=False)
    refusal_note = forms.CharField(label=_("拒绝签字说明"), required=False, max_length=300)
    party_absent = forms.BooleanField(label=_("当事人无正当理由缺席或中途退出"), required=False)
    report = forms.CharField(label=_("听证报告"), widget=TEXT)


class DecisionForm(StepForm, PenaltyFields):
    outcome = forms.ChoiceField(label=_("处理结果"), choices=[c for c in Outcome.choices if c[0] != Outcome.REFER])
    reasons = forms.CharField(label=_("理由"), widget=TEXT)
    statement_adoption = forms.CharField(label=_("陈述申辩采纳情况"), widget=TEXT, required=False)
    decided_on = forms.DateField(label=_("决定日期"), widget=DATE)
    publish = forms.BooleanField(label=_("依法公示"), required=False, initial=True)
    publish_reason = forms.CharField(label=_("不予公示的理由"), required=False, max_length=300)
    education_record = forms.CharField(label=_("对当事人的教育情况（不予处罚的）"), widget=TEXT, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kinds"].required = False


class PaymentForm(StepForm):
    amount = forms.DecimalField(label=_("缴纳金额（元）"), min_value=Decimal("0.01"), max_digits=14, decimal_places=2)
    paid_on = forms.DateField(label=_("缴纳日期"), widget=DATE)
    channel = forms.ChoiceField(label=_("缴纳方式"), choices=PaymentChannel.choices)
    receipt_number = forms.CharField(label=_("票据号码"), required=False, max_length=60)
    collection_reason = forms.CharField(label=_("当场收缴理由"), required=False, max_length=200)
    # 行政处罚法 第六十九条: collecting after an ordinary decision in a remote, waterborne or poorly
    # connected area, where paying at the bank is genuinely difficult and the party asks for it.
    remote_area = forms.BooleanField(label=_("边远、水上、交通不便地区，到银行缴纳确有困难"), required=False)
    party_requested = forms.BooleanField(label=_("当事人提出当场缴纳"), required=False)


class DeferralForm(StepForm):
    applied_on = forms.DateField(label=_("当事人申请日期"), widget=DATE)
    approved_on = forms.DateField(label=_("批准日期"), widget=DATE)
    pay_by = forms.DateField(label=_("延至"), widget=DATE)


class RemedyForm(StepForm):
    kind = forms.ChoiceField(label=_("救济途径"), choices=RemedyKind.choices)
    filed_on = forms.DateField(label=_("提起日期"), widget=DATE)
    # 行政复议法 第三十二条: an on-the-spot (or camera-based) decision may be challenged through the agency.
    lodged_with_agency = forms.BooleanField(label=_("通过本机关提交行政复议申请"), required=False)
    accepted_on = forms.DateField(label=_("复议机关受理日期"), widget=DATE, required=False)
    copy_received_on = forms.DateField(label=_("收到申请书副本日期"), widget=DATE, required=False)
    simple_procedure = forms.BooleanField(label=_("复议适用简易程序"), required=False)


class RemedyProgressForm(StepForm):
    forwarded_on = forms.DateField(label=_("转送复议机关日期"), widget=DATE, required=False)
    accepted_on = forms.DateField(label=_("复议机关受理日期"), widget=DATE, required=False)
    copy_received_on = forms.DateField(label=_("收到申请书副本日期"), widget=DATE, required=False)
    simple_procedure = forms.BooleanField(label=_("复议适用简易程序"), required=False)
    extension_days = forms.IntegerField(label=_("复议期限延长天数"), min_value=1, required=False)
    extension_notified_on = forms.DateField(label=_("延长期限书面告知日期"), widget=DATE, required=False)


class RemedyReplyForm(StepForm):
    replied_on = forms.DateField(label=_("书面答复日期"), widget=DATE)
    evidence_submitted = forms.BooleanField(label=_("已同时提交作出行政行为的证据、依据和其他有关材料"), required=False)


class RemedyConclusionForm(StepForm):
    concluded_on = forms.DateField(label=_("复议决定（裁判）送达日期"), widget=DATE)
    upheld = forms.BooleanField(label=_("维持原处罚决定"), required=False)
    result = forms.CharField(label=_("结果"), max_length=200)


class ReminderForm(StepForm):
    served_on = forms.DateField(label=_("催告书送达日期"), widget=DATE)
    perform_by = forms.DateField(label=_("履行期限"), widget=DATE)


class CourtForm(StepForm):
    filed_on = forms.DateField(label=_("申请日期"), widget=DATE)
    court = forms.CharField(label=_("受理法院"), max_length=200)
    signed_by_head = forms.BooleanField(label=_("申请书经机关负责人签名并加盖印章"), required=False)


class EnforceForm(StepForm):
    """强制执行 by an agency with enforcement power (行政强制法 第四章); the 代履行 decision's own
    fields (第五十一条) are asked for 代履行 only, by the rule rather than here."""

    kind = forms.ChoiceField(label=_("执行方式"), choices=EnforcementKind.choices)
    scheduled_at = forms.DateTimeField(label=_("实施时间"), widget=DATETIME)
    announced_on = forms.DateField(label=_("强制拆除公告日期"), widget=DATE, required=False)
    emergency_reason = forms.CharField(label=_("夜间或法定节假日实施的紧急情况"), required=False, max_length=300)
    concealment_evidence = forms.CharField(label=_("当事人转移、隐匿财物的证据"), required=False, widget=TEXT)
    cut_utilities = forms.BooleanField(label=_("对居民生活停止供水、供电、供热、供燃气"), required=False)
    reasons = forms.CharField(label=_("代履行的理由"), required=False, widget=TEXT)
    basis = forms.CharField(label=_("代履行的依据"), required=False, max_length=300)
    manner = forms.CharField(label=_("代履行的方式"), required=False, max_length=300)
    target = forms.CharField(label=_("代履行的标的"), required=False, max_length=300)
    cost_estimate = forms.DecimalField(
        label=_("代履行费用预算（元）"), required=False, min_value=Decimal(0), max_digits=14, decimal_places=2
    )
    performer = forms.CharField(label=_("代履行人"), required=False, max_length=200)


class SuspendEnforcementForm(StepForm):
    ground = forms.CharField(label=_("中止执行的理由"), max_length=300)
    started_on = forms.DateField(label=_("中止日期"), widget=DATE)


class ResumeEnforcementForm(StepForm):
    resumed_on = forms.DateField(label=_("恢复执行日期"), widget=DATE)


class CloseForm(StepForm):
    closed_on = forms.DateField(label=_("结案日期"), widget=DATE)
    summary = forms.CharField(label=_("结案情况"), widget=TEXT, required=False)


class ArchiveForm(StepForm):
    archived_on = forms.DateField(label=_("归档日期"), widget=DATE)


class PreservationForm(StepForm):
    items = forms.CharField(label=_("先行登记保存的证据清单"), widget=TEXT)
    preserved_at = forms.DateTimeField(label=_("保存时间"), widget=DATETIME)
    approved_by = forms.ModelChoiceField(label=_("批准的行政机关负责人"), queryset=User.objects.none(), required=False)
    emergency = forms.BooleanField(label=_("情况紧急，先行实施（24 小时内向负责人报告）"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from zhifa.cases.selectors import approvers_for

        if self.case is not None:
            self.fields["approved_by"].queryset = approvers_for(self.case)  # type: ignore[attr-defined]


class PreservationHandlingForm(StepForm):
    preservation = forms.IntegerField(label=_("先行登记保存"), widget=forms.HiddenInput)
    handling = forms.CharField(label=_("处理决定"), max_length=200)
    handled_on = forms.DateField(label=_("处理日期"), widget=DATE)


class RecusalForm(StepForm):
    officer = forms.ModelChoiceField(label=_("申请回避的执法人员"), queryset=Officer.objects.none())
    reason = forms.CharField(label=_("申请理由"), widget=TEXT)
    applied_on = forms.DateField(label=_("申请日期"), widget=DATE)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = self._officers()  # type: ignore[attr-defined]


class RecusalDecisionForm(StepForm):
    recusal = forms.IntegerField(label=_("回避申请"), widget=forms.HiddenInput)
    granted = forms.BooleanField(label=_("准予回避"), required=False)
    decided_on = forms.DateField(label=_("决定日期"), widget=DATE)


class SuspendForm(StepForm):
    ground = forms.CharField(label=_("中止理由"), max_length=300)
    started_on = forms.DateField(label=_("中止日期"), widget=DATE)


class DeclineRegistrationForm(StepForm):
    reason = forms.CharField(label=_("不予立案的情形及理由"), widget=TEXT)
    decided_on = forms.DateField(label=_("决定日期"), widget=DATE)


class TerminateForm(StepForm):
    ground = forms.CharField(label=_("终止调查的理由"), max_length=300)
    terminated_on = forms.DateField(label=_("终止日期"), widget=DATE)


class ResumeForm(StepForm):
    resumed_on = forms.DateField(label=_("恢复日期"), widget=DATE)


class ExtendForm(StepForm):
    days = forms.IntegerField(label=_("延长天数"), min_value=1, max_value=90)
    reason = forms.CharField(label=_("理由"), widget=TEXT)


def other_agencies(case: Case | None) -> Any:
    """Agencies a case may be transferred to or shared with: any active enforcement body other
    than the case's own. Their names are public (the agency register), so the choice is not
    limited to the agencies the user may administer."""
    agencies = Agency.objects.filter(is_active=True).order_by("name")
    return agencies.exclude(pk=case.agency_id) if case is not None else agencies


class AgencyPicker(forms.Widget):
    """The agencies nearest the case as radio buttons, and a search box that asks the server for
    others by name (htmx): a country has over 100,000 agencies, too many for one page."""

    template_name = "cases/widgets/agency_picker.html"
    SHOWN = 20

    def __init__(self, case: Case | None, among: QuerySet[Agency]) -> None:
        super().__init__()
        self.case, self.among = case, among

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        path = self.case.region_path if self.case is not None else ""
        agencies = agencies_near(path, among=self.among, limit=self.SHOWN)
        selected = with_chosen(agencies, self.among, value)
        url = reverse("cases:agency_choices", args=[self.case.pk]) + f"?field={name}" if self.case else ""
        context["widget"].update(agencies=agencies, selected=selected, search_url=url)
        return context


def with_chosen(agencies: list[Agency], among: QuerySet[Agency], value: Any) -> str:
    """Put the agency already chosen (`value`, as posted) at the head of `agencies` when it is not
    among them, so that a redrawn form or a new search keeps it; returns its id ("" if none)."""
    text = "" if value is None else str(value).strip()
    if not (text.isascii() and text.isdecimal()):
        return ""
    pk = int(text)
    if all(a.pk != pk for a in agencies):
        agencies[:0] = among.filter(pk=pk).select_related("region")
    return str(pk)


class AgencyChoiceForm(StepForm):
    """A step that names another agency (`AGENCY_FIELD`): any active enforcement body but the
    case's own, picked with `AgencyPicker`."""

    AGENCY_FIELD = ""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields[self.AGENCY_FIELD]
        field.queryset = other_agencies(self.case)  # type: ignore[attr-defined]
        field.widget = AgencyPicker(self.case, field.queryset)  # type: ignore[attr-defined]


def agency_fields() -> set[str]:
    """The names of the agency fields the picker's search serves."""
    return {form.AGENCY_FIELD for form in AgencyChoiceForm.__subclasses__()}


class TransferForm(AgencyChoiceForm):
    AGENCY_FIELD = "to_agency"
    to_agency = forms.ModelChoiceField(label=_("有管辖权的机关"), queryset=Agency.objects.none())
    reason = forms.CharField(label=_("移送理由"), widget=TEXT)
    transferred_on = forms.DateField(label=_("移送日期"), widget=DATE)


class ParticipantForm(AgencyChoiceForm):
    AGENCY_FIELD = "agency"
    agency = forms.ModelChoiceField(label=_("协办机关"), queryset=Agency.objects.none())
    duty = forms.CharField(label=_("协办事项"), max_length=200, required=False)


class ReferralForm(StepForm):
    suspected_offence = forms.CharField(label=_("涉嫌罪名"), max_length=200)
    reported_on = forms.DateField(label=_("报告日期"), widget=DATE)
    task_group_officers = forms.ModelMultipleChoiceField(
        label=_("专案组成员"), queryset=Officer.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    attachments = forms.MultipleChoiceField(
        label=_("随附材料"),
        choices=[
            ("transfer_letter", _("涉嫌犯罪案件移送书")),
            ("investigation_report", _("涉嫌犯罪案件情况的调查报告")),
            ("item_list", _("涉案物品清单")),
            ("appraisal", _("检验报告或者鉴定意见")),
        ],
        widget=forms.CheckboxSelectMultiple,
    )


class ReferralDecisionForm(StepForm):
    approved = forms.BooleanField(label=_("批准移送"), required=False)
    refusal_reason = forms.CharField(label=_("不批准的理由"), widget=TEXT, required=False)


class PoliceTransferForm(StepForm):
    police = forms.CharField(label=_("接收的公安机关"), max_length=200)
    party_notified_on = forms.DateField(label=_("书面告知当事人日期"), widget=DATE, required=False)


class PoliceResponseForm(StepForm):
    response = forms.ChoiceField(label=_("公安机关处理"), choices=[("filed", _("已立案")), ("refused", _("不予立案"))])
    responded_on = forms.DateField(label=_("决定日期"), widget=DATE)


class SummaryFileForm(StepForm):
    filed_on = forms.DateField(label=_("备案日期"), widget=DATE)
