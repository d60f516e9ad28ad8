"""J. Remedy periods the system prints and tracks (LEGAL-RULES §3.J), walked through the JSON API.

The party's periods open when the decision is served: reconsideration within 60 days (LR-20), a
direct suit within 6 months (LL-46), or up to one year when the decision did not tell the
litigation period (SI-64). The agency's periods as respondent open when the party's application
reaches it: the written reply with its evidence (LR-48), and the reconsideration body's decision,
watched from the respondent's side (LR-62). Steps: record_remedy, remedy_progress,
reply_reconsideration, conclude_remedy.
"""

# Tests are named after the rule ids of LEGAL-RULES (test_LR_20_…), upper case included.
# ruff: noqa: N802

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.factories.cases import World
from tests.scenarios.api import deadline, warned
from tests.scenarios.test_g_payment import served_case, text, unchanged
from tests.scenarios.walk import Walk
from zhifa.documents.actions.templates import activate_template, save_template_draft
from zhifa.documents.models import DocumentTemplate, TemplateStatus

pytestmark = pytest.mark.django_db
D = dt.date
COURT = "杭州市西湖区人民法院"

# The remedy clause of the shipped 行政处罚决定书 (documents/data/templates/penalty_decision.html).
RECONSIDERATION_CLAUSE = (
    "可以自收到本决定书之日起{{ remedy.reconsideration_days|default:60 }}日内向"
    '{{ remedy.reconsideration_body|default:"—" }}申请行政复议；'
)
LITIGATION_CLAUSE = (
    "也可以自收到本决定书之日起{{ remedy.litigation_months|default:6 }}个月内依法向"
    '{{ remedy.litigation_court|default:"—" }}提起行政诉讼'
)


# --- helpers -------------------------------------------------------------------------------------


def provincial_decision_form(w: World, *, drop: str) -> None:
    """The province adopts its own 行政处罚决定书 with a clause of the remedy paragraph left out."""
    shipped = DocumentTemplate.objects.get(code="penalty_decision", region=None, status=TemplateStatus.ACTIVE).body
    assert drop in shipped, "the shipped decision template changed"
    template = save_template_draft(
        by=None,
        code="penalty_decision",
        title="行政处罚决定书",
        body=shipped.replace(drop, ""),
        region=w.regions["province"],
    )
    activate_template(template, by=None)


def open_rules(case: dict[str, Any]) -> set[str]:
    return {d["rule"] for d in case["deadlines"] if d["state"] == "open"}


def reconsidered(walk: Walk, served_on: dt.date, **remedy: Any) -> dict[str, Any]:
    """A decision served on `served_on` and the party's application for reconsideration."""
    case = served_case(walk, served_on)
    fields = {"kind": "reconsideration", "filed_on": served_on + dt.timedelta(days=10), **remedy}
    return walk.officer.step(case["id"], "record_remedy", **fields)


# --- LR-20: reconsideration within 60 days --------------------------------------------------------


def test_LR_20_party_served_tuesday_1_july_may_apply_until_monday_1_september(walk):
    case = served_case(walk, D(2025, 7, 1))
    period = deadline(case, "LR-20")
    assert period["starts_on"] == "2025-07-01"
    # LEGAL-RULES: the 60 days end on Sat 2025-08-30 and roll over to Mon 2025-09-01 (DC-4).
    assert period["due"] == "2025-09-01"
    assert period["period"] == "60日"
    assert period["binds_party"] is True
    assert "行政复议法》第二十条" in period["citation"]


def test_LR_20_the_decision_prints_the_sixty_days_and_the_reconsideration_body(walk):
    case = walk.decided()
    printed = text(walk.officer, case, "penalty_decision")
    assert "自收到本决定书之日起60日内向杭州市西湖区人民政府申请行政复议" in printed


def test_LR_20_a_decision_whose_form_does_not_tell_the_reconsideration_route_is_refused(walk, w):
    provincial_decision_form(w, drop=RECONSIDERATION_CLAUSE)
    case = walk.notified()
    error = walk.head.refused(
        case["id"],
        "issue_decision",
        "LR-20",
        outcome="penalty",
        kinds=["fine"],
        fine="150000",
        illegal_gains="0",
        correction="责令立即停止无证排污，限期办理排污许可证",
        reasons="当事人的行为违反了《中华人民共和国大气污染防治法》第十九条的规定。",
        decided_on=D(2025, 7, 21),
        publish=True,
    )
    assert "申请行政复议" in error["message"]
    assert "第二十条" in error["citation"]
    unchanged(walk.head, case)
    assert walk.head.case(case["id"])["status"] == "notified"


def test_LR_20_on_the_spot_decision_runs_the_sixty_days_from_the_day_it_is_handed_over(walk, w):
    from tests.scenarios.test_g_payment import spot_form, spot_world

    case = walk.officer.ok("/cases/on-the-spot", **spot_form(w, spot_world(w), fine="80"))
    assert (deadline(case, "LR-20")["starts_on"], deadline(case, "LR-20")["due"]) == ("2025-07-01", "2025-09-01")
    assert "LL-46" not in open_rules(case)  # 复议前置 (LR-23): no direct suit against an on-the-spot decision


def test_LR_20_applying_for_reconsideration_uses_the_period_and_suspends_the_direct_suit(walk):
    case = reconsidered(walk, D(2025, 7, 1), filed_on=D(2025, 8, 29))
    period = deadline(case, "LR-20")
    assert (period["state"], period["met_on"]) == ("met", "2025-08-29")
    # 行政复议法 第二十九条第一款: no suit while the reconsideration runs.
    assert "LL-46" not in open_rules(case)


# --- LL-46: a suit within 6 months, or 15 days after reconsideration ------------------------------


def test_LL_46_decision_known_10_january_suit_by_10_july(walk):
    case = served_case(walk, D(2025, 1, 10))
    period = deadline(case, "LL-46")
    assert (period["starts_on"], period["due"]) == ("2025-01-10", "2025-07-10")
    assert period["period"] == "6个月"
    assert period["binds_party"] is True
    assert "行政诉讼法》第四十五条、第四十六条" in period["citation"]


def test_LL_46_the_decision_prints_the_six_months_and_the_court(walk):
    case = walk.decided()
    printed = text(walk.officer, case, "penalty_decision")
    assert "自收到本决定书之日起6个月内依法向" in printed
    assert "提起行政诉讼" in printed


def test_LL_46_after_an_upheld_reconsideration_the_party_may_sue_within_fifteen_days(walk):
    case = reconsidered(walk, D(2025, 7, 1), filed_on=D(2025, 7, 26))
    case = walk.officer.step(case["id"], "conclude_remedy", concluded_on=D(2025, 9, 30), upheld=True, result="维持")
    suit = deadline(case, "LL-46")
    assert (suit["starts_on"], suit["due"], suit["state"]) == ("2025-09-30", "2025-10-15", "open")
    assert suit["period"] == "15日"
    assert "LR-20" not in open_rules(case)


def test_LL_46_fifteen_days_ending_in_the_national_day_holiday_run_to_the_first_working_day(walk):
    case = reconsidered(walk, D(2025, 7, 1), filed_on=D(2025, 7, 26))
    # Received Tue 09-16: the 15th day is Wed 10-01, a holiday until 10-08 (DC-4).
    case = walk.officer.step(case["id"], "conclude_remedy", concluded_on=D(2025, 9, 16), upheld=True, result="维持")
    assert deadline(case, "LL-46")["due"] == "2025-10-09"


def test_LL_46_a_decision_revoked_on_reconsideration_leaves_nothing_to_sue(walk):
    case = reconsidered(walk, D(2025, 7, 1), filed_on=D(2025, 7, 26))
    case = walk.officer.step(case["id"], "conclude_remedy", concluded_on=D(2025, 9, 30), upheld=False, result="撤销")
    assert "LL-46" not in open_rules(case)


def test_LL_46_suing_uses_the_period_and_closes_reconsideration(walk):
    case = served_case(walk, D(2025, 1, 10))
    case = walk.officer.step(case["id"], "record_remedy", kind="litigation", filed_on=D(2025, 6, 30))
    suit = deadline(case, "LL-46")
    assert (suit["state"], suit["met_on"]) == ("met", "2025-06-30")
    # 行政复议法 第二十九条第二款: once a court has the suit, no reconsideration.
    assert "LR-20" not in open_rules(case)


# --- LR-48: the respondent's written reply ---------------------------------------------------------


def test_LR_48_copy_received_tuesday_1_july_reply_due_tuesday_15_july(walk):
    case = reconsidered(walk, D(2025, 6, 10), filed_on=D(2025, 6, 20), copy_received_on=D(2025, 7, 1))
    reply = deadline(case, "LR-48")
    assert (reply["starts_on"], reply["due"]) == ("2025-07-01", "2025-07-15")
    assert reply["period"] == "10个工作日"
    assert reply["binds_party"] is False
    assert "第四十八条" in reply["citation"]
    # An unanswered copy is red once the day has passed (scenario dates lie in the past).
    assert reply["severity"] == "red"


def test_LR_48_simple_procedure_reply_due_tuesday_8_july(walk):
    case = reconsidered(
        walk, D(2025, 6, 10), filed_on=D(2025, 6, 20), copy_received_on=D(2025, 7, 1), simple_procedure=True
    )
    reply = deadline(case, "LR-48")
    assert (reply["due"], reply["period"]) == ("2025-07-08", "5个工作日")


def test_LR_48_the_copy_received_after_the_application_opens_the_reply_period(walk):
    case = reconsidered(walk, D(2025, 6, 10), filed_on=D(2025, 6, 20))
    assert "LR-48" not in open_rules(case)
    case = walk.officer.step(case["id"], "remedy_progress", accepted_on=D(2025, 6, 24), copy_received_on=D(2025, 7, 1))
    assert deadline(case, "LR-48")["due"] == "2025-07-15"


def test_LR_48_reply_with_evidence_in_time_meets_the_deadline(walk):
    case = reconsidered(walk, D(2025, 6, 10), filed_on=D(2025, 6, 20), copy_received_on=D(2025, 7, 1))
    case = walk.officer.step(case["id"], "reply_reconsideration", replied_on=D(2025, 7, 15), evidence_submitted=True)
    reply = deadline(case, "LR-48")
    assert (reply["state"], reply["met_on"]) == ("met", "2025-07-15")
    assert not warned(case, "LR-48")


def test_LR_48_reply_without_the_evidence_and_basis_is_refused(walk):
    case = reconsidered(walk, D(2025, 6, 10), filed_on=D(2025, 6, 20), copy_received_on=D(2025, 7, 1))
    error = walk.officer.refused(case["id"], "reply_reconsideration", "LR-48", replied_on=D(2025, 7, 10))
    assert "证据" in error["message"]
    assert "第七十条" in error["citation"]
    unchanged(walk.officer, case)


def test_LR_48_late_reply_is_saved_with_a_warning_that_the_act_counts_as_unsupported(walk):
    case = reconsidered(walk, D(2025, 6, 10), filed_on=D(2025, 6, 20), copy_received_on=D(2025, 7, 1))
    case = walk.officer.step(case["id"], "reply_reconsideration", replied_on=D(2025, 7, 16), evidence_submitted=True)
    assert warned(case, "LR-48")
    warning = next(w for w in case["warnings"] if w["rule"] == "LR-48")
    assert "2025-07-15" in warning["message"]
    assert "没有证据、依据" in warning["message"]


# --- LR-62: the reconsideration decision within 60 days (+30) --------------------------------------


def test_LR_62_accepted_tuesday_1_july_decision_due_30_august(walk):
    case = reconsidered(walk, D(2025, 6, 10), filed_on=D(2025, 6, 20), accepted_on=D(2025, 7, 1))
    decision = deadline(case, "LR-62")
    # The reconsideration body's own limit: watched on the date itself, Sat 08-30, without roll-over
    # (LEGAL-RULES §2 design choice (a)).
    assert (decision["starts_on"], decision["due"], decision["period"]) == ("2025-07-01", "2025-08-30", "60日")
    assert decision["binds_party"] is False
    assert "第六十二条" in decision["citation"]


def test_LR_62_one_extension_of_thirty_days_moves_it_to_29_september(walk):
    case = reconsidered(walk, D(2025, 6, 10), filed_on=D(2025, 6, 20), accepted_on=D(2025, 7, 1))
    case = walk.officer.step(case["id"], "remedy_progress", extension_days=30, extension_notified_on=D(2025, 8, 25))
    decision = deadline(case, "LR-62")
    assert (decision["starts_on"], decision["due"], decision["period"]) == ("2025-07-01", "2025-09-29", "90日")


def test_LR_62_a_second_extension_is_refused(walk):
    case = reconsidered(walk, D(2025, 6, 10), filed_on=D(2025, 6, 20), accepted_on=D(2025, 7, 1))
    case = walk.officer.step(case["id"], "remedy_progress", extension_days=20, extension_notified_on=D(2025, 8, 25))
    error = walk.officer.refused(
        case["id"], "remedy_progress", "LR-62", extension_days=10, extension_notified_on=D(2025, 9, 15)
    )
    assert "只能延长一次" in error["message"]
    assert "第六十二条" in error["citation"]
    assert deadline(walk.officer.case(case["id"]), "LR-62")["due"] == "2025-09-19"


def test_LR_62_an_extension_beyond_thirty_days_or_not_told_in_writing_is_refused(walk):
    case = reconsidered(walk, D(2025, 6, 10), filed_on=D(2025, 6, 20), accepted_on=D(2025, 7, 1))
    error = walk.officer.refused(
        case["id"], "remedy_progress", "LR-62", extension_days=31, extension_notified_on=D(2025, 8, 25)
    )
    assert "三十日" in error["message"]
    error = walk.officer.refused(case["id"], "remedy_progress", "LR-62", extension_days=30)
    assert "书面告知" in error["message"]
    unchanged(walk.officer, case)


def test_LR_62_simple_procedure_decision_due_in_thirty_days_and_not_extended(walk):
    case = reconsidered(walk, D(2025, 6, 10), filed_on=D(2025, 6, 20), accepted_on=D(2025, 7, 1), simple_procedure=True)
    assert (deadline(case, "LR-62")["due"], deadline(case, "LR-62")["period"]) == ("2025-07-31", "30日")
    error = walk.officer.refused(
        case["id"], "remedy_progress", "LR-62", extension_days=10, extension_notified_on=D(2025, 7, 25)
    )
    assert "简易程序" in error["message"]


def test_LR_62_the_reconsideration_decision_meets_it(walk):
    case = reconsidered(walk, D(2025, 6, 10), filed_on=D(2025, 6, 20), accepted_on=D(2025, 7, 1))
    case = walk.officer.step(case["id"], "conclude_remedy", concluded_on=D(2025, 8, 20), upheld=True, result="维持")
    decision = deadline(case, "LR-62")
    assert (decision["state"], decision["met_on"]) == ("met", "2025-08-20")


# --- SI-64: a decision that did not tell the litigation period --------------------------------------


def test_SI_64_decision_served_with_the_litigation_clause_is_not_warned(walk):
    case = served_case(walk, D(2025, 1, 10))
    assert not warned(case, "SI-64")
    assert "SI-64" not in open_rules(case)


def test_SI_64_decision_served_without_the_litigation_clause_is_warned_and_runs_up_to_a_year(walk, w):
    provincial_decision_form(w, drop=LITIGATION_CLAUSE)
    case = served_case(walk, D(2025, 1, 10))
    assert warned(case, "SI-64")
    warning = next(x for x in case["warnings"] if x["rule"] == "SI-64")
    assert "起诉期限" in warning["message"]
    assert "第六十四条" in warning["citation"]
    period = deadline(case, "SI-64")
    # LEGAL-RULES: "can run to 2026-01-10" — a Saturday, so (DC-4, a period against the party) Mon 01-12.
    assert (period["starts_on"], period["due"], period["period"]) == ("2025-01-10", "2026-01-12", "1年")
    assert "LL-46" not in open_rules(case)  # the six months were never told


def test_SI_64_the_court_enforcement_window_moves_with_the_litigation_period(walk, w):
    provincial_decision_form(w, drop=LITIGATION_CLAUSE)
    case = served_case(walk, D(2025, 1, 10))
    walk.officer.step(case["id"], "serve_reminder", served_on=D(2025, 9, 1), perform_by=D(2025, 9, 11))
    # With the clause the window would be 2025-07-11 … 2025-10-10 (LE-53); now it opens after 2026-01-12.
    error = walk.head.refused(
        case["id"], "apply_court_enforcement", "LE-53", filed_on=D(2025, 10, 9), court=COURT, signed_by_head=True
    )
    assert "2026-01-13" in error["message"]
