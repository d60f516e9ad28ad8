"""A. Jurisdiction, opening the case, limitation."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhifa.cases.choices import CaseStatus
from zhifa.cases.citations import MARKET_PROCEDURE, PENALTY_LAW, art
from zhifa.cases.models import Case, Lead
from zhifa.cases.rules.base import Context, RuleKind, declare, rule
from zhifa.cases.selectors import limitation_ends
from zhifa.core.calendar.periods import Calendar, Period
from zhifa.lawbase.choices import BasisRole, LawStatus
from zhifa.lawbase.models import Article, Law, LegalBasis, StatutoryPenalty
from zhifa.lawbase.selectors import agency_holds, cited_penalties

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
    holding = agency_holds(case.agency, case.matter, case.act_date)
    if holding is None:
        return _(
            "%(agency)s在违法行为发生之日不行使“%(matter)s”这一执法事项（乡镇、街道须有省级赋权决定），不能立案。"
        ) % {
            "agency": case.agency,
            "matter": case.matter.name,
        }
    # The power must still be the agency's on the day it opens the case: a holding that ended (the
    # matter moved to another agency, a devolution withdrawn) opens nothing new.
    opening_day = ctx.get("registered_on") or ctx.get("decided_on") or ctx.today
    if holding.effective_to is not None and holding.effective_to < opening_day:
        return _(
            "%(agency)s行使“%(matter)s”这一执法事项的职权已于%(ended)s终止，%(day)s不能再立案，请移交现有管辖机关。"
        ) % {
            "agency": case.agency,
            "matter": case.matter.name,
            "ended": f"{holding.effective_to:%Y年%m月%d日}",
            "day": f"{opening_day:%Y年%m月%d日}",
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


# Another agency's case on the same act no longer competes once it has been handed on or ended.
NOT_COMPETING = (CaseStatus.TRANSFERRED, CaseStatus.TERMINATED, CaseStatus.NOT_REGISTERED)


def earlier_filing(case: Case, registered_on: dt.date) -> Case | None:
    """Another agency's case, filed on or before `registered_on`, against the same party for the
    same act: the same matter (or a matter resting on the same violated article) over an
    overlapping period of the act."""
    act_end = case.act_end_date or case.act_date
    violated = case.matter.bases.filter(role=BasisRole.VIOLATED).values("article")
    same_matter = Q(matter=case.matter) | Q(matter__bases__role=BasisRole.VIOLATED, matter__bases__article__in=violated)
    return (
        Case.objects.filter(same_matter, party=case.party, registered_on__lte=registered_on)
        .exclude(agency=case.agency)
        .exclude(status__in=NOT_COMPETING)
        .annotate(ended=Coalesce("act_end_date", F("act_date")))
        .filter(act_date__lte=act_end, ended__gte=case.act_date)
        .select_related("agency")
        .order_by("registered_on", "pk")
        .first()
    )


@rule(
    "LP-22",
    group="A",
    title=gettext_lazy("管辖：其他机关已就同一违法行为立案（由最先立案的机关管辖）"),
    citation=art(PENALTY_LAW, 25),
    kind=RuleKind.WARN,
    steps=("case.approve_registration",),
)
def lp_22_first_filed(ctx: Context) -> str | None:
    other = earlier_filing(ctx.case, ctx.get("registered_on") or ctx.today)
    if other is None:
        return None
    return _(
        "%(agency)s已于 %(date)s 就当事人的同一违法行为立案（%(number)s）。两个以上机关都有管辖权的，"
        "由最先立案的机关管辖；有争议的，请协商或报请共同的上一级机关指定管辖。"
    ) % {"agency": other.agency, "date": other.registered_on, "number": other.number or other.title}


declare(
    "MP-18",
    group="A",
    title=gettext_lazy("线索核查：15 个工作日内决定是否立案"),
    citation=art(MARKET_PROCEDURE, 18),
    kind=RuleKind.DEADLINE,
    period="15 WD",
)

FILING_DECISION = Period(15, "WD", article=art(MARKET_PROCEDURE, 18))
# 特殊情况下，经负责人批准，可以延长十五个工作日 (once; the figure is the rule's, not a default).
FILING_EXTENSION_DAYS = 15


def filing_decision_due(lead: Lead, calendar: Calendar) -> dt.date:
    """The last day for the head's filing decision on a lead: 15 WD from discovery or receipt,
    plus the working days of an approved extension (MP-18)."""
    return calendar.add_working_days(lead.received_on, FILING_DECISION.amount + lead.extension_days)


@rule(
    "MP-18",
    group="A",
    title=gettext_lazy("线索核查：逾期决定立案"),
    citation=art(MARKET_PROCEDURE, 18),
    kind=RuleKind.WARN,
    steps=("case.approve_registration",),
)
def mp_18_overdue(ctx: Context) -> str | None:
    lead = ctx.case.lead
    decided = ctx.get("registered_on") or ctx.today
    if lead is None:
        return None
    # A lead received in December may be registered before next year's holidays are loaded (DC-6).
    if not ctx.calendar.after_working_days(lead.received_on, FILING_DECISION.amount + lead.extension_days, decided):
        return None
    due = filing_decision_due(lead, ctx.calendar)
    if decided > due:
        return _("线索于 %(received)s 发现或收到，应当在 %(due)s 前决定是否立案，%(decided)s 立案已逾期。") % {
            "received": lead.received_on,
            "due": due,
            "decided": decided,
        }
    return None


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
    decided_on = ctx.get("decided_on") or ctx.today
    for basis in ctx.case.matter.bases.filter(role=BasisRole.PENALTY).select_related("article__law"):
        law = basis.article.law
        # The version in force when the decision is made, if it took effect after the act.
        newer = (
            Law.objects.filter(
                title=law.title,
                promulgated__gt=law.promulgated or ctx.case.act_date,
                effective__gt=ctx.case.act_date,
                effective__lte=decided_on,
            )
            .exclude(status=LawStatus.REPEALED)
            .order_by("-effective", "-promulgated")
            .first()
        )
        if newer is None:
            continue
        change = _compare(basis, Article.objects.filter(law=newer, num=basis.article.num).first())
        if change == "lighter":
            return _("%(law)s已修改（%(effective)s 起施行），新的规定处罚较轻，应当适用新的规定。") % {
                "law": law,
                "effective": newer.effective,
            }
        if change == "unclear":
            return _(
                "%(law)s在违法行为发生后已修改（%(effective)s 起施行），请比较新旧规定："
                "新的规定处罚较轻或者不认为是违法的，适用新的规定。"
            ) % {"law": law, "effective": newer.effective}
    return None


def _compare(basis: LegalBasis, article: Article | None) -> str:
    """How the penalty `basis` cites changed in `article` (the same article of the newer version):
    "lighter", "heavier", "same", or "unclear" when the texts cannot be compared or the change
    goes both ways, for a person to judge."""
    old, new = cited_penalties(basis), cited_penalties(basis, article) if article is not None else []
    if not old or not new:
        return "unclear"
    before, after = {_key(p): p for p in old}, {_key(p): p for p in new}
    signs = {_sign(before.get(key), after.get(key)) for key in before.keys() | after.keys()} - {0}
    if not signs:
        return "same"
    if signs == {-1}:
        return "lighter"
    return "heavier" if signs == {1} else "unclear"


def _key(penalty: StatutoryPenalty) -> tuple[Any, ...]:
    return penalty.kind, penalty.base, penalty.party, penalty.condition


def _sign(old: StatutoryPenalty | None, new: StatutoryPenalty | None) -> int:
    """-1 when `new` is lighter than `old`, 1 when heavier, 0 when neither (or mixed within it: 2)."""
    if old is None or new is None:
        return -1 if new is None else 1  # a penalty dropped, or added
    # No maximum: unbounded; no minimum: none. 可以 (optional) instead of 并处 is lighter.
    top, bottom = Decimal("Infinity"), Decimal(0)
    steps = {
        _cmp(_or(new.maximum, top), _or(old.maximum, top)),
        _cmp(_or(new.minimum, bottom), _or(old.minimum, bottom)),
        _cmp(int(not new.optional), int(not old.optional)),
    } - {0}
    if not steps:
        return 0
    return steps.pop() if len(steps) == 1 else 2


def _or(value: Decimal | None, default: Decimal) -> Decimal:
    return default if value is None else value


def _cmp(a: Any, b: Any) -> int:
    return (a > b) - (a < b)
