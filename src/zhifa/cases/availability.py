"""Which steps a user can take on a case now, and for each one that is not possible, why.

The UI shows a step that the law does not yet allow together with the rule that stops it,
rather than hiding it: the same rules the action would enforce are evaluated on a preview of
the input (the report's penalty, today's date).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from zhifa.cases.choices import Procedure
from zhifa.cases.models import Case
from zhifa.cases.penalty import Penalty
from zhifa.cases.rules import Context, evaluate
from zhifa.cases.rules.d_notice import qualifies_for_hearing
from zhifa.cases.selectors import latest_report
from zhifa.cases.steps import STEPS, Step
from zhifa.core.calendar.periods import CalendarMissing
from zhifa.orgs.policy import decide

# Once a remedy is pending: its progress, the respondent's reply and the result (LEGAL-RULES §3.J).
REMEDY_STEPS = {"remedy_progress", "reply_reconsideration", "conclude_remedy"}
SUMMARY_STEPS = {"file_summary", "record_payment", "record_remedy", "archive", "deliver"} | REMEDY_STEPS
SUMMARY_ONLY = {"file_summary"}  # 备案 is for on-the-spot decisions (行政处罚法 第五十二条)


@dataclass
class Option:
    step: Step
    allowed: bool
    reasons: list[str] = field(default_factory=list)

    @property
    def code(self) -> str:
        return self.step.code


def _preview(case: Case, step: Step) -> dict[str, Any]:
    report = latest_report(case)
    penalty = Penalty.from_json(report.penalty) if report else Penalty()
    data: dict[str, Any] = {"decided_on": timezone.localdate(), "today": timezone.localdate()}
    if step.code == "issue_decision":
        data.update(
            outcome=report.outcome if report else "penalty",
            penalty=penalty,
            reasons="-",
            circumstances=report.circumstances if report else {},
        )
    elif step.code == "issue_notice":
        data.update(penalty=penalty, hearing_clause=qualifies_for_hearing(case, penalty))
    elif step.code == "approve_registration":
        data.update(preliminary_evidence="-", registered_on=timezone.localdate())
    return data


def _rule_reasons(case: Case, step: Step, user: Any) -> list[str]:
    if not step.rule_step or step.code not in {"issue_decision", "issue_notice", "approve_registration", "close"}:
        return []
    context = Context(step=step.rule_step, case=case, data=_preview(case, step), by=user)
    try:
        findings = evaluate(step.rule_step, context)
    except CalendarMissing as missing:
        # A rule needs a year whose holidays are not loaded (DC-6): say so, the page still shows.
        return [f"{missing.rule}：{missing.message}"]
    return [f"{f.rule.id}：{f.message}" for f in findings if f.blocking]


def options(case: Case, user: Any) -> list[Option]:
    found = []
    remedy_pending = cache(lambda: case.remedies.filter(concluded_on__isnull=True).exists())  # asked at most once
    for step in STEPS:
        if case.procedure == Procedure.SUMMARY and step.code not in SUMMARY_STEPS:
            continue
        if case.procedure != Procedure.SUMMARY and step.code in SUMMARY_ONLY:
            continue
        if case.status not in step.statuses or step.code == "deliver":
            continue
        if step.code in REMEDY_STEPS and not remedy_pending():
            continue
        decision = decide(user, step.perm, case)
        reasons = [] if decision.allowed else [decision.reason]
        if decision.allowed:
            reasons = _rule_reasons(case, step, user)
        found.append(Option(step, not reasons, reasons))
    found.sort(key=lambda o: (not o.step.primary, not o.allowed))
    return found


def undelivered(case: Case) -> list[Any]:
    """Documents that must be served on the party and have not been yet."""
    must = {"prior_notice", "penalty_decision", "no_penalty_decision", "hearing_notice", "enforcement_reminder"}
    return [d for d in case.documents.filter(code__in=must) if not d.deliveries.exists()]


def waiting_reason(case: Case) -> str:
    """A plain sentence on what the case waits for, shown above the steps."""
    if case.status == "notified":
        return _("已送达告知书：等待当事人陈述、申辩或申请听证，期满后可作出决定。")
    if case.status == "in_review":
        return _("已送审：等待审核人员填写审核意见。")
    return ""
