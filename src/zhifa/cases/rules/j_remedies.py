"""J. Remedy periods the system prints and tracks.

The party's periods open when the decision is served (`deciding._decision_served`): reconsideration
in 60 days (LR-20), a direct suit in 6 months (LL-46) or, when the decision did not tell the
litigation period, up to one year (SI-64). The agency's own periods as the respondent open when
the party's application reaches it (`actions.remedies`): forwarding (LR-23), the written reply
(LR-48), and the reconsideration body's decision, watched from the respondent's side (LR-62).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhifa.cases.citations import LITIGATION_INTERPRETATION, LITIGATION_LAW, RECONSIDERATION_LAW, art
from zhifa.cases.rules.base import Context, RuleKind, declare, rule
from zhifa.core.calendar.periods import add_months

EXTENSION_MAX_DAYS = 30  # 行政复议法 第六十二条第一款: "延长期限最多不得超过三十日"
ORDINARY_DECISION_DAYS = 60  # 行政复议法 第六十二条第一款
SIMPLE_DECISION_DAYS = 30  # 行政复议法 第六十二条第二款

# What the decision tells the party, as printed (tags stripped): "……六十日内向……申请行政复议",
# "……六个月内……提起行政诉讼" (or, after a reconsideration, "十五日内……提起行政诉讼").
_NUMBER = r"(?:\d+|[〇一二两三四五六七八九十百]+)"
RECONSIDERATION_CLAUSE = re.compile(rf"{_NUMBER}日内[^。；]*?向([^。；]+?)申请行政复议")
LITIGATION_CLAUSE = re.compile(rf"{_NUMBER}(?:日|个月)内[^。；]*?提起行政诉讼")
_TAG = re.compile(r"<[^>]+>")


def _plain(html: str) -> str:
    return re.sub(r"\s+", "", _TAG.sub("", html))


def tells_reconsideration(html: str) -> bool:
    """The decision states the right to reconsideration, the body and the period (复议法 第二十条第三款)."""
    found = RECONSIDERATION_CLAUSE.search(_plain(html))
    return found is not None and found.group(1).strip("—-") != ""


def tells_litigation_period(html: str) -> bool:
    """The decision states the period for suing (行诉解释 第六十四条)."""
    return LITIGATION_CLAUSE.search(_plain(html)) is not None


def litigation_period_ends(case: Any, served_on: dt.date) -> dt.date:
    """The last day of the party's litigation period opened when the decision was served: six
    months (LL-46), or one year when the decision did not tell it (SI-64), as tracked on the case.
    The period stays the measure even once met or cancelled by a remedy."""
    from zhifa.cases.models import Deadline

    opened = (
        Deadline.objects.filter(case=case, rule__in=("LL-46", "SI-64"), starts_on=served_on).order_by("-id").first()
    )
    return opened.due if opened is not None else add_months(served_on, 6)


declare(
    "LR-20",
    group="J",
    title=gettext_lazy("知道行政行为之日起六十日内申请行政复议"),
    citation=art(RECONSIDERATION_LAW, 20, 21),
    kind=RuleKind.DEADLINE,
    period="60 d",
)


@rule(
    "LR-20",
    group="J",
    title=gettext_lazy("决定书须告知申请行政复议的权利、复议机关和申请期限"),
    citation=art(RECONSIDERATION_LAW, 20, 21),
    kind=RuleKind.BLOCK,
    steps=("case.decision_document",),
)
def lr_20(ctx: Context) -> str | None:
    text = ctx.get("document_text") or ""
    if text and not tells_reconsideration(text):
        return _(
            "决定书未告知申请行政复议的权利、行政复议机关和申请期限（申请期限将延长至最长一年），"
            "请使用载明救济途径和期限的文书模板。"
        )
    return None


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


@rule(
    "LR-48",
    group="J",
    title=gettext_lazy("书面答复须同时提交作出行政行为的证据、依据和其他有关材料"),
    citation=art(RECONSIDERATION_LAW, 48, 54, 70),
    kind=RuleKind.REQUIRE,
    steps=("case.reply_reconsideration",),
)
def lr_48_evidence(ctx: Context) -> str | None:
    if not ctx.get("evidence_submitted"):
        return _("答复须同时提交作出行政行为的证据、依据和其他有关材料；不提交的，视为该行政行为没有证据、依据。")
    return None


@rule(
    "LR-48",
    group="J",
    title=gettext_lazy("逾期答复的，视为该行政行为没有证据、依据"),
    citation=art(RECONSIDERATION_LAW, 48, 54, 70),
    kind=RuleKind.WARN,
    steps=("case.reply_reconsideration",),
)
def lr_48_late(ctx: Context) -> str | None:
    from zhifa.cases.actions.deadlines import open_for

    deadline = open_for(ctx.case, "LR-48")
    replied_on = ctx.get("replied_on") or ctx.today
    if deadline is not None and replied_on > deadline.due:
        return _(
            "答复期限已于 %(due)s 届满，%(replied)s 才答复：视为该行政行为没有证据、依据，"
            "复议机关可以决定撤销或者确认违法。"
        ) % {"due": deadline.due, "replied": replied_on}
    return None


declare(
    "LR-62",
    group="J",
    title=gettext_lazy("复议机关受理后六十日内作出复议决定（简易程序三十日）"),
    citation=art(RECONSIDERATION_LAW, 53, 62),
    kind=RuleKind.DEADLINE,
    period="60 d",
)


@rule(
    "LR-62",
    group="J",
    title=gettext_lazy("复议期限只能经批准延长一次，最多三十日，并书面告知"),
    citation=art(RECONSIDERATION_LAW, 62),
    kind=RuleKind.BLOCK,
    steps=("case.remedy_progress",),
)
def lr_62_extension(ctx: Context) -> str | None:
    from zhifa.cases.actions.deadlines import open_for

    days = ctx.get("extension_days")
    if not days:
        return None
    if days > EXTENSION_MAX_DAYS:
        return _("行政复议期限延长最多不得超过三十日，登记的是 %(days)s 日。") % {"days": days}
    if not ctx.get("extension_notified_on"):
        return _("延长行政复议期限须书面告知当事人：请填写书面告知的日期。")
    deadline = open_for(ctx.case, "LR-62")
    if deadline is not None and deadline.period != f"{ORDINARY_DECISION_DAYS}日":
        if deadline.period == f"{SIMPLE_DECISION_DAYS}日":
            return _("适用简易程序的行政复议案件应当在受理后三十日内作出决定，不能延长。")
        return _("行政复议期限只能延长一次，已延长至 %(due)s。") % {"due": deadline.due}
    return None


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
    if ctx.get("is_decision") and text and not tells_litigation_period(text):
        return _(
            "送达的决定书未告知起诉期限：起诉期限自当事人知道或者应当知道起诉期限之日起计算，"
            "最长可至知道决定内容之日起一年，申请人民法院强制执行的期间随之推后。"
        )
    return None
