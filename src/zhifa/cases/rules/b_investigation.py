"""B. Officers, investigation, evidence."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zhifa.cases.choices import TranscriptKind
from zhifa.cases.citations import MARKET_PROCEDURE, PENALTY_LAW, art
from zhifa.cases.rules.base import Context, RuleKind, rule
from zhifa.cases.selectors import valid_credential


def _invalid_officers(officers: list[Any], domain_id: int, day: dt.date) -> list[str]:
    return [str(officer) for officer in officers if valid_credential(officer, domain_id, day) is None]


def _officers_for(ctx: Context) -> tuple[list[Any], dt.date]:
    if ctx.step == "case.record_transcript":
        started = ctx.get("started_at")
        return list(ctx.get("officers") or []), timezone.localtime(started).date() if started else ctx.today
    if ctx.step == "summary.decide":
        return list(ctx.get("officers") or []), ctx.get("decided_on") or ctx.today
    day = ctx.get("decided_on") or ctx.get("registered_on") or ctx.today
    return [h.officer for h in ctx.case.handlers.filter(active=True).select_related("officer__user")], day


@rule(
    "LP-42",
    group="B",
    title=gettext_lazy("执法人员不得少于两人，且须持有效执法证"),
    citation=art(PENALTY_LAW, 42),
    kind=RuleKind.BLOCK,
    steps=("case.record_transcript", "case.approve_registration", "case.issue_decision", "summary.decide"),
)
def lp_42(ctx: Context) -> str | None:
    officers, day = _officers_for(ctx)
    if len({o.pk for o in officers}) < 2:
        return _("执法人员不得少于两人。")
    invalid = _invalid_officers(officers, ctx.case.domain_id, day)
    if invalid:
        return _("%(names)s在 %(day)s 没有该领域的有效执法证，不能实施此项执法行为。") % {
            "names": "、".join(invalid),
            "day": day,
        }
    return None


@rule(
    "LP-55",
    group="B",
    title=gettext_lazy("出示执法证件，制作笔录，逐页签名或注明拒签"),
    citation=f"{art(PENALTY_LAW, 55)}；{art(MARKET_PROCEDURE, 21, 28, 29, 43)}",
    kind=RuleKind.REQUIRE,
    steps=("case.record_transcript",),
)
def lp_55(ctx: Context) -> str | None:
    if not ctx.get("credentials_shown") or not ctx.get("credential_numbers"):
        return _("笔录须记载已出示执法证件及证件号码。")
    first = not ctx.case.transcripts.exists()
    if first and not ctx.get("rights_notice_given"):
        return _("首次调查取证时，须告知当事人陈述、申辩和申请回避的权利并记入笔录。")
    pages, signed = int(ctx.get("pages") or 1), int(ctx.get("signed_pages") or 0)
    if signed < pages and not (ctx.get("refusal_note") and ctx.get("av_reference")):
        return _("笔录共 %(pages)s 页，仅 %(signed)s 页有被询问人签名；拒绝签名的，须注明情况并附音像记录编号。") % {
            "pages": pages,
            "signed": signed,
        }
    return None


@rule(
    "LP-47",
    group="B",
    title=gettext_lazy("全过程记录：现场检查、询问宜有音像记录"),
    citation=art(PENALTY_LAW, 47),
    kind=RuleKind.WARN,
    steps=("case.record_transcript",),
)
def lp_47(ctx: Context) -> str | None:
    if not ctx.get("av_reference"):
        label = TranscriptKind(ctx.get("kind") or TranscriptKind.INSPECTION).label
        return _("%(kind)s未附照片或音像记录编号，执法全过程记录不完整。") % {"kind": label}
    return None


@rule(
    "LP-43",
    group="B",
    title=gettext_lazy("回避申请未决定前不宜事先告知"),
    citation=art(PENALTY_LAW, 43),
    kind=RuleKind.WARN,
    steps=("case.issue_notice",),
)
def lp_43(ctx: Context) -> str | None:
    if ctx.case.recusals.filter(decided_on__isnull=True).exists():
        return _("当事人的回避申请尚未作出决定。")
    return None


def _cited_evidence(ctx: Context) -> list[Any]:
    """The exhibits the facts rest on: those the report names (the proposed report at the report,
    the latest one at the decision), or every exhibit when it names none. An exhibit left out is
    excluded, and does not taint the rest (行政处罚法 第四十六条)."""
    from zhifa.cases.selectors import latest_report

    circumstances = ctx.get("circumstances")
    if circumstances is None:
        report = latest_report(ctx.case)
        circumstances = report.circumstances if report else {}
    ids = (circumstances or {}).get("evidence_ids")
    evidence = ctx.case.evidence.all()
    return list(evidence.filter(pk__in=ids) if ids else evidence)


@rule(
    "LP-46",
    group="B",
    title=gettext_lazy("作为定案根据的证据须查证属实、合法取得"),
    citation=art(PENALTY_LAW, 46),
    kind=RuleKind.BLOCK,
    steps=("case.submit_report", "case.issue_decision"),
)
def lp_46(ctx: Context) -> str | None:
    bad = [e for e in _cited_evidence(ctx) if not e.verified or not e.lawful]
    if bad:
        return _("证据“%(title)s”未经查证属实或非合法取得，不得作为认定案件事实的根据。") % {"title": bad[0].title}
    return None


@rule(
    "LP-41",
    group="B",
    title=gettext_lazy("电子技术监控设备记录须经审核、地点公布、记录审核"),
    citation=art(PENALTY_LAW, 41),
    kind=RuleKind.BLOCK,
    steps=("case.submit_report", "case.issue_decision"),
)
def lp_41(ctx: Context) -> str | None:
    for evidence in _cited_evidence(ctx):
        if evidence.from_device and not (
            evidence.device_reviewed and evidence.device_location_published and evidence.record_reviewed
        ):
            return _(
                "“%(title)s”来自电子技术监控设备，但设备未经审核、设置地点未公布或记录未经审核，不能作为证据。"
            ) % {"title": evidence.title}
    return None


@rule(
    "LP-56",
    group="B",
    title=gettext_lazy("先行登记保存须经负责人批准（紧急时 24 小时内报告）"),
    citation=f"{art(PENALTY_LAW, 56)}；{art(MARKET_PROCEDURE, 33, 34, 35)}",
    kind=RuleKind.BLOCK,
    steps=("case.preserve_evidence",),
    period="7 WD",
)
def lp_56(ctx: Context) -> str | None:
    if not ctx.get("approved_by") and not ctx.get("emergency"):
        return _("先行登记保存证据须经行政机关负责人批准；情况紧急先行实施的，须勾选并在 24 小时内补报。")
    return None


@rule(
    "LP-56",
    group="B",
    title=gettext_lazy("先行登记保存 7 个工作日内未作处理决定的，自动解除"),
    citation=f"{art(PENALTY_LAW, 56)}；{art(MARKET_PROCEDURE, 35, paragraph=2)}",
    kind=RuleKind.WARN,
    steps=("case.preserve_evidence", "case.lapse_preservation"),
    period="7 WD",
)
def lp_56_lapsed(ctx: Context) -> str | None:
    due: dt.date | None = ctx.get("handling_due")
    if due is not None and ctx.today > due:
        return _("先行登记保存的证据（%(items)s）应于 %(due)s 前作出处理决定，逾期未处理，保存措施已自动解除。") % {
            "items": (ctx.get("items") or "").strip()[:40],
            "due": due,
        }
    return None


@rule(
    "MP-46",
    group="B",
    title=gettext_lazy("中止、终止调查须有法定事由并经负责人批准"),
    citation=art(MARKET_PROCEDURE, 46, 47),
    kind=RuleKind.REQUIRE,
    steps=("case.suspend", "case.terminate"),
)
def mp_46(ctx: Context) -> str | None:
    if not (ctx.get("ground") or "").strip():
        return _("终止调查须写明事由。") if ctx.step == "case.terminate" else _("中止调查须写明事由。")
    return None
