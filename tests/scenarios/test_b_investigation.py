"""Group B through the JSON API: officers and credentials (LP-42), records (LP-55, LP-47),
recusal (LP-43), evidence (LP-46, LP-41), preservation (LP-56) and suspension (MP-46)."""

# Test names carry the rule id as written in LEGAL-RULES.md (LP-22 → test_LP_22_…).
# ruff: noqa: N802

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
import time_machine
from django.core.management import call_command

from tests.factories.cases import officer
from tests.scenarios.api import Api, deadline, document_text, warned
from tests.scenarios.walk import Walk
from zhifa.cases.actions import investigation
from zhifa.cases.actions.investigation import lapse_overdue_preservations
from zhifa.core.errors import RuleViolation

pytestmark = pytest.mark.django_db
D = dt.date
BEIJING = dt.timezone(dt.timedelta(hours=8))
INSPECTION_DAY = D(2025, 7, 2)


# --- helpers ------------------------------------------------------------------------------------


def transcript(w: Any, day: dt.date = INSPECTION_DAY, **body: Any) -> dict[str, Any]:
    """A 现场笔录 by both handlers, complete unless `body` says otherwise."""
    return {
        "kind": "inspection",
        "started_at": f"{day}T09:00:00+08:00",
        "ended_at": f"{day}T10:00:00+08:00",
        "place": "西湖区演示工业园1号",
        "officers": [o.pk for o in w.officers],
        "interviewee": "赵六",
        "content": "现场检查情况：排气筒正在排放废气，当事人未能出示排污许可证。",
        "credentials_shown": True,
        "rights_notice_given": True,
        "pages": 2,
        "signed_pages": 2,
        "av_reference": "执法记录仪 2025-07-02-001",
        **body,
    }


def evidence(**body: Any) -> dict[str, Any]:
    return {
        "kind": "record",
        "title": "现场检查笔录",
        "source": "现场检查",
        "method": "现场制作",
        "collected_on": D(2025, 7, 2),
        "verified": True,
        "lawful": True,
        **body,
    }


def report(**body: Any) -> dict[str, Any]:
    return {
        "facts": "当事人于2025年6月20日未取得排污许可证排放废气",
        "outcome": "penalty",
        "kinds": ["fine"],
        "fine": "150000",
        "illegal_gains": "0",
        "correction": "责令立即停止无证排污，限期办理排污许可证",
        "discretion_reason": "初次违法，积极整改",
        **body,
    }


def decision(**body: Any) -> dict[str, Any]:
    return {
        "outcome": "penalty",
        "kinds": ["fine"],
        "fine": "150000",
        "illegal_gains": "0",
        "correction": "责令立即停止无证排污，限期办理排污许可证",
        "reasons": "当事人的行为违反了《中华人民共和国大气污染防治法》第十九条的规定。",
        "statement_adoption": "当事人未在期限内提出陈述、申辩。",
        "decided_on": D(2025, 7, 21),
        "publish": True,
        **body,
    }


def unchanged(api: Api, case: dict[str, Any]) -> dict[str, Any]:
    after = api.case(case["id"])
    assert after["version"] == case["version"]
    assert after["status"] == case["status"]
    return after


def timeline_kinds(api: Api, case: dict[str, Any]) -> list[str]:
    return [e["kind"] for e in api.get(f"/cases/{case['id']}/timeline").body]


# --- LP-42 two certified officers ---------------------------------------------------------------


def test_LP_42_record_signed_by_one_officer_is_refused(walk):
    w = walk.w
    case = walk.registered()
    error = walk.officer.refused(case["id"], "record_transcript", "LP-42", **transcript(w, officers=[w.officers[0].pk]))
    assert "第四十二条" in error["citation"]
    assert "两人" in error["message"]
    unchanged(walk.officer, case)
    assert "transcript.recorded" not in timeline_kinds(walk.officer, case)


def test_LP_42_record_by_an_officer_whose_credential_expired_the_day_before_is_refused(walk):
    w = walk.w
    expired = officer(w.agency, "赵强", valid=(D(2024, 1, 1), D(2025, 6, 30)))
    case = walk.registered()
    body = transcript(w, day=D(2025, 7, 1), officers=[w.officers[0].pk, expired.pk])
    error = walk.officer.refused(case["id"], "record_transcript", "LP-42", **body)
    assert "赵强" in error["message"]
    assert "2025-07-01" in error["message"]
    unchanged(walk.officer, case)


def test_LP_42_record_on_the_last_day_of_a_credential_is_allowed(walk):
    w = walk.w
    expiring = officer(w.agency, "赵强", valid=(D(2024, 1, 1), D(2025, 7, 1)))
    case = walk.registered()
    body = transcript(w, day=D(2025, 7, 1), officers=[w.officers[0].pk, expiring.pk])
    after = walk.officer.step(case["id"], "record_transcript", **body)
    assert after["version"] > case["version"]
    assert "transcript.recorded" in timeline_kinds(walk.officer, case)


def test_LP_42_decision_with_a_handler_whose_credential_expired_is_refused(walk):
    w = walk.w
    short = officer(w.agency, "赵强", valid=(D(2024, 1, 1), D(2025, 7, 20)))
    case = walk.notified(
        walk.reviewed(walk.reported(walk.investigated(walk.registered(handlers=[w.officers[0], short]))))
    )
    error = walk.head.refused(case["id"], "issue_decision", "LP-42", **decision(decided_on=D(2025, 7, 21)))
    assert "赵强" in error["message"]
    unchanged(walk.head, case)


# --- LP-55 credentials shown, records, signatures -----------------------------------------------


def test_LP_55_three_page_record_with_two_signatures_and_no_refusal_note_is_refused(walk):
    w = walk.w
    case = walk.registered()
    body = transcript(w, kind="inquiry", pages=3, signed_pages=2, av_reference="")
    error = walk.officer.refused(case["id"], "record_transcript", "LP-55", **body)
    assert "第五十五条" in error["citation"]
    assert "共 3 页" in error["message"]
    assert "仅 2 页" in error["message"]
    unchanged(walk.officer, case)


def test_LP_55_unsigned_page_with_refusal_note_and_recording_is_allowed(walk):
    w = walk.w
    case = walk.registered()
    body = transcript(
        w,
        kind="inquiry",
        pages=3,
        signed_pages=2,
        refusal_note="被询问人拒绝在第3页签名",
        av_reference="执法记录仪-0702-02",
    )
    after = walk.officer.step(case["id"], "record_transcript", **body)
    assert after["version"] > case["version"]


def test_LP_55_record_without_credentials_shown_is_refused(walk):
    w = walk.w
    case = walk.registered()
    error = walk.officer.refused(case["id"], "record_transcript", "LP-55", **transcript(w, credentials_shown=False))
    assert "证件" in error["message"]
    unchanged(walk.officer, case)


def test_LP_55_first_record_without_the_rights_notice_is_refused_later_ones_are_not(walk):
    w = walk.w
    case = walk.registered()
    error = walk.officer.refused(case["id"], "record_transcript", "LP-55", **transcript(w, rights_notice_given=False))
    assert "回避" in error["message"]
    unchanged(walk.officer, case)
    walk.officer.step(case["id"], "record_transcript", **transcript(w))
    second = transcript(w, day=D(2025, 7, 3), kind="inquiry", rights_notice_given=False)
    after = walk.officer.step(case["id"], "record_transcript", **second)
    assert timeline_kinds(walk.officer, after).count("transcript.recorded") == 2


# --- LP-47 full-process record ------------------------------------------------------------------


def test_LP_47_inspection_without_photos_or_video_is_saved_with_a_warning(walk):
    w = walk.w
    case = walk.registered()
    after = walk.officer.step(case["id"], "record_transcript", **transcript(w, av_reference=""))
    assert after["version"] > case["version"]
    found = [x for x in after["warnings"] if x["rule"] == "LP-47"]
    assert found
    assert "现场笔录" in found[0]["message"]
    assert "第四十七条" in found[0]["citation"]


def test_LP_47_inspection_with_a_recording_raises_no_warning(walk):
    case = walk.registered()
    after = walk.officer.step(case["id"], "record_transcript", **transcript(walk.w))
    assert not warned(after, "LP-47")


# --- LP-43 recusal ------------------------------------------------------------------------------


def _apply_recusal(walk: Walk, case: dict[str, Any]) -> int:
    """The party's application for 李娜's recusal, recorded by the officer; returns its id."""
    walk.officer.step(
        case["id"],
        "apply_recusal",
        officer=walk.w.officers[1].pk,
        reason="当事人称承办人李娜与其法定代表人系亲属",
        applied_on=D(2025, 7, 7),
    )
    applied = [e for e in walk.officer.get(f"/cases/{case['id']}/timeline").body if e["kind"] == "recusal.applied"]
    return applied[-1]["payload"]["recusal"]


def test_LP_43_notice_issued_while_a_recusal_application_is_undecided_is_warned(walk):
    case = walk.reviewed()
    _apply_recusal(walk, case)
    after = walk.officer.step(case["id"], "issue_notice")
    assert any(d["code"] == "prior_notice" for d in after["documents"])
    found = [x for x in after["warnings"] if x["rule"] == "LP-43"]
    assert found
    assert "回避" in found[0]["message"]
    assert "第四十三条" in found[0]["citation"]


def test_LP_43_notice_after_the_head_decided_the_recusal_is_not_warned(walk):
    case = walk.reviewed()
    recusal = _apply_recusal(walk, case)
    walk.head.step(case["id"], "decide_recusal", recusal=recusal, granted=False, decided_on=D(2025, 7, 8))
    after = walk.officer.step(case["id"], "issue_notice")
    assert not warned(after, "LP-43")


def test_LP_43_recusal_application_and_decision_are_recorded_through_the_api(walk):
    case = walk.reviewed()
    reply = walk.officer.post(
        f"/cases/{case['id']}/apply_recusal", officer=walk.w.officers[1].pk, reason="亲属关系", applied_on=D(2025, 7, 7)
    )
    assert reply.status == 200, reply.body
    after = walk.officer.step(case["id"], "issue_notice")
    assert warned(after, "LP-43")


def test_LP_43_only_the_head_decides_and_a_granted_recusal_takes_the_officer_off_the_case(walk):
    case = walk.reviewed()
    recusal = _apply_recusal(walk, case)
    reply = walk.officer.post(
        f"/cases/{case['id']}/decide_recusal", recusal=recusal, granted=True, decided_on=D(2025, 7, 8)
    )
    assert reply.status == 403, reply.body
    after = walk.head.step(case["id"], "decide_recusal", recusal=recusal, granted=True, decided_on=D(2025, 7, 8))
    withdrawn = next(h for h in after["handlers"] if h["officer_id"] == walk.w.officers[1].pk)
    assert withdrawn["active"] is False
    assert "recusal.decided" in timeline_kinds(walk.head, after)


def test_LP_43_recusal_of_an_officer_who_is_not_on_the_case_is_refused(walk):
    case = walk.reviewed()
    reply = walk.officer.post(
        f"/cases/{case['id']}/apply_recusal", officer=walk.w.chair.pk, reason="亲属关系", applied_on=D(2025, 7, 7)
    )
    assert reply.status == 422, reply.body
    unchanged(walk.officer, case)


# --- LP-46 evidence verified and lawfully obtained ---------------------------------------------


def test_LP_46_report_resting_on_an_unlawfully_obtained_recording_is_refused(walk):
    case = walk.investigated()
    walk.officer.step(
        case["id"],
        "add_evidence",
        **evidence(kind="audiovisual", title="偷录的谈话录音", source="私自录音", method="偷录", lawful=False),
    )
    case = walk.officer.case(case["id"])
    error = walk.officer.refused(case["id"], "submit_report", "LP-46", **report())
    assert "偷录的谈话录音" in error["message"]
    assert "第四十六条" in error["citation"]
    unchanged(walk.officer, case)


def test_LP_46_report_resting_on_unverified_evidence_is_refused(walk):
    case = walk.investigated()
    walk.officer.step(case["id"], "add_evidence", **evidence(kind="witness", title="证人证言", verified=False))
    case = walk.officer.case(case["id"])
    walk.officer.refused(case["id"], "submit_report", "LP-46", **report())
    unchanged(walk.officer, case)


def test_LP_46_report_on_verified_lawful_evidence_is_accepted(walk):
    case = walk.reported()
    assert case["status"] == "reported"


def test_LP_46_decision_citing_an_unlawful_exhibit_added_after_review_is_refused(walk):
    case = walk.reviewed()
    walk.officer.step(case["id"], "add_evidence", **evidence(kind="audiovisual", title="偷录的谈话录音", lawful=False))
    case = walk.notified(walk.officer.case(case["id"]))
    error = walk.head.refused(case["id"], "issue_decision", "LP-46", **decision())
    assert "偷录的谈话录音" in error["message"]
    unchanged(walk.head, case)


def test_LP_46_report_resting_only_on_lawful_evidence_is_not_blocked_by_an_excluded_exhibit(walk):
    case = walk.investigated()
    walk.officer.step(case["id"], "add_evidence", **evidence(kind="audiovisual", title="偷录的谈话录音", lawful=False))
    added = [
        e["payload"] for e in walk.officer.get(f"/cases/{case['id']}/timeline").body if e["kind"] == "evidence.added"
    ]
    lawful = [p["evidence"] for p in added if p["title"] != "偷录的谈话录音"]
    after = walk.officer.step(case["id"], "submit_report", **report(evidence_ids=lawful))
    assert after["status"] == "reported"


# --- LP-41 electronic monitoring devices ----------------------------------------------------------


def test_LP_41_device_record_from_an_unpublished_location_is_refused_as_evidence(walk):
    case = walk.investigated()
    walk.officer.step(
        case["id"],
        "add_evidence",
        **evidence(
            kind="electronic",
            title="在线监测设备超标记录",
            source="在线监测设备",
            method="调取",
            from_device=True,
            device_reviewed=True,
            device_location_published=False,
            record_reviewed=True,
        ),
    )
    case = walk.officer.case(case["id"])
    error = walk.officer.refused(case["id"], "submit_report", "LP-41", **report())
    assert "在线监测设备超标记录" in error["message"]
    assert "第四十一条" in error["citation"]
    unchanged(walk.officer, case)


def test_LP_41_device_record_without_record_review_is_refused(walk):
    case = walk.investigated()
    walk.officer.step(
        case["id"],
        "add_evidence",
        **evidence(
            kind="electronic",
            title="在线监测设备超标记录",
            from_device=True,
            device_reviewed=True,
            device_location_published=True,
            record_reviewed=False,
        ),
    )
    case = walk.officer.case(case["id"])
    walk.officer.refused(case["id"], "submit_report", "LP-41", **report())


def test_LP_41_reviewed_device_at_a_published_location_is_usable(walk):
    case = walk.investigated()
    walk.officer.step(
        case["id"],
        "add_evidence",
        **evidence(
            kind="electronic",
            title="在线监测设备超标记录",
            from_device=True,
            device_reviewed=True,
            device_location_published=True,
            record_reviewed=True,
        ),
    )
    after = walk.officer.step(case["id"], "submit_report", **report())
    assert after["status"] == "reported"


# --- LP-56 evidence preservation ------------------------------------------------------------------


def test_LP_56_preservation_without_head_approval_is_refused(walk):
    case = walk.registered()
    error = walk.officer.refused(
        case["id"],
        "preserve_evidence",
        "LP-56",
        items="废气处理设备运行记录 1 册",
        preserved_at="2025-07-01T10:00:00+08:00",
    )
    assert "批准" in error["message"]
    unchanged(walk.officer, case)


def test_LP_56_approved_preservation_must_be_handled_within_seven_working_days(walk):
    case = walk.registered()
    after = walk.officer.step(
        case["id"],
        "preserve_evidence",
        items="废气处理设备运行记录 1 册",
        preserved_at="2025-07-01T10:00:00+08:00",
        approved_by=walk.w.head.pk,
    )
    assert deadline(after, "LP-56")["due"] == "2025-07-10"  # Tue 07-01 + 7 WD = Thu 07-10


def test_LP_56_unhandled_preservation_lapses_with_a_warning(walk):
    case = walk.registered()
    walk.officer.step(
        case["id"],
        "preserve_evidence",
        items="废气处理设备运行记录 1 册",
        preserved_at="2025-07-01T10:00:00+08:00",
        approved_by=walk.w.head.pk,
    )
    after = walk.officer.case(case["id"])
    assert warned(after, "LP-56")


def test_LP_56_rule_and_period_hold_at_the_action(walk):
    """The action behind the step: refused without approval, due 7 WD later."""
    from zhifa.cases.models import Case

    case = walk.registered()
    row = Case.objects.get(pk=case["id"])
    at = dt.datetime(2025, 7, 1, 10, tzinfo=BEIJING)
    with pytest.raises(RuleViolation) as refused:
        investigation.preserve_evidence(
            row, by=walk.w.users[0], expected_version=None, items="运行记录", preserved_at=at
        )
    assert refused.value.rule == "LP-56"
    investigation.preserve_evidence(
        row, by=walk.w.users[0], expected_version=None, items="运行记录", preserved_at=at, approved_by=walk.w.head
    )
    assert deadline(walk.officer.case(case["id"]), "LP-56")["due"] == "2025-07-10"


def test_LP_56_emergency_preservation_needs_a_report_within_24_hours_at_the_action(walk):
    """Without approval only in an emergency, reported to the head within 24 hours (at the action)."""
    from zhifa.cases.models import Case

    case = walk.registered()
    at = dt.datetime(2025, 7, 1, 10, tzinfo=BEIJING)
    investigation.preserve_evidence(
        Case.objects.get(pk=case["id"]),
        by=walk.w.users[0],
        expected_version=None,
        items="运行记录",
        preserved_at=at,
        emergency=True,
    )
    dues = {(d["due"], d["due_at"]) for d in walk.officer.case(case["id"])["deadlines"] if d["rule"] == "LP-56"}
    assert ("2025-07-10", None) in dues
    assert any(due == "2025-07-02" and due_at and due_at.startswith("2025-07-02T10:00") for due, due_at in dues), dues


def _preserve_now(walk: Walk, case: dict[str, Any], at: dt.datetime) -> dict[str, Any]:
    """A preservation recorded on the day it is made (the clock stands at `at`)."""
    with time_machine.travel(at, tick=False):
        return walk.officer.step(
            case["id"],
            "preserve_evidence",
            items="废气处理设备运行记录 1 册",
            preserved_at=at.isoformat(),
            approved_by=walk.w.head.pk,
        )


def test_LP_56_preservation_handled_within_seven_working_days_meets_the_deadline(walk):
    case = walk.registered()
    at = dt.datetime(2025, 7, 1, 10, tzinfo=BEIJING)
    after = _preserve_now(walk, case, at)
    assert not warned(after, "LP-56")
    preserved = [e for e in walk.officer.get(f"/cases/{case['id']}/timeline").body if e["kind"] == "evidence.preserved"]
    with time_machine.travel(dt.datetime(2025, 7, 10, 16, tzinfo=BEIJING), tick=False):
        after = walk.officer.step(
            case["id"],
            "handle_preservation",
            preservation=preserved[-1]["payload"]["preservation"],
            handling="已拍照、复制，决定解除先行登记保存",
            handled_on=D(2025, 7, 10),
        )
        assert lapse_overdue_preservations() == 0
    assert deadline(after, "LP-56")["state"] == "met"
    assert not warned(after, "LP-56")


def test_LP_56_the_daily_watch_lapses_a_preservation_left_unhandled(walk):
    case = walk.registered()
    _preserve_now(walk, case, dt.datetime(2025, 7, 1, 10, tzinfo=BEIJING))
    with time_machine.travel(dt.datetime(2025, 7, 10, 23, tzinfo=BEIJING), tick=False):
        assert lapse_overdue_preservations() == 0  # the last day still belongs to the agency
    with time_machine.travel(dt.datetime(2025, 7, 11, 1, tzinfo=BEIJING), tick=False):
        call_command("deadlines", "sweep", stdout=io.StringIO())
        assert lapse_overdue_preservations() == 0  # idempotent
    after = walk.officer.case(case["id"])
    found = [x for x in after["warnings"] if x["rule"] == "LP-56"]
    assert len(found) == 1
    assert "2025-07-10" in found[0]["message"]
    assert "自动解除" in found[0]["message"]
    assert "evidence.preservation_lapsed" in timeline_kinds(walk.officer, after)


# --- MP-46 suspension ---------------------------------------------------------------------------


def test_MP_46_suspension_without_a_ground_is_refused(walk):
    case = walk.registered()
    reply = walk.head.post(f"/cases/{case['id']}/suspend", ground="  ", started_on=D(2025, 8, 1))
    assert reply.status == 422, reply.body
    assert reply.rule == "MP-46" or "ground" in reply.body["fields"], reply.body
    unchanged(walk.head, case)


def test_MP_46_suspension_needs_the_heads_approval(walk):
    case = walk.registered()
    reply = walk.officer.post(
        f"/cases/{case['id']}/suspend", ground="需等待环境监测机构出具检测报告", started_on=D(2025, 8, 1)
    )
    assert reply.status == 403, reply.body
    unchanged(walk.officer, case)


def test_MP_46_suspended_days_do_not_count_towards_the_ninety_days(walk):
    case = walk.registered()
    assert deadline(case, "LP-60")["due"] == "2025-09-29"
    case = walk.head.step(case["id"], "suspend", ground="需等待环境监测机构出具检测报告", started_on=D(2025, 8, 1))
    assert case["status"] == "suspended"
    approval = document_text(walk.head, case, "suspension_approval")
    assert "<th>申请事项</th><td>中止调查</td>" in approval
    assert "需等待环境监测机构出具检测报告" in approval
    case = walk.head.step(case["id"], "resume", resumed_on=D(2025, 8, 21))
    assert case["status"] == "investigating"
    # Suspended 08-01, resumed 08-21: 20 days do not count (boundary counting UNVERIFIED in LEGAL-RULES).
    assert deadline(case, "LP-60")["due"] == "2025-10-19"


def test_MP_46_termination_without_a_ground_is_refused(walk):
    case = walk.registered()
    reply = walk.head.post(f"/cases/{case['id']}/terminate", ground="  ", terminated_on=D(2025, 8, 1))
    assert reply.status == 422, reply.body
    assert "ground" in reply.body["fields"], reply.body
    unchanged(walk.head, case)


def test_MP_46_termination_needs_the_heads_approval(walk):
    case = walk.registered()
    reply = walk.officer.post(f"/cases/{case['id']}/terminate", ground="当事人已注销", terminated_on=D(2025, 8, 1))
    assert reply.status == 403, reply.body
    unchanged(walk.officer, case)


def test_MP_46_terminated_case_stops_its_time_limit_and_takes_no_further_step(walk):
    case = walk.investigated()
    case = walk.head.step(
        case["id"], "terminate", ground="当事人已注销，且无权利义务承受人", terminated_on=D(2025, 8, 1)
    )
    assert case["status"] == "terminated"
    approval = document_text(walk.head, case, "suspension_approval")
    assert "<th>申请事项</th><td>终止调查</td>" in approval
    assert "当事人已注销，且无权利义务承受人" in approval
    assert "LP-60" not in [d["rule"] for d in case["deadlines"]]
    assert "terminated" in timeline_kinds(walk.head, case)
    reply = walk.officer.post(f"/cases/{case['id']}/submit_report", facts="补充", outcome="penalty", kinds=["fine"])
    assert reply.status == 422, reply.body
    unchanged(walk.officer, case)
