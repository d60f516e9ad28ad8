"""Forms that open work before there is a case: a lead, the request to register it, its refusal,
and the on-the-spot decision. Shape only, as in `cases.forms`; the actions check the law.

The party is named the way an officer in the street knows it: by its identity number (统一社会
信用代码 or 身份证号, read off the licence or the ID card). A number not yet on file can be
registered in the same form, so nothing is typed twice.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from django import forms
from django.db import models
from django.db.models import OuterRef, Q, Subquery, Value
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhifa.cases.choices import LeadSource
from zhifa.cases.forms import DATE, TEXT, PenaltyFields
from zhifa.lawbase.choices import MatterKind, MatterStatus, PenaltyKind
from zhifa.lawbase.models import AgencyMatter, Matter
from zhifa.orgs.models import Agency, Officer, Region
from zhifa.orgs.permissions import VIEW_OFFICER, VIEW_REGION
from zhifa.parties.choices import PartyKind
from zhifa.parties.models import Party
from zhifa.parties.permissions import VIEW_PARTY


class AgencyForm(forms.Form):
    """A form acting for one agency (the user's own): matters it holds, officers it employs."""

    def __init__(self, *args: Any, agency: Agency, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agency, self.user = agency, user
        for name, field in self.fields.items():
            if name == "matter":
                field.queryset = held_matters(agency)  # type: ignore[attr-defined]
            if name in {"handlers", "officers"}:
                field.queryset = (  # type: ignore[attr-defined]
                    Officer.objects.restrict(user, VIEW_OFFICER)
                    .filter(agency=agency, is_active=True)
                    .select_related("user")
                )
            if name == "act_region":
                # Any region: a place outside the agency's area is a matter of law (LP-22 warns,
                # 行政处罚法 第二十二条), not of shape, so the form must not hide it.
                field.queryset = Region.objects.restrict(user, VIEW_REGION)  # type: ignore[attr-defined]


def held_matters(agency: Agency) -> models.QuerySet[Matter]:
    """Penalty matters the agency holds or held, with the dates of its holding (`holding_from`,
    `holding_to`): those it may act on today first, then those not yet begun, then the ended ones.
    These stay in the list, labelled (see `MatterChoiceField`): LP-22 refuses a case after the
    holding ended with its end date, which says more than a missing option would, and a matter
    that lapsed still serves an act committed before."""
    today = timezone.localdate()
    holding = AgencyMatter.objects.filter(agency=agency, matter=OuterRef("pk"))
    return (
        Matter.objects.filter(holdings__agency=agency, kind=MatterKind.PENALTY, status=MatterStatus.ACTIVE)
        .annotate(
            holding_from=Subquery(holding.values("effective_from")[:1]),
            holding_to=Subquery(holding.values("effective_to")[:1]),
        )
        .annotate(
            standing=models.Case(
                models.When(Q(holding_to__lt=today) | Q(effective_to__lt=today), then=Value(2)),
                models.When(Q(holding_from__gt=today) | Q(effective_from__gt=today), then=Value(1)),
                default=Value(0),
            )
        )
        .order_by("standing", "code")
    )


class MatterChoiceField(forms.ModelChoiceField):
    """A matter of `held_matters`, labelled when the agency may not act on it today: the officer
    sees an ended or not yet begun holding (or matter) before choosing it, not after."""

    def label_from_instance(self, obj: Any) -> str:
        today = timezone.localdate()
        ended = (
            (getattr(obj, "holding_to", None), _("%(matter)s（本机关职权已于 %(date)s 终止）")),
            (obj.effective_to, _("%(matter)s（事项已于 %(date)s 失效）")),
        )
        begins = (
            (getattr(obj, "holding_from", None), _("%(matter)s（本机关自 %(date)s 起行使）")),
            (obj.effective_from, _("%(matter)s（事项自 %(date)s 起施行）")),
        )
        for day, label in ended:
            if day is not None and day < today:
                return str(label % {"matter": obj, "date": day.isoformat()})
        for day, label in begins:
            if day is not None and today < day:
                return str(label % {"matter": obj, "date": day.isoformat()})
        return str(obj)


class PartyFields(forms.Form):
    """An existing party by identity number, or the particulars of a new one."""

    party_id_number = forms.CharField(
        label=_("当事人证件号码"),
        max_length=40,
        required=False,
        help_text=_("统一社会信用代码或身份证号；已登记的当事人自动带出。"),
    )
    party = forms.IntegerField(required=False, widget=forms.HiddenInput)
    party_kind = forms.ChoiceField(label=_("当事人类型"), choices=PartyKind.choices, required=False)
    party_name = forms.CharField(label=_("当事人名称或姓名"), max_length=200, required=False)
    party_legal_representative = forms.CharField(label=_("法定代表人或负责人"), max_length=100, required=False)
    party_address = forms.CharField(label=_("当事人地址"), max_length=300, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        visible = Party.objects.restrict(getattr(self, "user", None), VIEW_PARTY).filter(merged_into__isnull=True)
        found: Party | None = None
        if data.get("party"):
            found = visible.filter(pk=data["party"]).first()
            if found is None:
                self.add_error("party_id_number", _("找不到该当事人。"))
        elif data.get("party_id_number"):
            # By identity number, any party on file: the officer holds the licence or the ID card,
            # and registering the same identity twice is refused anyway.
            number = data["party_id_number"].strip().upper().replace(" ", "")
            found = Party.objects.filter(merged_into__isnull=True, id_number=number).first()
            data["party_id_number"] = number
        if found is None and not self.errors and not (data.get("party_name") and data.get("party_kind")):
            self.add_error("party_name", _("该证件号码尚未登记：请填写当事人类型和名称，将同时登记为新当事人。"))
        data["party_found"] = found
        return data


class LeadForm(AgencyForm):
    source = forms.ChoiceField(label=_("来源"), choices=LeadSource.choices)
    received_on = forms.DateField(label=_("发现或收到日期"), widget=DATE)
    summary = forms.CharField(label=_("线索内容"), widget=TEXT)
    matter = MatterChoiceField(label=_("执法事项"), queryset=Matter.objects.none(), required=False)
    reporter = forms.CharField(label=_("举报人或移送机关"), max_length=200, required=False)


class RegistrationRequestForm(AgencyForm, PartyFields):
    matter = MatterChoiceField(label=_("执法事项"), queryset=Matter.objects.none())
    act_date = forms.DateField(label=_("违法行为发生日期"), widget=DATE)
    act_end_date = forms.DateField(label=_("违法行为终了日期"), widget=DATE, required=False)
    act_continuing = forms.BooleanField(label=_("连续或继续状态"), required=False)
    act_place = forms.CharField(label=_("违法行为发生地"), max_length=300)
    act_region = forms.ModelChoiceField(label=_("发生地区划"), queryset=Region.objects.none(), required=False)
    facts = forms.CharField(label=_("违法事实"), widget=TEXT)
    handlers = forms.ModelMultipleChoiceField(
        label=_("承办人（第一位为主办人）"), queryset=Officer.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    life_health_financial = forms.BooleanField(label=_("涉及公民生命健康安全、金融安全"), required=False)
    harmful_consequences = forms.BooleanField(label=_("有危害后果"), required=False)
    is_major = forms.BooleanField(label=_("重大执法决定"), required=False)
    is_complex = forms.BooleanField(label=_("情节复杂或重大违法"), required=False)


class DeclineLeadForm(forms.Form):
    reason = forms.CharField(label=_("不予立案理由"), widget=TEXT)
    decided_on = forms.DateField(label=_("决定日期"), widget=DATE, initial=timezone.localdate)


class ExtendLeadForm(forms.Form):
    """The head's approval of more time to check a lead (MP-18); the action checks the limit."""

    days = forms.IntegerField(label=_("延长工作日数"), min_value=1, initial=15)
    reason = forms.CharField(label=_("延长理由"), widget=TEXT, help_text=_("须为特殊情况，如需检测、鉴定。"))
    approved_on = forms.DateField(label=_("批准日期"), widget=DATE, initial=timezone.localdate)


class OnTheSpotForm(AgencyForm, PartyFields, PenaltyFields):
    """简易程序 on a phone: who, what, which form, what was said, and whether it was paid."""

    illegal_gains = None  # type: ignore[assignment]
    confiscate_gains = None  # type: ignore[assignment]
    refund_reason = None  # type: ignore[assignment]
    mitigated = None  # type: ignore[assignment]
    matter = MatterChoiceField(label=_("执法事项"), queryset=Matter.objects.none())
    act_date = forms.DateField(label=_("违法行为发生日期"), widget=DATE, initial=timezone.localdate)
    act_place = forms.CharField(label=_("违法行为发生地"), max_length=300)
    facts = forms.CharField(label=_("违法事实"), widget=TEXT)
    officers = forms.ModelMultipleChoiceField(
        label=_("执法人员"), queryset=Officer.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    form_number = forms.CharField(label=_("当场处罚决定书编号（预印）"), max_length=40)
    credentials_shown = forms.BooleanField(label=_("已出示执法证件"), required=False)
    rights_told = forms.BooleanField(label=_("已告知拟处罚内容和陈述、申辩权利"), required=False)
    party_answer = forms.CharField(label=_("当事人的陈述、申辩"), widget=TEXT, required=False)
    decided_on = forms.DateField(label=_("决定日期"), widget=DATE, initial=timezone.localdate)
    paid_on_the_spot = forms.BooleanField(label=_("当场缴纳罚款"), required=False)
    receipt_number = forms.CharField(label=_("罚没款专用票据号码"), max_length=60, required=False)

    field_order = [
        "party_id_number",
        "party_kind",
        "party_name",
        "party_legal_representative",
        "party_address",
        "matter",
        "act_date",
        "act_place",
        "facts",
        "kinds",
        "fine",
        "correction",
        "officers",
        "credentials_shown",
        "rights_told",
        "party_answer",
        "form_number",
        "decided_on",
        "paid_on_the_spot",
        "receipt_number",
    ]

    ON_THE_SPOT_KINDS = (PenaltyKind.WARNING, PenaltyKind.FINE)  # 行政处罚法 第五十一条

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # `kinds` accepts every kind (PenaltyFields), so that LP-51, not the shape of the form,
        # refuses the others with its article; the page offers only the two the law allows.
        widget: Any = self.fields["kinds"].widget
        widget.choices = [(k.value, k.label) for k in self.ON_THE_SPOT_KINDS]

    def clean_form_number(self) -> str:
        """As printed: full-width digits typed on a phone are the same number (LP-52)."""
        return unicodedata.normalize("NFKC", self.cleaned_data["form_number"]).replace(" ", "").strip()
