"""L. Transfer of suspected crimes (行刑衔接)."""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhifa.cases.choices import Outcome
from zhifa.cases.citations import COMPULSION_LAW, PENALTY_LAW, REFERRAL_RULES, art
from zhifa.cases.rules.base import Context, RuleKind, declare, rule

REQUIRED_ATTACHMENTS = {
    "transfer_letter": "涉嫌犯罪案件移送书",
    "investigation_report": "涉嫌犯罪案件情况的调查报告",
    "item_list": "涉案物品清单",
}


def _referral_resolved(case: object) -> bool:
    referral = getattr(case, "criminal_referral", None)
    if referral is None:
        return False
    return referral.approved is False or referral.police_response in {"filed", "refused"}


@rule(
    "LP-27",
    group="L",
    title=gettext_lazy("涉嫌犯罪的必须移送司法机关，不得以行政处罚代替刑事处罚"),
    citation=f"{art(PENALTY_LAW, 8, 27, 57, 82)}；{art(REFERRAL_RULES, 3, 11)}",
    kind=RuleKind.BLOCK,
    steps=("case.issue_decision", "case.close"),
)
def lp_27(ctx: Context) -> str | None:
    if not ctx.case.suspected_crime or _referral_resolved(ctx.case):
        return None
    if ctx.step == "case.issue_decision" and ctx.get("outcome") == Outcome.REFER:
        return None
    return _("案件涉嫌犯罪，须先移送司法机关（或有公安机关不予立案的决定），不得以行政处罚代替刑事处罚。")


@rule(
    "TR-5",
    group="L",
    title=gettext_lazy("移送涉嫌犯罪案件：两名以上执法人员组成专案组，附齐材料"),
    citation=f"{art(REFERRAL_RULES, 5, 6)}；{art(COMPULSION_LAW, 21)}",
    kind=RuleKind.REQUIRE,
    steps=("case.refer_crime",),
)
def tr_5(ctx: Context) -> str | None:
    if len(ctx.get("task_group") or []) < 2:
        return _("应当指定两名或者两名以上行政执法人员组成专案组。")
    missing = [label for key, label in REQUIRED_ATTACHMENTS.items() if key not in (ctx.get("attachments") or [])]
    if missing:
        return _("移送须附：%(missing)s。") % {"missing": "、".join(missing)}
    return None


@rule(
    "TR-5",
    group="L",
    title=gettext_lazy("移送时书面告知当事人（查封、扣押、冻结的财物一并移送）"),
    citation=art(REFERRAL_RULES, 6),
    kind=RuleKind.REQUIRE,
    steps=("case.transfer_to_police",),
)
def tr_5_notice(ctx: Context) -> str | None:
    if not ctx.get("party_notified_on"):
        return _("移送涉案财物的，须书面告知当事人（写明告知日期）。")
    if not (ctx.get("police") or "").strip():
        return _("须写明接收移送的公安机关。")
    return None


declare(
    "TR-12",
    group="L",
    title=gettext_lazy("公安机关立案后 3 日内移交涉案物品；不予立案的 3 日内可申请复议"),
    citation=art(REFERRAL_RULES, 9, 10, 12, 13),
    kind=RuleKind.DEADLINE,
    period="3 d",
)
