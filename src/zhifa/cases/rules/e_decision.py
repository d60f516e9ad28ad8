"""E. Review, decision, delivery; and the discretion benchmark the penalty must keep to."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhifa.cases.choices import DeliveryMethod, Outcome, ReviewKind
from zhifa.cases.citations import MARKET_PROCEDURE, PENALTY_LAW, RECONSIDERATION_LAW, art
from zhifa.cases.penalty import Penalty
from zhifa.cases.rules.base import Context, RuleKind, rule
from zhifa.cases.selectors import benchmark_for, handler_user_ids, passed_legal_review
from zhifa.lawbase.choices import FineBase, PartyScope, PenaltyKind
from zhifa.lawbase.money import fine_range, yuan
from zhifa.lawbase.selectors import statutory_limits


def _penalty(ctx: Context) -> Penalty:
    value = ctx.get("penalty")
    return value if isinstance(value, Penalty) else Penalty.from_json(value)


def _penalising(ctx: Context) -> bool:
    return ctx.get("outcome", Outcome.PENALTY) == Outcome.PENALTY and bool(_penalty(ctx).kinds)


def needs_legal_review(case: object) -> bool:
    """行政处罚法 第五十八条: major cases, cases that went through a hearing, and (by zhifa's own
    choice, per the issue) decisions outside the discretion benchmark."""
    hearing = getattr(case, "hearing", None)
    report = case.reports.order_by("-id").first()  # type: ignore[attr-defined]
    outside = bool(report and report.outside_benchmark_reason.strip())
    return bool(case.is_major or case.major_grounds or (hearing and hearing.held_on) or outside)  # type: ignore[attr-defined]


@rule(
    "LP-58",
    group="E",
    title=gettext_lazy("重大执法决定未经法制审核或审核未通过的，不得作出决定"),
    citation=f"{art(PENALTY_LAW, 58)}；{art(MARKET_PROCEDURE, 50, 51)}",
    kind=RuleKind.BLOCK,
    steps=("case.issue_decision",),
)
def lp_58(ctx: Context) -> str | None:
    if needs_legal_review(ctx.case) and passed_legal_review(ctx.case) is None:
        return _("本案属于应当进行法制审核的情形，未经法制审核或者审核未通过的，不得作出决定。")
    return None


@rule(
    "LP-58",
    group="E",
    title=gettext_lazy("初次从事法制审核的人员须取得法律职业资格"),
    citation=art(PENALTY_LAW, 58, paragraph=2),
    kind=RuleKind.REQUIRE,
    steps=("case.record_review",),
)
def lp_58_qualification(ctx: Context) -> str | None:
    from zhifa.cases.models import Review

    review = ctx.get("review")
    if review is None or review.kind != ReviewKind.LEGAL or (ctx.get("qualification_number") or "").strip():
        return None
    earlier = Review.objects.filter(reviewer=review.reviewer, kind=ReviewKind.LEGAL).exclude(pk=review.pk)
    if not earlier.exclude(result="").exists():
        return _("初次从事行政处罚决定法制审核的人员，须填写法律职业资格证书编号。")
    return None


@rule(
    "MP-49",
    group="E",
    title=gettext_lazy("办案人员不得作为审核人员；10 个工作日内审核完毕"),
    citation=art(MARKET_PROCEDURE, 48, 49, 52, 55),
    kind=RuleKind.BLOCK,
    steps=("case.request_review", "case.record_review"),
    period="10 WD",
)
def mp_49(ctx: Context) -> str | None:
    reviewer = ctx.get("reviewer")
    if reviewer is not None and reviewer.pk in handler_user_ids(ctx.case):
        return _("%(name)s是本案承办人，不得审核本案。") % {"name": reviewer}
    return None


@rule(
    "MP-49",
    group="E",
    title=gettext_lazy("调查终结报告须写明裁量理由"),
    citation=art(MARKET_PROCEDURE, 48),
    kind=RuleKind.REQUIRE,
    steps=("case.submit_report",),
)
def mp_49_reason(ctx: Context) -> str | None:
    if _penalising(ctx) and not (ctx.get("discretion_reason") or "").strip():
        return _("案件调查终结报告须写明行使裁量权的理由。")
    return None


@rule(
    "LP-57",
    group="E",
    title=gettext_lazy("处理结果限于法定情形；情节复杂或重大违法须集体讨论"),
    citation=f"{art(PENALTY_LAW, 57)}；{art(MARKET_PROCEDURE, 60)}",
    kind=RuleKind.REQUIRE,
    steps=("case.issue_decision",),
)
def lp_57(ctx: Context) -> str | None:
    if ctx.get("outcome") not in Outcome.values:
        return _("处理结果须为给予处罚、不予处罚或移送司法机关之一。")
    if (ctx.case.is_complex or ctx.case.is_major) and not ctx.case.discussions.exists():
        return _("情节复杂或者重大违法行为给予行政处罚，须经行政机关负责人集体讨论决定。")
    return None


@rule(
    "LP-60",
    group="E",
    title=gettext_lazy("自立案之日起九十日内作出决定（经批准可延长）"),
    citation=f"{art(PENALTY_LAW, 60)}；{art(MARKET_PROCEDURE, 64)}",
    kind=RuleKind.WARN,
    steps=("case.issue_decision",),
    period="90 d",
)
def lp_60(ctx: Context) -> str | None:
    from zhifa.cases.actions.deadlines import open_for

    deadline = open_for(ctx.case, "LP-60")
    decided_on = ctx.get("decided_on") or ctx.today
    if deadline is not None and decided_on > deadline.due:
        return _("办案期限已于 %(due)s 届满，逾期作出决定，已提示执法监督。") % {"due": deadline.due}
    return None


@rule(
    "LP-59",
    group="E",
    title=gettext_lazy("处罚决定书须载明法定事项（含复议、诉讼的途径和期限）并加盖印章"),
    citation=f"{art(PENALTY_LAW, 59)}；{art(RECONSIDERATION_LAW, 24, 27)}",
    kind=RuleKind.REQUIRE,
    steps=("case.issue_decision",),
)
def lp_59(ctx: Context) -> str | None:
    party = ctx.case.party
    if not party.addresses.exists():
        return _("处罚决定书须载明当事人的地址：请先补充当事人地址。")
    if not (ctx.get("reasons") or "").strip():
        return _("处罚决定书须载明作出决定的理由。")
    if _penalising(ctx) and not ctx.case.evidence.exists():
        return _("处罚决定书须载明违法事实和证据，本案尚无证据。")
    return None


@rule(
    "LP-61",
    group="E",
    title=gettext_lazy("电子送达须经当事人同意并签订确认书"),
    citation=f"{art(PENALTY_LAW, 61)}；{art(MARKET_PROCEDURE, 81, 82, 83)}",
    kind=RuleKind.BLOCK,
    steps=("case.deliver",),
    period="7 WD",
)
def lp_61(ctx: Context) -> str | None:
    if ctx.get("method") == DeliveryMethod.ELECTRONIC and not ctx.get("consent_confirmed"):
        return _("采用电子送达，须当事人同意并签订送达地址确认书。")
    return None


def _statute_fits(ctx: Context, penalty: Penalty) -> str | None:
    limits = [(b, p) for b, ps in statutory_limits(ctx.case.matter) for p in ps if p.kind == PenaltyKind.FINE]
    bounded = [(b, p) for b, p in limits if p.base == FineBase.AMOUNT and p.maximum is not None]
    party = PartyScope.INDIVIDUAL if ctx.case.party.is_individual else PartyScope.ORGANISATION
    fitting = [p for _, p in bounded if p.party in {PartyScope.ANY, party}]
    fine = penalty.fine or Decimal(0)
    if not fitting or any((p.minimum or 0) <= fine <= p.maximum for p in fitting):  # type: ignore[operator]
        return None
    basis, limit = bounded[0]
    return _("罚款%(fine)s超出%(article)s规定的法定幅度（%(range)s）。") % {
        "fine": yuan(fine),
        "article": basis.citation,
        "range": "；".join(fine_range(p.base, p.minimum, p.maximum) for p in fitting),
    }


@rule(
    "DB-34",
    group="E",
    title=gettext_lazy("处罚须在法定幅度内；超出裁量基准的须书面说明理由并经法制审核"),
    citation=art(PENALTY_LAW, 34),
    kind=RuleKind.BLOCK,
    steps=("case.submit_report", "case.issue_decision", "summary.decide"),
)
def db_34(ctx: Context) -> str | None:
    penalty = _penalty(ctx)
    if not _penalising(ctx) or not penalty.has_fine:
        return None
    beyond_statute = _statute_fits(ctx, penalty)
    if beyond_statute:
        return beyond_statute
    if ctx.step == "summary.decide" or within_benchmark(ctx.case, penalty):
        return None
    reason = ctx.get("outside_benchmark_reason")
    if ctx.step == "case.issue_decision":
        from zhifa.cases.selectors import latest_report

        report = latest_report(ctx.case)
        reason = reason or (report.outside_benchmark_reason if report else "")
    if not (reason or "").strip():
        return _("罚款%(fine)s不在裁量基准各档次的幅度内，须书面说明理由，并经法制审核。") % {
            "fine": yuan(penalty.fine)
        }
    if ctx.step == "case.issue_decision" and passed_legal_review(ctx.case) is None:
        return _("罚款超出裁量基准，须经法制审核通过后方可作出决定。")
    return None


@rule(
    "DB-34",
    group="E",
    title=gettext_lazy("罚款不在按已认定情节计算的建议幅度内：提示审核人员核查裁量理由"),
    citation=art(PENALTY_LAW, 34),
    kind=RuleKind.WARN,
    steps=("case.submit_report",),
)
def db_34_advised_range(ctx: Context) -> str | None:
    # The reason itself is required of every report (MP-49); this tells the reviewer that the
    # fine departs from the row the recorded facts point to, so the reason deserves a close look.
    penalty = _penalty(ctx)
    if not _penalising(ctx) or not penalty.has_fine:
        return None
    from zhifa.cases.discretion import advice_for

    advice = advice_for(ctx.case, ctx.get("circumstances") or {}, penalty.illegal_gains)  # type: ignore[arg-type]
    if advice.fine_min is None or advice.fine_max is None:
        return None
    fine = penalty.fine or Decimal(0)
    if advice.fine_min <= fine <= advice.fine_max:
        return None
    return _("罚款%(fine)s不在按已认定情节计算的建议幅度（%(range)s）内，请核查裁量理由。") % {
        "fine": yuan(fine),
        "range": advice.range_text,
    }


def within_benchmark(case: object, penalty: Penalty) -> bool:
    """Does the fine lie within some level of the benchmark in force on the date of the act?"""
    benchmark = benchmark_for(case)  # type: ignore[arg-type]
    if benchmark is None or not penalty.has_fine:
        return True
    fine = penalty.fine or Decimal(0)
    scope = PartyScope.INDIVIDUAL if case.party.is_individual else PartyScope.ORGANISATION  # type: ignore[attr-defined]
    levels = [
        level
        for level in benchmark.levels.all()
        if level.fine_base == FineBase.AMOUNT and level.fine_max is not None and level.party in {PartyScope.ANY, scope}
    ]
    if not levels:
        return True  # the benchmark does not grade fines for this kind of party
    return any((level.fine_min or 0) <= fine <= level.fine_max for level in levels)  # type: ignore[operator]
