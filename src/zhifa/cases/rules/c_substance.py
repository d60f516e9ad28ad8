"""C. Who may not be penalised; mandatory mitigation; substantive limits.

At the report and at the decision the action passes `outcome`, `penalty` (a Penalty) and
`circumstances` (the flags the handler recorded) in the context data.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhifa.cases.choices import Capacity, Outcome
from zhifa.cases.citations import MARKET_PROCEDURE, PENALTY_LAW, art
from zhifa.cases.penalty import ARTICLE_9_KINDS, Penalty
from zhifa.cases.rules.base import Context, RuleKind, rule
from zhifa.cases.selectors import age_at_act, latest_review, same_act_fined
from zhifa.lawbase.choices import BasisRole, LawLevel
from zhifa.orgs.choices import LegalStatus

DECIDING = ("case.submit_report", "case.issue_decision", "summary.decide")
MITIGATION_GROUNDS = {
    "voluntarily_reduced": gettext_lazy("主动消除或者减轻违法行为危害后果"),
    "coerced": gettext_lazy("受他人胁迫或者诱骗实施违法行为"),
    "confessed_unknown": gettext_lazy("主动供述行政机关尚未掌握的违法行为"),
    "meritorious": gettext_lazy("配合行政机关查处违法行为有立功表现"),
}


def _penalising(ctx: Context) -> bool:
    return ctx.get("outcome", Outcome.PENALTY) == Outcome.PENALTY and bool(_penalty(ctx).kinds)


def _penalty(ctx: Context) -> Penalty:
    value = ctx.get("penalty")
    return value if isinstance(value, Penalty) else Penalty.from_json(value)


def _flags(ctx: Context) -> dict[str, Any]:
    return ctx.get("circumstances") or {}


@rule(
    "LP-30",
    group="C",
    title=gettext_lazy("不满十四周岁不予处罚；十四至十八周岁应当从轻或者减轻"),
    citation=art(PENALTY_LAW, 30),
    kind=RuleKind.BLOCK,
    steps=DECIDING,
)
def lp_30(ctx: Context) -> str | None:
    age = age_at_act(ctx.case)
    if age is None or not _penalising(ctx):
        return None
    if age < 14:
        return _("当事人违法时不满十四周岁（%(age)s 周岁），不予行政处罚，应当责令监护人加以管教。") % {"age": age}
    if age < 18 and not _penalty(ctx).mitigated:
        return _("当事人违法时已满十四周岁不满十八周岁（%(age)s 周岁），应当从轻或者减轻行政处罚。") % {"age": age}
    return None


@rule(
    "LP-30",
    group="C",
    title=gettext_lazy("十四周岁生日前后的行为须人工核实年龄"),
    citation=art(PENALTY_LAW, 30),
    kind=RuleKind.WARN,
    steps=DECIDING,
    unverified=True,
)
def lp_30_boundary(ctx: Context) -> str | None:
    birth = ctx.case.party.birth_date if ctx.case.party.is_individual else None
    if birth is None:
        return None
    try:
        fourteenth = birth.replace(year=birth.year + 14)
    except ValueError:  # born on 29 February
        fourteenth = birth.replace(year=birth.year + 14, day=28)
    if abs((ctx.case.act_date - fourteenth).days) <= 1:
        return _("违法行为发生在当事人十四周岁生日前后，“已满十四周岁”的起算请人工核实。")
    return None


@rule(
    "LP-31",
    group="C",
    title=gettext_lazy("不能辨认或控制自己行为的精神病人、智力残疾人不予处罚"),
    citation=art(PENALTY_LAW, 31),
    kind=RuleKind.BLOCK,
    steps=DECIDING,
)
def lp_31(ctx: Context) -> str | None:
    capacity = _flags(ctx).get("capacity") or Capacity.FULL
    if capacity == Capacity.NONE and _penalising(ctx):
        return _("当事人在违法时不能辨认或者不能控制自己的行为，不予行政处罚，应当责令其监护人严加看管和治疗。")
    if capacity != Capacity.FULL and not (_flags(ctx).get("capacity_evidence") or "").strip():
        return _("认定辨认或控制能力受限，须写明依据（如鉴定意见）。")
    return None


@rule(
    "LP-32",
    group="C",
    title=gettext_lazy("法定从轻、减轻情节应当从轻或者减轻"),
    citation=art(PENALTY_LAW, 32),
    kind=RuleKind.BLOCK,
    steps=DECIDING,
)
def lp_32(ctx: Context) -> str | None:
    flags = _flags(ctx)
    grounds = [str(label) for key, label in MITIGATION_GROUNDS.items() if flags.get(key)]
    if grounds and _penalising(ctx) and not _penalty(ctx).mitigated:
        return _("当事人有“%(ground)s”情节，应当从轻或者减轻行政处罚。") % {"ground": grounds[0]}
    return None


@rule(
    "LP-33a",
    group="C",
    title=gettext_lazy("违法行为轻微并及时改正，没有造成危害后果的，不予处罚"),
    citation=art(PENALTY_LAW, 33, paragraph=1),
    kind=RuleKind.BLOCK,
    steps=DECIDING,
)
def lp_33a(ctx: Context) -> str | None:
    flags = _flags(ctx)
    if flags.get("minor") and flags.get("corrected") and flags.get("no_harm") and _penalising(ctx):
        return _("违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。")
    return None


@rule(
    "LP-33b",
    group="C",
    title=gettext_lazy("首违不罚：初次违法且危害后果轻微并及时改正的，可以不予处罚"),
    citation=art(PENALTY_LAW, 33, paragraph=1),
    kind=RuleKind.REQUIRE,
    steps=DECIDING,
)
def lp_33b(ctx: Context) -> str | None:
    flags = _flags(ctx)
    first = flags.get("first_offence") and flags.get("minor_harm") and flags.get("corrected")
    if first and _penalising(ctx) and not (flags.get("waiver_declined_reason") or "").strip():
        return _("当事人初次违法、危害后果轻微并及时改正，可以不予行政处罚；仍要处罚的，须写明理由。")
    return None


@rule(
    "LP-33b",
    group="C",
    title=gettext_lazy("首违不罚情形提示审核人员考虑不予处罚"),
    citation=art(PENALTY_LAW, 33, paragraph=1),
    kind=RuleKind.WARN,
    steps=DECIDING,
)
def lp_33b_warn(ctx: Context) -> str | None:
    flags = _flags(ctx)
    if flags.get("first_offence") and flags.get("minor_harm") and flags.get("corrected") and _penalising(ctx):
        return _("符合首违不罚情形而仍予处罚，请审核人员重点审查。")
    return None


@rule(
    "LP-33c",
    group="C",
    title=gettext_lazy("当事人有证据证明没有主观过错的，不予处罚"),
    citation=art(PENALTY_LAW, 33, paragraph=2),
    kind=RuleKind.BLOCK,
    steps=DECIDING,
)
def lp_33c(ctx: Context) -> str | None:
    flags = _flags(ctx)
    if flags.get("no_fault_proven") and _penalising(ctx) and not (flags.get("strict_liability_basis") or "").strip():
        return _("当事人有证据足以证明没有主观过错，不予行政处罚；法律、行政法规另有规定的，须写明依据。")
    return None


@rule(
    "LP-33c",
    group="C",
    title=gettext_lazy("不予处罚的，应当对当事人进行教育"),
    citation=f"{art(PENALTY_LAW, 33, paragraph=3)}；{art(MARKET_PROCEDURE, 61)}",
    kind=RuleKind.REQUIRE,
    steps=("case.close",),
)
def lp_33c_education(ctx: Context) -> str | None:
    decision = getattr(ctx.case, "decision", None)
    no_penalty = decision is not None and decision.outcome in {Outcome.NO_PENALTY_MINOR, Outcome.NO_PENALTY_UNPROVEN}
    if (
        no_penalty
        and decision is not None
        and decision.outcome == Outcome.NO_PENALTY_MINOR
        and not decision.education_record.strip()
    ):
        return _("依法不予行政处罚的案件，结案前须记录对当事人的教育情况。")
    return None


@rule(
    "LP-40",
    group="C",
    title=gettext_lazy("违法事实不清、证据不足的，不得给予行政处罚"),
    citation=art(PENALTY_LAW, 40),
    kind=RuleKind.BLOCK,
    steps=("case.issue_decision",),
)
def lp_40(ctx: Context) -> str | None:
    review = latest_review(ctx.case)
    if review is not None and review.result == "supplement" and _penalising(ctx):
        return _("审核意见为“补充调查”，违法事实不清、证据不足的，不得给予行政处罚。")
    return None


@rule(
    "LP-29",
    group="C",
    title=gettext_lazy("同一个违法行为不得给予两次以上罚款"),
    citation=art(PENALTY_LAW, 29),
    kind=RuleKind.BLOCK,
    steps=("case.issue_decision", "summary.decide"),
)
def lp_29(ctx: Context) -> str | None:
    if not _penalty(ctx).has_fine:
        return None
    other = same_act_fined(ctx.case)
    if other is not None:
        return _("当事人的同一违法行为已由%(agency)s在%(case)s中处以罚款，不得再次罚款。") % {
            "agency": other.agency,
            "case": other.number or other.title,
        }
    return None


@rule(
    "LP-28",
    group="C",
    title=gettext_lazy("责令改正；违法所得应当没收（依法退赔的除外）"),
    citation=art(PENALTY_LAW, 28),
    kind=RuleKind.REQUIRE,
    steps=("case.submit_report", "case.issue_decision"),
)
def lp_28(ctx: Context) -> str | None:
    if not _penalising(ctx):
        return None
    penalty = _penalty(ctx)
    if not penalty.correction.strip():
        return _("实施行政处罚，应当责令当事人改正或者限期改正违法行为（须写明责令改正内容）。")
    if penalty.illegal_gains is None:
        return _("须认定违法所得数额（没有的填 0）。")
    if penalty.illegal_gains > 0 and not penalty.confiscate_gains and not penalty.refund_reason.strip():
        return _("违法所得人民币 %(amount)s 元应当依法没收；依法应当退赔的，须写明理由。") % {
            "amount": penalty.illegal_gains
        }
    return None


@rule(
    "LP-38",
    group="C",
    title=gettext_lazy("处罚须有法定依据、属于法定种类，由具有主体资格的机关作出"),
    citation=art(PENALTY_LAW, 9, 16, 38),
    kind=RuleKind.BLOCK,
    steps=("case.issue_decision", "summary.decide"),
)
def lp_38(ctx: Context) -> str | None:
    if not _penalising(ctx):
        return None
    bases = list(ctx.case.matter.bases.filter(role=BasisRole.PENALTY).select_related("article__law"))
    if not bases:
        return _("没有处罚依据的行政处罚无效。")
    if any(b.article.law.level == LawLevel.NORMATIVE_DOCUMENT for b in bases):
        return _("规范性文件不得设定行政处罚，不能作为处罚依据。")
    unknown = [k for k in _penalty(ctx).kinds if k not in ARTICLE_9_KINDS]
    if unknown:
        return _("“%(kind)s”不属于法定的行政处罚种类。") % {"kind": unknown[0]}
    agency = ctx.case.agency
    if not agency.is_active or agency.legal_status not in {
        LegalStatus.STATUTORY,
        LegalStatus.AUTHORISED,
        LegalStatus.ENTRUSTED,
    }:
        return _("%(agency)s不具有行政主体资格。") % {"agency": agency}
    return None
