"""J. Remedy periods the system prints and tracks."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhifa.cases.citations import LITIGATION_INTERPRETATION, LITIGATION_LAW, RECONSIDERATION_LAW, art
from zhifa.cases.rules.base import Context, RuleKind, declare, rule

declare(
    "LR-20",
    group="J",
    title=gettext_lazy("知道行政行为之日起六十日内申请行政复议"),
    citation=art(RECONSIDERATION_LAW, 20, 21),
    kind=RuleKind.DEADLINE,
    period="60 d",
)
declare(
    "LL-46",
    group="J",
    title=gettext_lazy("知道行政行为之日起六个月内提起行政诉讼；复议后十五日内"),
    citation=art(LITIGATION_LAW, 45, 46),
    kind=RuleKind.DEADLINE,
    period="6 m",
)
declare(
    "LR-48",
    group="J",
    title=gettext_lazy("被申请人收到复议申请书副本 10 个工作日内书面答复并提交证据"),
    citation=art(RECONSIDERATION_LAW, 48, 54, 70),
    kind=RuleKind.DEADLINE,
    period="10 WD",
)
declare(
    "LR-62",
    group="J",
    title=gettext_lazy("复议机关受理后六十日内作出复议决定（简易程序三十日）"),
    citation=art(RECONSIDERATION_LAW, 53, 62),
    kind=RuleKind.DEADLINE,
    period="60 d",
)


@rule(
    "SI-64",
    group="J",
    title=gettext_lazy("决定书未告知起诉期限的，起诉期限最长延至一年"),
    citation=art(LITIGATION_INTERPRETATION, 64),
    kind=RuleKind.WARN,
    steps=("case.deliver",),
)
def si_64(ctx: Context) -> str | None:
    text = ctx.get("document_text") or ""
    if ctx.get("is_decision") and text and "行政诉讼" not in text and "复议" not in text:
        return _("送达的决定书未告知诉讼期限，起诉期限自知道或者应当知道之日起最长可至一年。")
    return None
