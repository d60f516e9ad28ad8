"""Bringing a case to a stage through the API, as a client would (never by writing rows).

Dates follow the walk-through of tests/cases/flow.py: violation 2025-06-20, lead 06-30,
registered Tue 07-01, investigated 07-02, reviewed 07-08, notice served Thu 07-10 (its five
working days end Thu 07-17), decided Mon 07-21, decision served 07-22.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from tests.cases.flow import (
    ACT_DAY,
    DECIDED_DAY,
    DECISION_SERVED_DAY,
    INVESTIGATED_DAY,
    NOTICE_SERVED_DAY,
    RECEIVED_DAY,
    REGISTERED_DAY,
    REVIEWED_DAY,
)
from tests.factories.cases import World
from tests.scenarios.api import Api, document


@dataclass
class Walk:
    """A world and one API client per role."""

    w: World
    officer: Api = field(init=False)
    colleague: Api = field(init=False)
    head: Api = field(init=False)
    reviewer: Api = field(init=False)

    def __post_init__(self) -> None:
        self.officer = Api(self.w.users[0])
        self.colleague = Api(self.w.users[1])
        self.head = Api(self.w.head)
        self.reviewer = Api(self.w.reviewer)

    # --- stages ---------------------------------------------------------------------------------

    def lead(self, *, received_on: dt.date = RECEIVED_DAY, **body: Any) -> dict[str, Any]:
        fields = {"source": "inspection", "received_on": received_on, "summary": "巡查发现无证排放废气", **body}
        return self.officer.ok("/leads", **fields)

    def proposed(
        self,
        *,
        party: Any = None,
        act_date: dt.date = ACT_DAY,
        received_on: dt.date = RECEIVED_DAY,
        handlers: list[Any] | None = None,
        **body: Any,
    ) -> dict[str, Any]:
        lead = self.lead(received_on=received_on)
        party = party or self.w.company
        # A party on file is named by its identity number, as the officer reads it off the licence
        # or the ID card: that finds it whichever agency registered it.
        named = {"party_id_number": party.id_number} if party.id_number else {"party": party.pk}
        fields = {
            **named,
            "matter": self.w.matter.pk,
            "act_date": act_date,
            "act_place": "西湖区演示工业园1号",
            "facts": "当事人未取得排污许可证排放废气",
            "handlers": [o.pk for o in (handlers if handlers is not None else self.w.officers)],
            **body,
        }
        return self.officer.ok(f"/leads/{lead['id']}/registration", **fields)

    def registered(self, *, registered_on: dt.date = REGISTERED_DAY, **body: Any) -> dict[str, Any]:
        case = self.proposed(**body)
        return self.head.step(
            case["id"],
            "approve_registration",
            registered_on=registered_on,
            preliminary_evidence="现场检查发现排气筒正在排放",
        )

    def investigated(self, case: dict[str, Any] | None = None, *, day: dt.date = INVESTIGATED_DAY) -> dict[str, Any]:
        case = case or self.registered()
        self.officer.step(
            case["id"],
            "record_transcript",
            kind="inspection",
            started_at=f"{day}T09:00:00+08:00",
            ended_at=f"{day}T10:00:00+08:00",
            place="西湖区演示工业园1号",
            officers=[o.pk for o in self.w.officers],
            interviewee="赵六",
            content="现场检查情况：排气筒正在排放废气，当事人未能出示排污许可证。",
            credentials_shown=True,
            rights_notice_given=True,
            pages=2,
            signed_pages=2,
            av_reference="执法记录仪 2025-07-02-001",
        )
        return self.officer.step(
            case["id"],
            "add_evidence",
            kind="record",
            title="现场检查笔录",
            source="现场检查",
            method="现场制作",
            collected_on=day,
            verified=True,
            lawful=True,
        )

    def reported(
        self,
        case: dict[str, Any] | None = None,
        *,
        fine: str = "150000",
        outcome: str = "penalty",
        kinds: tuple[str, ...] = ("fine",),
        **body: Any,
    ) -> dict[str, Any]:
        case = case or self.investigated()
        fields = {
            "facts": "当事人于2025年6月20日未取得排污许可证排放废气",
            "outcome": outcome,
            "kinds": list(kinds),
            "fine": fine or None,
            "illegal_gains": "0",
            "correction": "责令立即停止无证排污，限期办理排污许可证",
            "discretion_reason": "初次违法，积极整改",
            **body,
        }
        return self.officer.step(case["id"], "submit_report", **fields)

    def reviewed(
        self, case: dict[str, Any] | None = None, *, day: dt.date = REVIEWED_DAY, **report: Any
    ) -> dict[str, Any]:
        case = case or self.reported(**report)
        self.officer.step(case["id"], "request_review", reviewer=self.w.reviewer.pk, received_on=day)
        return self.reviewer.step(
            case["id"],
            "record_review",
            result="passed",
            opinion="事实清楚，证据确凿，适用法律正确，程序合法，裁量适当。",
            reviewed_on=day,
            qualification_number="A20201100000001",
        )

    def notified(
        self, case: dict[str, Any] | None = None, *, served: dt.date = NOTICE_SERVED_DAY, **report: Any
    ) -> dict[str, Any]:
        case = case or self.reviewed(**report)
        case = self.officer.step(case["id"], "issue_notice")
        return self.deliver(case, "prior_notice", served)

    def deliver(self, case: dict[str, Any], code: str, served: dt.date, **body: Any) -> dict[str, Any]:
        fields = {
            "document": document(case, code)["id"],
            "method": "in_person",
            "recipient": "赵六",
            "sent_on": served,
            "served_on": served,
            **body,
        }
        return self.officer.step(case["id"], "deliver", **fields)

    def decided(
        self, case: dict[str, Any] | None = None, *, decided_on: dt.date = DECIDED_DAY, **body: Any
    ) -> dict[str, Any]:
        case = case or self.notified()
        fields = {
            "outcome": "penalty",
            "kinds": ["fine"],
            "fine": "150000",
            "illegal_gains": "0",
            "correction": "责令立即停止无证排污，限期办理排污许可证",
            "reasons": "当事人的行为违反了《中华人民共和国大气污染防治法》第十九条的规定。",
            "statement_adoption": "当事人未在期限内提出陈述、申辩。",
            "decided_on": decided_on,
            "publish": True,
            **body,
        }
        return self.head.step(case["id"], "issue_decision", **fields)

    def served(
        self, case: dict[str, Any] | None = None, *, served_on: dt.date = DECISION_SERVED_DAY, **decision: Any
    ) -> dict[str, Any]:
        case = case or self.decided(**decision)
        return self.deliver(case, "penalty_decision", served_on)
