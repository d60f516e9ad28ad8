"""I. Enforcing decisions (行政强制执行)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhifa.cases.citations import COMPULSION_LAW, LITIGATION_INTERPRETATION, LITIGATION_LAW, MARKET_PROCEDURE, art
from zhifa.cases.rules.base import Context, RuleKind, declare, rule
from zhifa.core.calendar.periods import add_months

COURT_WAIT_DAYS = 10  # 行政强制法 第五十四条 ("十日", working days by 第六十九条)
NIGHT = (dt.time(22, 0), dt.time(6, 0))  # 行政强制法 第四十三条 leaves 夜间 undefined: configuration


def _latest_reminder(ctx: Context) -> object | None:
    return ctx.case.reminders.order_by("-served_on").first()


@rule(
    "LE-35",
    group="I",
    title=gettext_lazy("强制执行前须书面催告，催告期满仍不履行方可执行"),
    citation=art(COMPULSION_LAW, 35, 36, 37, 38),
    kind=RuleKind.BLOCK,
    steps=("case.apply_court_enforcement", "case.enforce_directly"),
)
def le_35(ctx: Context) -> str | None:
    reminder = _latest_reminder(ctx)
    on = ctx.get("filed_on") or ctx.get("scheduled_at") or ctx.today
    day = timezone.localtime(on).date() if isinstance(on, dt.datetime) else on
    if reminder is None:
        return _("强制执行前须先向当事人送达催告书。")
    if day <= reminder.perform_by and not ctx.get("concealment_evidence"):  # type: ignore[attr-defined]
        return _("催告期至 %(until)s 届满；期内不得强制执行（有转移、隐匿财物证据的除外）。") % {
            "until": reminder.perform_by  # type: ignore[attr-defined]
        }
    return None


@rule(
    "LE-54",
    group="I",
    title=gettext_lazy("催告书送达 10 个工作日后仍未履行方可申请法院强制执行；申请书须负责人签名"),
    citation=f"{art(COMPULSION_LAW, 54, 55)}；{art(MARKET_PROCEDURE, 76)}",
    kind=RuleKind.BLOCK,
    steps=("case.apply_court_enforcement",),
    period="10 WD",
)
def le_54(ctx: Context) -> str | None:
    reminder = _latest_reminder(ctx)
    filed_on = ctx.get("filed_on") or ctx.today
    if reminder is not None:
        earliest = ctx.calendar.add_working_days(reminder.served_on, COURT_WAIT_DAYS) + dt.timedelta(days=1)  # type: ignore[attr-defined]
        if filed_on < earliest:
            return _("催告书于 %(served)s 送达，须满十个工作日仍未履行，最早 %(earliest)s 方可申请。") % {
                "served": reminder.served_on,  # type: ignore[attr-defined]
                "earliest": earliest,
            }
    if not ctx.get("signed_by_head"):
        return _("强制执行申请书须由行政机关负责人签名、加盖机关印章并注明日期。")
    return None


def court_window(ctx: Context) -> tuple[dt.date, dt.date] | None:
    """LE-53: from the end of the party's litigation period, three months."""
    from zhifa.cases.selectors import decision_delivery

    delivery = decision_delivery(ctx.case)
    if delivery is None:
        return None
    litigation_ends = add_months(delivery.served_on, 6)  # type: ignore[arg-type]
    for remedy in ctx.case.remedies.all():
        if remedy.concluded_on is not None:
            litigation_ends = max(litigation_ends, remedy.concluded_on + dt.timedelta(days=15))
    return litigation_ends + dt.timedelta(days=1), add_months(litigation_ends, 3)


@rule(
    "LE-53",
    group="I",
    title=gettext_lazy("起诉期限届满之日起三个月内申请法院强制执行"),
    citation=f"{art(COMPULSION_LAW, 53)}；{art(LITIGATION_INTERPRETATION, 156)}",
    kind=RuleKind.BLOCK,
    steps=("case.apply_court_enforcement",),
    period="3 m",
)
def le_53(ctx: Context) -> str | None:
    window = court_window(ctx)
    filed_on = ctx.get("filed_on") or ctx.today
    if window is None:
        return _("处罚决定书尚未送达，不能申请强制执行。")
    if ctx.case.remedies.filter(concluded_on__isnull=True).exists():
        return _("当事人的行政复议或者行政诉讼尚未终结。")
    if filed_on < window[0]:
        return _("当事人的起诉期限尚未届满，最早 %(opens)s 方可申请人民法院强制执行。") % {"opens": window[0]}
    return None


@rule(
    "LE-53",
    group="I",
    title=gettext_lazy("超过三个月申请的，须有正当理由"),
    citation=art(COMPULSION_LAW, 53),
    kind=RuleKind.WARN,
    steps=("case.apply_court_enforcement",),
)
def le_53_late(ctx: Context) -> str | None:
    window = court_window(ctx)
    filed_on = ctx.get("filed_on") or ctx.today
    if window is not None and filed_on > window[1]:
        return _("申请期限已于 %(closes)s 届满，逾期申请须有正当理由，法院可能不予受理。") % {"closes": window[1]}
    return None


def _night_or_holiday(ctx: Context, moment: dt.datetime) -> bool:
    local = timezone.localtime(moment)
    night = local.time() >= NIGHT[0] or local.time() < NIGHT[1]
    return night or not ctx.calendar.is_workday(local.date())


@rule(
    "LE-43",
    group="I",
    title=gettext_lazy("不得在夜间或法定节假日实施强制执行（情况紧急的除外）"),
    citation=art(COMPULSION_LAW, 43),
    kind=RuleKind.BLOCK,
    steps=("case.enforce_directly",),
)
def le_43(ctx: Context) -> str | None:
    scheduled = ctx.get("scheduled_at")
    if scheduled is not None and _night_or_holiday(ctx, scheduled) and not (ctx.get("emergency_reason") or "").strip():
        return _("行政机关不得在夜间或者法定节假日实施行政强制执行；情况紧急的，须写明理由。")
    if ctx.get("cut_utilities"):
        return _("不得对居民生活采取停止供水、供电、供热、供燃气等方式迫使当事人履行。")
    return None


@rule(
    "LE-44",
    group="I",
    title=gettext_lazy("强制拆除须公告，并在复议、诉讼期限届满后实施"),
    citation=f"{art(COMPULSION_LAW, 44)}；{art(LITIGATION_LAW, 46)}",
    kind=RuleKind.BLOCK,
    steps=("case.enforce_directly",),
)
def le_44(ctx: Context) -> str | None:
    if ctx.get("kind") != "demolition":
        return None
    window = court_window(ctx)
    scheduled = ctx.get("scheduled_at")
    day = timezone.localtime(scheduled).date() if scheduled else ctx.today
    if not ctx.get("announced_on"):
        return _("强制拆除违法建筑物、构筑物、设施，须先予以公告，限期当事人自行拆除。")
    if window is None or day < window[0] or ctx.case.remedies.filter(concluded_on__isnull=True).exists():
        return _("当事人在法定期限内不申请行政复议或者提起行政诉讼，又不拆除的，方可强制拆除。")
    return None


@rule(
    "LE-46",
    group="I",
    title=gettext_lazy("加处罚款超过三十日，经催告仍不履行的，方可强制执行"),
    citation=art(COMPULSION_LAW, 45, 46),
    kind=RuleKind.BLOCK,
    steps=("case.enforce_directly",),
    period="30 d",
)
def le_46(ctx: Context) -> str | None:
    from zhifa.cases.actions.deadlines import latest

    payment = latest(ctx.case, "LP-67b")
    scheduled = ctx.get("scheduled_at")
    day = timezone.localtime(scheduled).date() if scheduled else ctx.today
    if ctx.get("kind") == "money" and (payment is None or (day - payment.due).days <= 30):
        return _("加处罚款满三十日后方可强制执行金钱给付义务。")
    return None


@rule(
    "LE-51",
    group="I",
    title=gettext_lazy("代履行三日前催告当事人履行"),
    citation=art(COMPULSION_LAW, 50, 51, 52),
    kind=RuleKind.BLOCK,
    steps=("case.enforce_directly",),
    period="3 WD",
)
def le_51(ctx: Context) -> str | None:
    if ctx.get("kind") != "substitute":
        return None
    reminder = _latest_reminder(ctx)
    scheduled = ctx.get("scheduled_at")
    if reminder is None or scheduled is None:
        return _("代履行前须送达催告书。")
    latest = ctx.calendar.subtract_working_days(timezone.localtime(scheduled).date(), 3)
    if reminder.served_on > latest:  # type: ignore[attr-defined]
        return _("代履行三日前须催告当事人履行，催告最迟应于 %(latest)s 送达。") % {"latest": latest}
    return None


declare(
    "LE-39",
    group="I",
    title=gettext_lazy("中止执行满三年且无明显社会危害的，不再执行"),
    citation=art(COMPULSION_LAW, 39, 40),
    kind=RuleKind.DEADLINE,
    period="3 y",
)
