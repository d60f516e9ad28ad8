"""Bringing a case to a stage through the real actions (never by setting its status)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils import timezone

from tests.factories.cases import World
from zhifa.cases.actions import deciding, investigation, notice, registration, reporting
from zhifa.cases.models import Case, CaseDocument, Delivery
from zhifa.cases.penalty import Penalty

D = dt.date

# The walk-through case's calendar: 2025-07-10 is a Thursday, 2025-07-21 a Monday.
ACT_DAY = D(2025, 6, 20)
RECEIVED_DAY = D(2025, 6, 30)
REGISTERED_DAY = D(2025, 7, 1)
INVESTIGATED_DAY = D(2025, 7, 2)
REVIEWED_DAY = D(2025, 7, 8)
NOTICE_SERVED_DAY = D(2025, 7, 10)
DECIDED_DAY = D(2025, 7, 21)
DECISION_SERVED_DAY = D(2025, 7, 22)


def penalty(fine: str = "150000", **fields: Any) -> Penalty:
    return Penalty(
        kinds=tuple(fields.pop("kinds", ("fine",))),
        fine=Decimal(fine) if fine else None,
        illegal_gains=Decimal(0),
        correction=fields.pop("correction", "责令立即停止无证排污，限期办理排污许可证"),
        **fields,
    )


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def fresh(case: Case) -> Case:
    return Case.objects.get(pk=case.pk)


def registered(
    w: World,
    *,
    party: Any = None,
    act: dt.date = ACT_DAY,
    received: dt.date = RECEIVED_DAY,
    registered_on: dt.date = REGISTERED_DAY,
    **fields: Any,
) -> Case:
    lead = registration.receive_lead(
        by=w.users[0], agency=w.agency, source="inspection", received_on=received, summary="巡查发现无证排放废气"
    )
    case = registration.request_registration(
        lead,
        by=w.users[0],
        matter=w.matter,
        party=party or w.company,
        act_date=act,
        act_place="西湖区演示工业园1号",
        facts="当事人未取得排污许可证排放废气",
        handlers=w.officers,
        **fields,
    )
    return registration.approve_registration(
        case,
        by=w.head,
        expected_version=None,
        preliminary_evidence="现场检查发现排气筒正在排放",
        registered_on=registered_on,
    )


def investigated(w: World, case: Case | None = None, *, day: dt.date = INVESTIGATED_DAY) -> Case:
    case = case or registered(w)
    investigation.record_transcript(
        case,
        by=w.users[0],
        expected_version=None,
        kind="inspection",
        started_at=at(day),
        ended_at=at(day, 10),
        place="西湖区演示工业园1号",
        officers=w.officers,
        interviewee="赵六",
        content="现场检查情况……",
        credentials_shown=True,
        credential_numbers=["T1", "T2"],
        rights_notice_given=True,
        pages=2,
        signed_pages=2,
        av_reference="执法记录仪 2025-07-02-001",
    )
    investigation.add_evidence(
        case,
        by=w.users[0],
        expected_version=None,
        kind="record",
        title="现场检查笔录",
        source="现场检查",
        method="现场制作",
        collected_on=day,
        verified=True,
    )
    return fresh(case)


def reported(
    w: World, case: Case | None = None, *, fine: str = "150000", outcome: str = "penalty", **fields: Any
) -> Case:
    case = case or investigated(w)
    reporting.submit_report(
        case,
        by=w.users[0],
        expected_version=None,
        facts="当事人于2025年6月20日未取得排污许可证排放废气",
        outcome=outcome,
        penalty=fields.pop("penalty", None) or penalty(fine),
        discretion_reason="初次违法，积极整改",
        circumstances=fields.pop("circumstances", {}),
        **fields,
    )
    return fresh(case)


def reviewed(w: World, case: Case | None = None, *, day: dt.date = REVIEWED_DAY, **report: Any) -> Case:
    case = case or reported(w, **report)
    review = reporting.request_review(case, by=w.users[0], expected_version=None, reviewer=w.reviewer, received_on=day)
    reporting.record_review(
        review,
        by=w.reviewer,
        expected_version=None,
        result="passed",
        opinion="事实清楚，证据确凿，适用法律正确",
        reviewed_on=day,
        qualification_number="A20201100000001",
    )
    return fresh(case)


def notified(w: World, case: Case | None = None, *, served: dt.date = NOTICE_SERVED_DAY, **report: Any) -> Case:
    case = case or reviewed(w, **report)
    issued = notice.issue_notice(case, by=w.users[0], expected_version=None)
    deciding.deliver(
        issued.document, by=w.users[0], method="in_person", recipient="赵六", sent_on=served, served_on=served
    )
    return fresh(case)


def decided(w: World, case: Case | None = None, *, decided_on: dt.date = DECIDED_DAY, **report: Any) -> Case:
    case = case or notified(w, **report)
    deciding.issue_decision(
        case,
        by=w.head,
        expected_version=None,
        outcome="penalty",
        reasons="当事人的行为违反了……",
        decided_on=decided_on,
        statement_adoption="当事人未提出陈述申辩",
    )
    return fresh(case)


def served(w: World, case: Case | None = None, *, served_on: dt.date = DECISION_SERVED_DAY, **report: Any) -> Case:
    case = case or decided(w, **report)
    deciding.deliver(
        case.decision.document,
        by=w.users[0],
        method="in_person",
        recipient="赵六",
        sent_on=served_on,
        served_on=served_on,
    )
    return fresh(case)


def delivered_electronically(w: World, document: CaseDocument) -> Delivery:
    """The document sent to the party's electronic address, with the party's consent; not opened yet."""
    deciding.deliver(
        document,
        by=w.users[0],
        method="electronic",
        recipient="赵六",
        sent_on=DECISION_SERVED_DAY,
        consent_confirmed=True,
    )
    return document.deliveries.get()
