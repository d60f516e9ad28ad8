"""The facts an officer ticks for the discretion calculator: dates, who, harm, and the grounds."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhifa.lawbase.assist.discretion import HARM_LABELS, Facts

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
GROUNDS = [
    ("corrected", _("已及时改正")),
    ("first_offence", _("初次违法")),
    ("harm_removed", _("主动消除或者减轻危害后果")),
    ("coerced", _("受他人胁迫或者诱骗")),
    ("confessed", _("主动供述尚未掌握的违法行为")),
    ("meritorious", _("配合查处有立功表现")),
    ("cooperative", _("积极配合调查")),
    ("repeat", _("再次违法")),
    ("refused_correction", _("拒不改正")),
]


class FactsForm(forms.Form):
    act_date = forms.DateField(label=_("违法行为发生日期"), widget=DATE)
    party = forms.ChoiceField(
        label=_("当事人"), choices=[("organisation", _("单位")), ("individual", _("个人"))], initial="organisation"
    )
    birth_date = forms.DateField(
        label=_("出生日期（个人）"), required=False, widget=DATE, help_text=_("用于判断是否未成年")
    )
    harm = forms.ChoiceField(label=_("危害后果"), choices=list(HARM_LABELS.items()), initial="general")
    grounds = forms.MultipleChoiceField(
        label=_("情节"), choices=GROUNDS, required=False, widget=forms.CheckboxSelectMultiple
    )
    illegal_gains = forms.DecimalField(label=_("违法所得（元）"), required=False, min_value=0, decimal_places=2)
    goods_value = forms.DecimalField(label=_("货值金额（元）"), required=False, min_value=0, decimal_places=2)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["act_date"].initial = timezone.localdate()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        born, act = data.get("birth_date"), data.get("act_date")
        if born and act and born > act:
            self.add_error("birth_date", _("出生日期不能晚于违法行为发生日期。"))
        return data

    def facts(self, region_path: str | None) -> Facts:
        data = self.cleaned_data
        grounds = set(data["grounds"])
        return Facts(
            act_date=data["act_date"],
            party=data["party"],
            birth_date=data["birth_date"] if data["party"] == "individual" else None,
            harm=data["harm"],
            illegal_gains=data["illegal_gains"],
            goods_value=data["goods_value"],
            region_path=region_path,
            **{name: name in grounds for name, _label in GROUNDS},
        )
