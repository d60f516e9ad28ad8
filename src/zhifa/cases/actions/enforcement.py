"""中止执行 and 恢复执行 (行政强制法 第三十九条), and the watch on day 31 of the surcharge from
which a money obligation may be enforced (第四十六条)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zhifa.cases.actions.common import allowed, change, finish, lock, require_status
from zhifa.cases.actions.deadlines import cancel, latest, meet, open_deadline, open_for
from zhifa.cases.choices import CaseStatus, DeadlineState
from zhifa.cases.citations import COMPULSION_LAW, art
from zhifa.cases.models import Case, Deadline
from zhifa.cases.penalty import Penalty
from zhifa.cases.permissions import APPROVE_CASE
from zhifa.cases.rules.i_enforcement import SURCHARGE_DAYS, enforcement_suspension
from zhifa.cases.surcharge import nth_late_day, remedy_pauses, surcharge_began
from zhifa.core.calendar.periods import Period
from zhifa.core.errors import Conflict, InvalidInput

SURCHARGE_RUN = Period(SURCHARGE_DAYS, "d", article=art(COMPULSION_LAW, 46))
SUSPENSION_LIMIT = Period(3, "y", article=art(COMPULSION_LAW, 39))


@transaction.atomic
def suspend_enforcement(
    case: Case, *, by: Any, expected_version: int | None, ground: str, started_on: dt.date
) -> Deadline:
    """中止执行 (行政强制法 第三十九条) on one of its grounds; no enforcement meanwhile. The open
    LE-39 deadline is the suspension: after three years without resumption, where there is no
    obvious social harm and the party truly cannot perform, the agency no longer enforces."""
    case = lock(case, expected_version)
    allowed(by, APPROVE_CASE, case)
    require_status(case, CaseStatus.EXECUTING)
    if not ground.strip():
        raise InvalidInput(_("请写明中止执行的理由。"), fields={"ground": [_("必填。")]})
    current = enforcement_suspension(case)
    if current is not None:
        raise Conflict(
            _("执行已于 %(since)s 中止，尚未恢复。") % {"since": current.starts_on}, code="already_suspended"
        )
    watch = open_deadline(
        case,
        "LE-39",
        starts_on=started_on,
        period=SUSPENSION_LIMIT,
        label=_("中止执行满三年（无明显社会危害、当事人确无能力履行的，不再执行）"),
    )
    change(case)
    finish(case, "enforcement.suspended", by=by, payload={"ground": ground.strip(), "started_on": started_on})
    return watch


@transaction.atomic
def resume_enforcement(case: Case, *, by: Any, expected_version: int | None, resumed_on: dt.date) -> Case:
    """恢复执行 once the ground of the suspension is gone (行政强制法 第三十九条第二款)."""
    case = lock(case, expected_version)
    allowed(by, APPROVE_CASE, case)
    require_status(case, CaseStatus.EXECUTING)
    current = enforcement_suspension(case)
    if current is None:
        raise InvalidInput(_("执行未中止，无须恢复。"), code="not_suspended")
    if resumed_on < current.starts_on:
        raise InvalidInput(_("恢复日期不能早于中止日期。"), fields={"resumed_on": [_("早于中止日期。")]})
    meet(case, "LE-39", resumed_on)
    change(case)
    finish(case, "enforcement.resumed", by=by, payload={"resumed_on": resumed_on, "since": current.starts_on})
    return case


def watch_surcharge_run(case: Case) -> None:
    """LE-46: once a 催告 is served, watch day 31 of the surcharge, from which a money obligation
    may be enforced (or the court applied to, 行政强制法 第四十六条). The days a reconsideration or
    suit is pending do not count; while one is pending there is no such day yet."""
    payment = open_for(case, "LP-67b")
    decision = getattr(case, "decision", None)
    fine = Penalty.from_json(decision.penalty if decision else {}).fine
    if payment is None or not fine or not case.reminders.exists():
        return
    last = latest(case, "LE-46")
    if last is not None and last.state == DeadlineState.MET:
        return  # already enforced, or applied to the court for
    day = nth_late_day(payment.due, SURCHARGE_DAYS + 1, remedy_pauses(case))
    current = open_for(case, "LE-46")
    if day is None:
        cancel(case, "LE-46")
    elif current is None or current.due != day:
        began = surcharge_began(payment.due)
        watch = open_deadline(
            case,
            "LE-46",
            starts_on=began,
            period=SURCHARGE_RUN,
            label=_("加处罚款满三十日（经催告仍不履行的，可强制执行）"),
        )
        if watch.due != day:  # days paused by a remedy move the day on
            Deadline.objects.filter(pk=watch.pk, state=DeadlineState.OPEN).update(due=day)
