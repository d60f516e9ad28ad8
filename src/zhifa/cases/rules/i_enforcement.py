"""I. Enforcing decisions (行政强制执行)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhifa.cases.citations import (
    COMPULSION_LAW,
    LITIGATION_INTERPRETATION,
    LITIGATION_LAW,
    MARKET_PROCEDURE,
    PENALTY_LAW,
    art,
)
from zhifa.cases.rules.base import Context, RuleKind, declare, rule
from zhifa.cases.rules.j_remedies import litigation_period_ends
from zhifa.cases.surcharge import late_days, nth_late_day, remedy_pauses
from zhifa.core.calendar.periods import add_months
from zhifa.core.models import CalendarDay

COURT_WAIT_DAYS = 10  # 行政强制法 第五十四条 ("十日", working days by 第六十九条)
SURCHARGE_DAYS = 30  # 行政强制法 第四十六条: "超过三十日"
# 行政强制法 第五十一条第一款第（一）项: what a 代履行决定书 states besides the party's name and address.
SUBSTITUTE_DECISION_FIELDS = {
    "reasons": gettext_lazy("代履行的理由"),
    "basis": gettext_lazy("代履行的依据"),
    "manner": gettext_lazy("代履行的方式"),
    "scheduled_at": gettext_lazy("代履行的时间"),
    "target": gettext_lazy("代履行的标的"),
    "cost_estimate": gettext_lazy("费用预算"),
    "performer": gettext_lazy("代履行人"),
}


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


def litigation_ends(case: Any) -> dt.date | None:
    """The last day the party may still sue: six months from service of the decision, or 15 days
    after a reconsideration ends (行政诉讼法 第四十五、四十六条); None before service."""
    from zhifa.cases.selectors import decision_delivery

    delivery = decision_delivery(case)
    if delivery is None:
        return None
    # Six months as told, or up to a year when the decision did not tell it (SI-64).
    ends = litigation_period_ends(case, delivery.served_on)  # type: ignore[arg-type]
    for remedy in case.remedies.all():
        if remedy.concluded_on is not None:
            ends = max(ends, remedy.concluded_on + dt.timedelta(days=15))
    return ends


def deferred_to(case: Any) -> dt.date | None:
    """The end of the approved deferral or instalments (行政处罚法 第六十六条), if any."""
    deferral = case.deferrals.order_by("-approved_on", "-id").first()
    return deferral.pay_by if deferral is not None else None


def court_window(ctx: Context) -> tuple[dt.date, dt.date] | None:
    """LE-53: three months from the end of the party's litigation period (行诉解释 第一百五十六条),
    or from the end of an approved deferral when that is later (行政处罚法 第七十二条第二款)."""
    ends = litigation_ends(ctx.case)
    if ends is None:
        return None
    deferral_ends = deferred_to(ctx.case)
    if deferral_ends is not None:
        ends = max(ends, deferral_ends)
    return ends + dt.timedelta(days=1), add_months(ends, 3)


@rule(
    "LE-53",
    group="I",
    title=gettext_lazy("起诉期限（批准延期、分期缴纳的，延期、分期期限）届满之日起三个月内申请法院强制执行"),
    citation=f"{art(COMPULSION_LAW, 53)}；{art(LITIGATION_INTERPRETATION, 156)}；{art(PENALTY_LAW, 72, paragraph=2)}",
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
        deferral_ends = deferred_to(ctx.case)
        if deferral_ends is not None and window[0] == deferral_ends + dt.timedelta(days=1):
            return _(
                "已批准延期（分期）缴纳罚款至 %(until)s，申请人民法院强制执行的期限自该期限结束之日起计算，"
                "最早 %(opens)s 方可申请。"
            ) % {"until": deferral_ends, "opens": window[0]}
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
    # 行政强制法 第四十三条 leaves 夜间 undefined: the hours are configuration (settings).
    starts, ends = (dt.time(hour) for hour in settings.ZHIFA_ENFORCEMENT_NIGHT)
    night = local.time() >= starts or local.time() < ends
    return night or _statutory_holiday(ctx, local.date())


def _statutory_holiday(ctx: Context, day: dt.date) -> bool:
    """法定节假日: the rest days the arrangement names after a holiday. An ordinary weekend is a
    rest day but not a statutory holiday, so 第四十三条 does not bar it."""
    if ctx.calendar.is_workday(day):  # raises DC-6 when the year's arrangement is not loaded
        return False
    return CalendarDay.objects.filter(date=day).exclude(holiday_name="").exists()


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
    # The remedy periods only: a deferral of the fine (第七十二条第二款) does not move them.
    ends = litigation_ends(ctx.case)
    scheduled = ctx.get("scheduled_at")
    day = timezone.localtime(scheduled).date() if scheduled else ctx.today
    if not ctx.get("announced_on"):
        return _("强制拆除违法建筑物、构筑物、设施，须先予以公告，限期当事人自行拆除。")
    if ends is None or day <= ends or ctx.case.remedies.filter(concluded_on__isnull=True).exists():
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

    if ctx.get("kind") != "money":
        return None
    payment = latest(ctx.case, "LP-67b")
    if payment is None:
        return _("加处罚款满三十日后方可强制执行金钱给付义务。")
    scheduled = ctx.get("scheduled_at")
    day = timezone.localtime(scheduled).date() if scheduled else ctx.today
    # Days of surcharge, not of calendar: none accrues while a remedy is pending (处罚法 第七十三条第三款).
    pauses = remedy_pauses(ctx.case)
    if late_days(payment.due, day, pauses) > SURCHARGE_DAYS:
        return None
    first = nth_late_day(payment.due, SURCHARGE_DAYS + 1, pauses)
    if first is None:
        return _(
            "加处罚款满三十日后方可强制执行金钱给付义务；当事人的行政复议或者行政诉讼期间不计算加处罚款，"
            "目前尚未满三十日。"
        )
    return _("加处罚款满三十日后方可强制执行金钱给付义务，最早 %(first)s。") % {"first": first}


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


@rule(
    "LE-51",
    group="I",
    title=gettext_lazy("代履行决定书载明理由和依据、方式和时间、标的、费用预算以及代履行人"),
    citation=art(COMPULSION_LAW, 51),
    kind=RuleKind.REQUIRE,
    steps=("case.enforce_directly",),
)
def le_51_decision(ctx: Context) -> str | None:
    if ctx.get("kind") != "substitute":
        return None
    missing = [str(label) for name, label in SUBSTITUTE_DECISION_FIELDS.items() if _blank(ctx.get(name))]
    if missing:
        return _("代履行前须送达代履行决定书，决定书应当载明：%(missing)s。") % {"missing": "、".join(missing)}
    return None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


declare(
    "LE-39",
    group="I",
    title=gettext_lazy("中止执行满三年且无明显社会危害的，不再执行"),
    citation=art(COMPULSION_LAW, 39, 40),
    kind=RuleKind.DEADLINE,
    period="3 y",
)


def enforcement_suspension(case: Any) -> Any:
    """The open LE-39 watch of a suspended enforcement (the suspension itself), or None."""
    from zhifa.cases.actions.deadlines import open_for

    return open_for(case, "LE-39")


@rule(
    "LE-39",
    group="I",
    title=gettext_lazy("中止执行期间不得强制执行；中止的情形消失后恢复执行"),
    citation=art(COMPULSION_LAW, 39),
    kind=RuleKind.BLOCK,
    steps=("case.apply_court_enforcement", "case.enforce_directly"),
)
def le_39(ctx: Context) -> str | None:
    suspension = enforcement_suspension(ctx.case)
    if suspension is None:
        return None
    return _("执行已于 %(since)s 中止；中止执行的情形消失、恢复执行后，方可强制执行。") % {
        "since": suspension.starts_on
    }


declare(
    "LE-46",
    group="I",
    title=gettext_lazy("加处罚款满三十日，经催告仍不履行的，可以强制执行或者申请法院强制执行"),
    citation=art(COMPULSION_LAW, 45, 46),
    kind=RuleKind.DEADLINE,
    period="30 d",
)
