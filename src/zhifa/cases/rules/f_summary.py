"""F. Summary (on-the-spot) procedure."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhifa.cases.citations import MARKET_PROCEDURE, PENALTY_LAW, RECONSIDERATION_LAW, art
from zhifa.cases.penalty import Penalty
from zhifa.cases.rules.base import Context, RuleKind, declare, rule
from zhifa.lawbase.choices import PenaltyKind

INDIVIDUAL_LIMIT = Decimal(200)
ORGANISATION_LIMIT = Decimal(3000)


def _penalty(ctx: Context) -> Penalty:
    value = ctx.get("penalty")
    return value if isinstance(value, Penalty) else Penalty.from_json(value)


@rule(
    "LP-51",
    group="F",
    title=gettext_lazy("当场处罚限于警告或对公民 200 元、对单位 3000 元以下罚款"),
    citation=f"{art(PENALTY_LAW, 51)}；{art(MARKET_PROCEDURE, 66)}",
    kind=RuleKind.BLOCK,
    steps=("summary.decide",),
)
def lp_51(ctx: Context) -> str | None:
    penalty = _penalty(ctx)
    other = set(penalty.kinds) - {PenaltyKind.WARNING, PenaltyKind.FINE}
    if other:
        labels = "、".join(str(PenaltyKind(k).label) for k in other if k in PenaltyKind.values)
        return _("简易程序只能给予警告或者罚款，不能当场作出“%(kinds)s”。") % {"kinds": labels or "、".join(other)}
    if not penalty.kinds:
        return _("请选择处罚种类（警告或罚款）。")
    limit = INDIVIDUAL_LIMIT if ctx.case.party.is_individual else ORGANISATION_LIMIT
    if penalty.fine is not None and penalty.fine > limit:
        who = _("公民") if ctx.case.party.is_individual else _("法人或者其他组织")
        return _("当场处罚对%(who)s的罚款不得超过 %(limit)s 元，拟罚 %(fine)s 元，应当适用普通程序。") % {
            "who": who,
            "limit": limit,
            "fine": penalty.fine,
        }
    return None


@rule(
    "LP-52",
    group="F",
    title=gettext_lazy("出示证件，使用编有号码的决定书，告知权利，报所属机关备案"),
    citation=f"{art(PENALTY_LAW, 44, 52)}；{art(MARKET_PROCEDURE, 67, 68, 69)}",
    kind=RuleKind.REQUIRE,
    steps=("summary.decide",),
)
def lp_52(ctx: Context) -> str | None:
    from zhifa.cases.selectors import form_number_problem

    if not ctx.get("credentials_shown"):
        return _("当场处罚须向当事人出示执法证件。")
    if not ctx.get("rights_told") or not (ctx.get("party_answer") or "").strip():
        return _("作出决定前须告知拟作出的处罚和陈述、申辩的权利，并记录当事人的意见。")
    return form_number_problem(ctx.case.agency, ctx.get("form_number") or "")


@rule(
    "LP-52",
    group="F",
    title=gettext_lazy("当场处罚决定 7 个工作日内报所属行政机关备案"),
    citation=f"{art(PENALTY_LAW, 52)}；{art(MARKET_PROCEDURE, 70)}",
    kind=RuleKind.WARN,
    steps=("summary.file",),
    period="7 WD",
)
def lp_52_filed_late(ctx: Context) -> str | None:
    due: dt.date | None = ctx.get("due")
    filed_on: dt.date | None = ctx.get("filed_on")
    if due is not None and filed_on is not None and filed_on > due:
        return _("当场处罚决定应于 %(due)s 前报所属行政机关备案，%(filed)s 才备案，已逾期。") % {
            "due": due,
            "filed": filed_on,
        }
    return None


@rule(
    "LR-23",
    group="F",
    title=gettext_lazy("当场处罚决定书须告知先申请行政复议（复议前置）"),
    # 第三十二条: the application may be lodged through the deciding agency, which forwards it in 5 WD
    # (the LR-23 deadline, opened by execution.record_remedy).
    citation=art(RECONSIDERATION_LAW, 23, 32),
    kind=RuleKind.BLOCK,
    steps=("summary.document",),
)
def lr_23(ctx: Context) -> str | None:
    text = ctx.get("document_text") or ""
    if "直接向人民法院" in text or "六个月内" in text:
        return _("当场作出的行政处罚决定须先申请行政复议，决定书不得告知可直接提起行政诉讼。")
    return None


declare(
    "MP-70",
    group="F",
    title=gettext_lazy("当场处罚材料 7 个工作日内报所属机关归档"),
    citation=art(MARKET_PROCEDURE, 70),
    kind=RuleKind.DEADLINE,
    period="7 WD",
)
