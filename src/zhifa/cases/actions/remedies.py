"""行政复议 and 行政诉讼 against a decision, as the deciding agency lives them (LEGAL-RULES §3.J, LR-23).

What the party's application or suit changes on the case: the party's own periods are used or
closed (复议法 第二十九条: no suit while a reconsideration runs, no reconsideration once a court
has a suit), and the agency's periods as respondent open: forwarding an application lodged
through it (LR-23), the written reply with evidence (LR-48), and the reconsideration body's
decision (LR-62), watched from the respondent's side. `execution.record_remedy` and
`execution.conclude_remedy` call the hooks here; the steps after filing are actions here.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zhifa.cases.actions.common import allowed, change, check, finish, lock
from zhifa.cases.actions.deadlines import cancel, meet, open_deadline, open_for
from zhifa.cases.choices import RemedyKind
from zhifa.cases.citations import LITIGATION_LAW, RECONSIDERATION_LAW, art
from zhifa.cases.models import Case, Remedy
from zhifa.cases.permissions import HANDLE_CASE
from zhifa.cases.rules.j_remedies import ORDINARY_DECISION_DAYS, SIMPLE_DECISION_DAYS
from zhifa.core.calendar.periods import Period
from zhifa.core.errors import InvalidInput

FORWARD = Period(5, "WD", article=art(RECONSIDERATION_LAW, 32))
REPLY = Period(10, "WD", article=art(RECONSIDERATION_LAW, 48))
SIMPLE_REPLY = Period(5, "WD", article=art(RECONSIDERATION_LAW, 54))
# The reconsideration body's own limit: an agency's deadline, watched without roll-over (LEGAL-RULES §2 (a)).
DECISION = Period(ORDINARY_DECISION_DAYS, "d", article=art(RECONSIDERATION_LAW, 62))
SIMPLE_DECISION = Period(SIMPLE_DECISION_DAYS, "d", article=art(RECONSIDERATION_LAW, 62, paragraph=2))
SUIT_AFTER_RECONSIDERATION = Period(15, "d", roll_over=True, article=art(LITIGATION_LAW, 45))


def pending_reconsideration(case: Case) -> Remedy:
    remedy = case.remedies.filter(kind=RemedyKind.RECONSIDERATION, concluded_on__isnull=True).order_by("-id").first()
    if remedy is None:
        raise InvalidInput(_("本案没有尚未审结的行政复议。"), code="wrong_stage")
    return remedy


def pending_remedy(case: Case) -> Remedy:
    remedy = case.remedies.filter(concluded_on__isnull=True).order_by("-id").first()
    if remedy is None:
        raise InvalidInput(_("本案没有尚未审结的行政复议或行政诉讼。"), code="wrong_stage")
    return remedy


def on_filed(
    case: Case,
    remedy: Remedy,
    *,
    lodged_with_agency: bool,
    accepted_on: dt.date | None,
    copy_received_on: dt.date | None,
    simple_procedure: bool,
) -> None:
    """The party used a remedy on `remedy.filed_on`."""
    if remedy.kind == RemedyKind.LITIGATION:
        meet(case, "LL-46", remedy.filed_on)
        meet(case, "SI-64", remedy.filed_on)
        cancel(case, "LR-20")  # 复议法 第二十九条第二款: no reconsideration once a court has the suit
        return
    meet(case, "LR-20", remedy.filed_on)
    cancel(case, "LL-46", "SI-64")  # 复议法 第二十九条第一款: no suit while the reconsideration runs
    if lodged_with_agency:
        open_deadline(
            case,
            "LR-23",
            starts_on=remedy.filed_on,
            period=FORWARD,
            label=_("转送行政复议申请（认为需要维持处罚决定的）"),
        )
    _track(case, accepted_on=accepted_on, copy_received_on=copy_received_on, simple_procedure=simple_procedure)


def _track(
    case: Case, *, accepted_on: dt.date | None, copy_received_on: dt.date | None, simple_procedure: bool
) -> None:
    """The reconsideration body accepted the application and sent the respondent its copy."""
    if accepted_on is not None:
        open_deadline(
            case,
            "LR-62",
            starts_on=accepted_on,
            period=SIMPLE_DECISION if simple_procedure else DECISION,
            label=_("复议机关作出行政复议决定"),
        )
    if copy_received_on is not None:
        open_deadline(
            case,
            "LR-48",
            starts_on=copy_received_on,
            period=SIMPLE_REPLY if simple_procedure else REPLY,
            label=_("向复议机关书面答复并提交证据、依据"),
        )


def on_concluded(case: Case, remedy: Remedy) -> None:
    """The reconsideration body decided (or the court ruled) on `remedy.concluded_on`."""
    if remedy.kind != RemedyKind.RECONSIDERATION or remedy.concluded_on is None:
        return
    meet(case, "LR-62", remedy.concluded_on)
    cancel(case, "LR-23", "LR-48")  # moot once the reconsideration is decided
    if remedy.decision_upheld is not False:
        # 行政诉讼法 第四十五条: a suit against the decision within 15 days of receiving the
        # reconsideration decision.
        open_deadline(
            case,
            "LL-46",
            starts_on=remedy.concluded_on,
            period=SUIT_AFTER_RECONSIDERATION,
            label=_("对行政复议决定不服提起行政诉讼期限"),
            binds_party=True,
        )


@transaction.atomic
def record_remedy_progress(
    case: Case,
    *,
    by: Any,
    expected_version: int | None,
    forwarded_on: dt.date | None = None,
    accepted_on: dt.date | None = None,
    copy_received_on: dt.date | None = None,
    simple_procedure: bool = False,
    extension_days: int | None = None,
    extension_notified_on: dt.date | None = None,
) -> Remedy:
    """The pending reconsideration moves on: the agency forwarded an application lodged through
    it (LR-23), the reconsideration body accepted it and sent the copy (LR-62, LR-48), or
    extended its time limit (LR-62)."""
    case = lock(case, expected_version)
    allowed(by, HANDLE_CASE, case)
    remedy = pending_reconsideration(case)
    if not any((forwarded_on, accepted_on, copy_received_on, extension_days)):
        raise InvalidInput(_("请至少登记一项复议进展。"), code="nothing_to_record")
    warnings = check(
        "case.remedy_progress",
        case,
        by,
        extension_days=extension_days,
        extension_notified_on=extension_notified_on,
    )
    if forwarded_on is not None:
        meet(case, "LR-23", forwarded_on)
    _track(case, accepted_on=accepted_on, copy_received_on=copy_received_on, simple_procedure=simple_procedure)
    if extension_days:
        _extend(case, extension_days)
    change(case)
    payload = {
        "forwarded_on": forwarded_on,
        "accepted_on": accepted_on,
        "copy_received_on": copy_received_on,
        "simple_procedure": simple_procedure,
        "extension_days": extension_days,
        "extension_notified_on": extension_notified_on,
    }
    finish(case, "remedy.progress", by=by, payload={k: v for k, v in payload.items() if v}, warnings=warnings)
    return remedy


def _extend(case: Case, days: int) -> None:
    deadline = open_for(case, "LR-62")
    if deadline is None:
        raise InvalidInput(_("须先登记复议机关受理的日期。"), fields={"accepted_on": [_("必填。")]})
    period = Period(ORDINARY_DECISION_DAYS + days, "d", article=DECISION.article)
    open_deadline(
        case, "LR-62", starts_on=deadline.starts_on, period=period, label=_("复议机关作出行政复议决定（已延长）")
    )


@transaction.atomic
def reply_to_reconsideration(
    case: Case, *, by: Any, expected_version: int | None, replied_on: dt.date, evidence_submitted: bool
) -> Remedy:
    """The respondent's written reply, with the evidence and basis of the decision (复议法 第四十八条)."""
    case = lock(case, expected_version)
    allowed(by, HANDLE_CASE, case)
    remedy = pending_reconsideration(case)
    if open_for(case, "LR-48") is None:
        raise InvalidInput(_("须先登记收到行政复议申请书副本的日期。"), code="wrong_stage")
    warnings = check(
        "case.reply_reconsideration", case, by, replied_on=replied_on, evidence_submitted=evidence_submitted
    )
    meet(case, "LR-48", replied_on)
    change(case)
    finish(case, "remedy.replied", by=by, payload={"replied_on": replied_on}, warnings=warnings)
    return remedy
