"""A. Jurisdiction, opening the case, limitation."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhifa.cases.citations import MARKET_PROCEDURE, PENALTY_LAW, art
from zhifa.cases.rules.base import Context, RuleKind, declare, rule
from zhifa.cases.selectors import limitation_ends
from zhifa.lawbase.choices import BasisRole, LawStatus
from zhifa.lawbase.models import Law
from zhifa.lawbase.selectors import agency_holds

OPENING = ("case.request_registration", "case.approve_registration", "summary.decide")


@rule(
    "LP-22",
    group="A",
    title=gettext_lazy("管辖：本机关须行使该执法事项，乡镇（街道）须有赋权决定"),
    citation=art(PENALTY_LAW, 22, 23, 24, 25),
    kind=RuleKind.BLOCK,
    steps=OPENING,
)
def lp_22(ctx: Context) -> str | None:
    case = ctx.case
    if agency_holds(case.agency, case.matter, case.act_date) is None:
        return _(
            "%(agency)s在违法行为发生之日不行使“%(matter)s”这一执法事项（乡镇、街道须有省级赋权决定），不能立案。"
        ) % {
            "agency": case.agency,
            "matter": case.matter.name,
        }
    return None


@rule(
    "LP-22",
    group="A",
    title=gettext_lazy("管辖：违法行为发生地在本机关辖区外"),
    citation=art(PENALTY_LAW, 22),
    kind=RuleKind.WARN,
    steps=OPENING,
)
def lp_22_place(ctx: Context) -> str | None:
    case = ctx.case
    if case.act_region is not None and not case.act_region.path.startswith(case.agency.region.path):
        return _("违法行为发生地（%(place)s）不在本机关辖区内，请核实管辖。") % {"place": case.act_region.name}
    return None


declare(
    "MP-18",
    group="A",
    title=gettext_lazy("线索核查：15 个工作日内决定是否立案"),
    citation=art(MARKET_PROCEDURE, 18),
    kind=RuleKind.DEADLINE,
    period="15 WD",
)


@rule(
    "LP-54",
    group="A",
    title=gettext_lazy("立案：符合立案条件，指定两名以上具有执法资格的承办人"),
    citation=art(PENALTY_LAW, 54),
    kind=RuleKind.REQUIRE,
    steps=("case.approve_registration",),
)
def lp_54(ctx: Context) -> str | None:
    case = ctx.case
    if case.handlers.filter(active=True).count() < 2:
        return _("立案须指定两名以上承办人。")
    if not case.matter.bases.filter(role=BasisRole.PENALTY).exists():
        return _("该事项没有处罚依据，不符合立案条件。")
    if not (ctx.get("preliminary_evidence") or "").strip():
        return _("立案须写明有证据初步证明存在违法行为的情况。")
    return None


@rule(
    "LP-54",
    group="A",
    title=gettext_lazy("未立案不得事先告知或作出决定"),
    citation=art(PENALTY_LAW, 54),
    kind=RuleKind.BLOCK,
    steps=("case.issue_notice", "case.issue_decision"),
)
def lp_54_filed(ctx: Context) -> str | None:
    if ctx.case.procedure == "general" and ctx.case.registered_on is None:
        return _("普通程序案件未经立案，不能事先告知或作出处罚决定。")
    return None


@rule(
    "LP-36",
    group="A",
    title=gettext_lazy("追责时效：二年，涉及生命健康、金融安全且有危害后果的五年"),
    citation=art(PENALTY_LAW, 36),
    kind=RuleKind.BLOCK,
    steps=(*OPENING, "case.issue_decision"),
)
def lp_36(ctx: Context) -> str | None:
    case = ctx.case
    ends = limitation_ends(case)
    if case.discovered_on > ends:
        return _("违法行为于 %(ended)s 后二年（或五年）内未被发现，时效已于 %(limit)s 届满，不再给予行政处罚。") % {
            "ended": case.act_end_date or case.act_date,
            "limit": ends,
        }
    return None


@rule(
    "LP-37",
    group="A",
    title=gettext_lazy("从旧兼从轻：决定时已有新规定的，提示适用较轻的规定"),
    citation=art(PENALTY_LAW, 37),
    kind=RuleKind.WARN,
    steps=("case.issue_decision",),
)
def lp_37(ctx: Context) -> str | None:
    for basis in ctx.case.matter.bases.filter(role=BasisRole.PENALTY).select_related("article__law"):
        law = basis.article.law
        newer = Law.objects.filter(title=law.title, promulgated__gt=law.promulgated or ctx.case.act_date).filter(
            status=LawStatus.IN_FORCE, effective__lte=ctx.today, effective__gt=ctx.case.act_date
        )
        if newer.exists():
            return _("%(law)s在违法行为发生后已修改，请比较新旧规定，适用较轻的规定。") % {"law": law}
    return None
