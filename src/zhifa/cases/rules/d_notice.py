"""D. Prior notice, statement and defence, hearing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhifa.cases.choices import Outcome
from zhifa.cases.citations import MARKET_PROCEDURE, PENALTY_LAW, art
from zhifa.cases.penalty import HEARING_KINDS, Penalty
from zhifa.cases.rules.base import Context, RuleKind, rule
from zhifa.cases.selectors import handler_ids, hearing_threshold, served_notice

STATEMENT_DAYS = 5  # 市监程序 第五十七条第二款, the default for every domain (MP-57)
HEARING_REQUEST_DAYS = 5  # 行政处罚法 第六十四条第（一）项
HEARING_NOTICE_DAYS = 7  # 行政处罚法 第六十四条第（二）项


def qualifies_for_hearing(case: object, penalty: Penalty) -> bool:
    """行政处罚法 第六十三条: a larger fine or confiscation, or a heavy kind of penalty."""
    if set(penalty.kinds) & HEARING_KINDS:
        return True
    limits = hearing_threshold(case)  # type: ignore[arg-type]
    threshold = limits.individual if case.party.is_individual else limits.organisation  # type: ignore[attr-defined]
    # 没收较大数额违法所得: the rule's own confiscation figure where it sets one, else the fine's.
    confiscation = limits.confiscation if limits.confiscation is not None else threshold
    confiscated = penalty.confiscated_gains
    return (penalty.fine or Decimal(0)) >= threshold or (confiscated > 0 and confiscated >= confiscation)


def statement_period_ends(ctx: Context, served_on: dt.date) -> dt.date:
    return ctx.calendar.add_working_days(served_on, STATEMENT_DAYS)


def _decision_penalty(ctx: Context) -> Penalty:
    value = ctx.get("penalty")
    return value if isinstance(value, Penalty) else Penalty.from_json(value)


def _penalising(ctx: Context) -> bool:
    return ctx.get("outcome", Outcome.PENALTY) == Outcome.PENALTY


@rule(
    "LP-44",
    group="D",
    title=gettext_lazy("作出处罚决定前须事先告知，不得拒绝听取陈述申辩"),
    citation=f"{art(PENALTY_LAW, 44, 62)}；{art(MARKET_PROCEDURE, 57)}",
    kind=RuleKind.BLOCK,
    steps=("case.issue_decision",),
)
def lp_44(ctx: Context) -> str | None:
    if not _penalising(ctx):
        return None
    if served_notice(ctx.case) is None:
        return _("未向当事人送达行政处罚告知书，不得作出行政处罚决定。")
    if ctx.case.statements.filter(refused=True).exists():
        return _("行政机关拒绝听取当事人的陈述、申辩，不得作出行政处罚决定。")
    return None


@rule(
    "MP-57",
    group="D",
    title=gettext_lazy("陈述申辩期（送达告知书后 5 个工作日）届满或当事人书面放弃后方可决定"),
    citation=art(MARKET_PROCEDURE, 57, paragraph=2),
    kind=RuleKind.BLOCK,
    steps=("case.issue_decision",),
    period="5 WD",
)
def mp_57(ctx: Context) -> str | None:
    notice = served_notice(ctx.case)
    if notice is None or not _penalising(ctx) or notice.waived_on is not None:
        return None
    ends = statement_period_ends(ctx, notice.served_on)  # type: ignore[arg-type]
    decided_on = ctx.get("decided_on") or ctx.today
    if decided_on <= ends:
        return _("告知书于 %(served)s 送达，陈述申辩期至 %(ends)s 届满；期满前作出决定，须有当事人书面放弃。") % {
            "served": notice.served_on,
            "ends": ends,
        }
    return None


@rule(
    "LP-45",
    group="D",
    title=gettext_lazy("复核陈述申辩；不得因陈述申辩加重处罚"),
    citation=f"{art(PENALTY_LAW, 45)}；{art(MARKET_PROCEDURE, 58)}",
    kind=RuleKind.BLOCK,
    steps=("case.issue_decision",),
)
def lp_45(ctx: Context) -> str | None:
    if ctx.case.statements.filter(reviewed_on__isnull=True, refused=False).exists():
        return _("当事人提出的陈述、申辩尚未复核。")
    notice = served_notice(ctx.case)
    if notice is None or not _penalising(ctx):
        return None
    notified = Penalty.from_json(notice.penalty)
    if _decision_penalty(ctx).is_heavier_than(notified):
        return _(
            "拟作出的处罚重于告知书所告知的处罚（%(notified)s），不得因陈述申辩加重处罚；确需加重的，须重新告知。"
        ) % {"notified": notified.text()}
    return None


@rule(
    "LP-63",
    group="D",
    title=gettext_lazy("较大数额罚款、吊销许可证件、责令停产停业等须告知听证权利"),
    citation=art(PENALTY_LAW, 63),
    kind=RuleKind.REQUIRE,
    steps=("case.issue_notice", "case.issue_decision"),
)
def lp_63(ctx: Context) -> str | None:
    penalty = _decision_penalty(ctx)
    if not penalty.kinds or not qualifies_for_hearing(ctx.case, penalty):
        return None
    if ctx.step == "case.issue_notice" and not ctx.get("hearing_clause"):
        return _("拟作出的处罚（%(penalty)s）属于应当告知听证权利的情形，告知书须告知听证权利。") % {
            "penalty": penalty.text()
        }
    notice = served_notice(ctx.case)
    if ctx.step == "case.issue_decision" and notice is not None and not notice.hearing_clause:
        return _("处罚属于应当告知听证权利的情形，但已送达的告知书未告知听证权利，须重新告知。")
    return None


@rule(
    "LP-64a",
    group="D",
    title=gettext_lazy("当事人在告知后 5 个工作日内提出听证要求"),
    citation=art(PENALTY_LAW, 64),
    kind=RuleKind.WARN,
    steps=("case.request_hearing",),
    period="5 WD",
)
def lp_64a(ctx: Context) -> str | None:
    notice = served_notice(ctx.case)
    requested = ctx.get("requested_on") or ctx.today
    if notice is None:
        return None
    ends = ctx.calendar.add_working_days(notice.served_on, HEARING_REQUEST_DAYS)  # type: ignore[arg-type]
    if requested > ends:
        return _("听证申请于 %(requested)s 提出，已超过告知后 5 个工作日（%(ends)s）；是否受理由行政机关决定。") % {
            "requested": requested,
            "ends": ends,
        }
    return None


@rule(
    "LP-64b",
    group="D",
    title=gettext_lazy("听证 7 个工作日前通知当事人时间、地点"),
    citation=art(PENALTY_LAW, 64),
    kind=RuleKind.BLOCK,
    steps=("case.schedule_hearing",),
    period="7 WD",
)
def lp_64b(ctx: Context) -> str | None:
    scheduled_at: dt.datetime | None = ctx.get("scheduled_at")
    served_on: dt.date | None = ctx.get("notice_served_on")
    if scheduled_at is None or served_on is None:
        return _("须写明听证时间和听证通知送达日期。")
    latest = ctx.calendar.subtract_working_days(timezone.localtime(scheduled_at).date(), HEARING_NOTICE_DAYS)
    if served_on > latest:
        return _("听证通知须在听证 7 个工作日前送达（最迟 %(latest)s），实际 %(served)s 送达。") % {
            "latest": latest,
            "served": served_on,
        }
    return None


@rule(
    "LP-64c",
    group="D",
    title=gettext_lazy("听证由非本案调查人员主持"),
    citation=art(PENALTY_LAW, 64),
    kind=RuleKind.BLOCK,
    steps=("case.schedule_hearing",),
)
def lp_64c_chair(ctx: Context) -> str | None:
    chair = ctx.get("chair")
    if chair is None:
        return _("须指定听证主持人。")
    if chair.pk in handler_ids(ctx.case):
        return _("听证主持人%(chair)s是本案调查人员，不得主持听证。") % {"chair": chair}
    return None


@rule(
    "LP-64c",
    group="D",
    title=gettext_lazy("委托代理人不超过二人；听证笔录须签字或注明拒签"),
    citation=art(PENALTY_LAW, 64),
    kind=RuleKind.BLOCK,
    steps=("case.record_hearing",),
)
def lp_64c_record(ctx: Context) -> str | None:
    if int(ctx.get("agents") or 0) > 2:
        return _("当事人可以委托一至二人代理，不得超过二人。")
    if not ctx.get("party_absent") and not ctx.get("record_signed") and not (ctx.get("refusal_note") or "").strip():
        return _("听证笔录须经当事人或代理人审核签字；拒绝签字的，由主持人在笔录中注明。")
    return None


@rule(
    "LP-65",
    group="D",
    title=gettext_lazy("听证结束后根据听证笔录作出决定；法制审核在听证之后"),
    citation=f"{art(PENALTY_LAW, 65)}；{art(MARKET_PROCEDURE, 50, paragraph=2)}",
    kind=RuleKind.BLOCK,
    steps=("case.issue_decision",),
)
def lp_65(ctx: Context) -> str | None:
    hearing = getattr(ctx.case, "hearing", None)
    if hearing is None or not _penalising(ctx):
        return None
    if hearing.held_on is None and not hearing.party_absent:
        return _("当事人要求听证，听证尚未举行，不得作出处罚决定。")
    if hearing.held_on is not None and not hearing.report.strip():
        return _("须先完成听证报告，再根据听证笔录作出决定。")
    from zhifa.cases.selectors import passed_legal_review

    if hearing.held_on is not None and passed_legal_review(ctx.case, after=hearing.held_on) is None:
        return _("经过听证的案件，法制审核须在听证结束后进行；听证前的审核须重新进行。")
    return None
