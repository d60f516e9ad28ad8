"""G. Payment, collection, surcharge."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhifa.cases.choices import PaymentChannel, Procedure
from zhifa.cases.citations import COMPULSION_LAW, MARKET_PROCEDURE, PENALTY_LAW, art
from zhifa.cases.rules.base import Context, RuleKind, declare, rule

ON_THE_SPOT_LIMIT = Decimal(100)


@rule(
    "LP-67a",
    group="G",
    title=gettext_lazy("罚缴分离：除法定情形外，执法人员不得自行收缴罚款"),
    citation=art(PENALTY_LAW, 67, 78),
    kind=RuleKind.BLOCK,
    steps=("case.record_payment",),
)
def lp_67a(ctx: Context) -> str | None:
    if ctx.get("channel") != PaymentChannel.ON_THE_SPOT:
        return None
    remote = ctx.get("remote_area") and ctx.get("party_requested")
    if ctx.case.procedure != Procedure.SUMMARY and not remote:
        return _("普通程序作出的罚款应当由当事人到指定银行或者通过电子支付缴纳，执法人员不得自行收缴。")
    return None


@rule(
    "LP-68",
    group="G",
    title=gettext_lazy("当场收缴限于 100 元以下或事后难以执行，须出具专用票据"),
    citation=f"{art(PENALTY_LAW, 68, 69, 70)}；{art(MARKET_PROCEDURE, 72)}",
    kind=RuleKind.BLOCK,
    steps=("case.record_payment",),
)
def lp_68(ctx: Context) -> str | None:
    if ctx.get("channel") != PaymentChannel.ON_THE_SPOT:
        return None
    if not (ctx.get("receipt_number") or "").strip():
        return _("当场收缴罚款须出具财政部门统一制发的专用票据，请填写票据号码。")
    amount = ctx.get("amount") or Decimal(0)
    remote = ctx.get("remote_area") and ctx.get("party_requested")
    if amount > ON_THE_SPOT_LIMIT and not remote and not (ctx.get("collection_reason") or "").strip():
        return _("当场收缴限于 100 元以下的罚款；超过的，须写明不当场收缴事后难以执行的理由。")
    return None


@rule(
    "LP-66",
    group="G",
    title=gettext_lazy("延期、分期缴纳须当事人申请并经批准"),
    citation=f"{art(PENALTY_LAW, 66)}；{art(MARKET_PROCEDURE, 74)}",
    kind=RuleKind.REQUIRE,
    steps=("case.approve_deferral",),
)
def lp_66(ctx: Context) -> str | None:
    if not ctx.get("applied_on"):
        return _("延期或者分期缴纳罚款须有当事人的申请（写明申请日期）。")
    if ctx.get("pay_by") is None or ctx.get("pay_by") < ctx.get("applied_on"):
        return _("请写明批准延期或分期缴纳的最后期限。")
    return None


declare(
    "LP-67b",
    group="G",
    title=gettext_lazy("收到处罚决定书之日起 15 日内缴纳罚款"),
    citation=f"{art(PENALTY_LAW, 67, paragraph=3)}；{art(MARKET_PROCEDURE, 72)}",
    kind=RuleKind.DEADLINE,
    period="15 d",
)
declare(
    "LP-71",
    group="G",
    title=gettext_lazy("当场收缴的罚款 2 个工作日内交至机关，再 2 个工作日内缴付银行"),
    citation=f"{art(PENALTY_LAW, 71)}；{art(MARKET_PROCEDURE, 73)}",
    kind=RuleKind.DEADLINE,
    period="2 WD + 2 WD",
)
declare(
    "LP-72",
    group="G",
    title=gettext_lazy("逾期不缴每日加处 3% 罚款，总额不超过罚款数额；复议诉讼期间不加处"),
    citation=f"{art(PENALTY_LAW, 72, 73)}；{art(COMPULSION_LAW, 45)}",
    kind=RuleKind.DEADLINE,
    period="3%/d",
)
