"""Each step produces its official document (LEGAL-RULES §4), through the JSON API: the case page
lists it and its text says what the step recorded."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tests.scenarios.api import document_text
from tests.scenarios.test_d_notice_hearing import hearing_record, hearing_scheduled
from tests.scenarios.walk import Walk

D = dt.date


def codes(case: dict[str, Any]) -> list[str]:
    return [d["code"] for d in case["documents"]]


def test_investigation_review_notice_statement_and_decision_each_produce_their_document(walk: Walk):
    case = walk.investigated()
    assert codes(case)[:2] == ["registration_approval", "inspection_record"]
    inspection = document_text(walk.officer, case, "inspection_record")
    assert "排气筒正在排放废气" in inspection
    assert "张伟" in inspection  # the officers who were there sign it

    case = walk.officer.step(
        case["id"],
        "record_transcript",
        kind="inquiry",
        started_at="2025-07-02T14:00:00+08:00",
        ended_at="2025-07-02T15:00:00+08:00",
        place="本机关询问室",
        officers=[o.pk for o in walk.w.officers],
        interviewee="赵六",
        content="问：排气筒何时开始使用？答：今年六月起。",
        credentials_shown=True,
        rights_notice_given=True,
        pages=1,
        signed_pages=1,
    )
    assert "今年六月起" in document_text(walk.officer, case, "inquiry_record")

    case = walk.reported(case)
    assert "investigation_report" in codes(case)
    case = walk.reviewed(case)
    assert "事实清楚，证据确凿" in document_text(walk.officer, case, "legal_review_opinion")

    case = walk.notified(case)
    receipt = document_text(walk.officer, case, "delivery_receipt")
    assert "行政处罚告知书" in receipt  # the receipt names the document it proves the service of
    assert "直接送达" in receipt

    case = walk.officer.step(case["id"], "record_statement", received_on=D(2025, 7, 11), content="当事人称已停用排气筒")
    assert "当事人称已停用排气筒" in document_text(walk.officer, case, "statement_record")
    statement = walk.officer.get(f"/cases/{case['id']}/timeline").body[-1]["payload"]["statement"]
    case = walk.officer.step(
        case["id"],
        "review_statement",
        statement=statement,
        adopted=False,
        opinion="经复核，排气筒停用不影响违法事实的认定。",
        reviewed_on=D(2025, 7, 14),
    )
    assert "不影响违法事实的认定" in document_text(walk.officer, case, "statement_review")

    case = walk.served(walk.decided(case))
    assert codes(case).count("delivery_receipt") == 2
    assert "行政处罚决定书" in document_text(walk.officer, case, "delivery_receipt")


def test_a_hearing_produces_its_notice_record_and_report(walk: Walk):
    case = hearing_scheduled(walk)
    assert "hearing_notice" in codes(case)
    case = walk.officer.step(
        case["id"],
        "record_hearing",
        **hearing_record(
            investigators_case="当事人未取得排污许可证排放废气，有现场笔录和监测报告为证，建议罚款十五万元。",
            party_statement="当事人称许可证正在办理中，对监测报告的采样时间提出异议。",
        ),
    )
    assert {"hearing_record", "hearing_report"} <= set(codes(case))
    record = document_text(walk.officer, case, "hearing_record")
    assert walk.w.chair.user.full_name in record
    assert "调查人员提出的违法事实、证据和处罚建议：当事人未取得排污许可证排放废气" in record
    assert "当事人的陈述、申辩和质证意见：当事人称许可证正在办理中" in record


def test_the_hearing_record_is_written_in_chinese_for_an_officer_reading_english(walk: Walk):
    case = hearing_scheduled(walk)
    walk.officer.client.cookies["django_language"] = "en"
    assert walk.officer.client.get("/api/v1/me").headers["Content-Language"] == "en"
    case = walk.officer.step(
        case["id"], "record_hearing", **hearing_record(party_statement="当事人称许可证正在办理中。")
    )
    record = document_text(walk.officer, case, "hearing_record")
    assert "当事人的陈述、申辩和质证意见：当事人称许可证正在办理中。" in record
    assert "statements" not in record.lower()
    assert "当事人" + walk.w.company.name in record


def test_a_hearing_record_left_empty_points_to_the_paper_record(walk: Walk):
    case = hearing_scheduled(walk)
    case = walk.officer.step(case["id"], "record_hearing", **hearing_record())
    assert "听证过程见听证现场制作的笔录。" in document_text(walk.officer, case, "hearing_record")
