"""G. Payment, collection and the late-payment surcharge (LEGAL-RULES §G), walked through the JSON API.

The helpers at the top (a case served on a given day, a matter with small fines, the on-the-spot
form, what the party owes on a day) are shared with test_i_enforcement, test_j_remedies and
test_dc_time.

Steps the API does not offer are taken through their actions and say so: handing collected cash
to the agency and paying it into the bank (`execution.hand_over_cash`, `execution.bank_cash`) and
the end of a reconsideration (`execution.conclude_remedy`).
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

import pytest

from tests.factories.cases import World
from tests.factories.lawbase import make_matter
from tests.scenarios.api import Api, deadline, document_text
from tests.scenarios.walk import Walk
from zhifa.cases.actions import execution
from zhifa.cases.actions.configuration import issue_form_range
from zhifa.cases.models import Payment, Remedy
from zhifa.lawbase.actions.matters import assign_matter

pytestmark = pytest.mark.django_db
D = dt.date
DAY = dt.timedelta(days=1)

# 城市市容和环境卫生管理条例 第三十六条: "可以并处警告、罚款" with no amount, so small fines (on-the-spot
# ones, LEGAL-RULES' fine of 10,000) fit the statute; the world's own matter fines 10万—100万.
STREET_RUBBISH = ("《城市市容和环境卫生管理条例》第十四条", "《城市市容和环境卫生管理条例》第三十六条第（二）项")
FORM_PREFIX = "杭环西简"


# --- shared helpers ------------------------------------------------------------------------------


def small_matter(w: World) -> Any:
    """A matter with an unbounded fine, held by the world's agency (element-centre arrangement)."""
    matter = make_matter("T-002", name="擅自堆放物料", basis=STREET_RUBBISH, domain=w.agency.domain)
    assign_matter(by=None, agency=w.agency, matter=matter)
    return matter


def served_case(
    walk: Walk,
    served_on: dt.date,
    *,
    fine: str = "150000",
    matter: Any = None,
    decided_on: dt.date | None = None,
) -> dict[str, Any]:
    """A general-procedure case whose penalty decision is served on `served_on`, walked through the
    API on a schedule ending there: registered 30 days before, notice served 9 days after that,
    decided the day before service."""
    registered_on = served_on - 30 * DAY
    extra = {"matter": matter.pk} if matter is not None else {}
    case = walk.registered(
        received_on=registered_on - DAY, act_date=registered_on - 10 * DAY, registered_on=registered_on, **extra
    )
    case = walk.investigated(case, day=registered_on + DAY)
    case = walk.reviewed(walk.reported(case, fine=fine), day=registered_on + 7 * DAY)
    case = walk.notified(case, served=registered_on + 9 * DAY)
    case = walk.decided(case, decided_on=decided_on or served_on - DAY, fine=fine)
    return walk.served(case, served_on=served_on)


def spot_form(w: World, matter: Any, **fields: Any) -> dict[str, Any]:
    """The on-the-spot form (行政处罚法 第五十一、五十二条) for the world's individual party."""
    return {
        "party": w.person.pk,
        "matter": matter.pk,
        "act_date": D(2025, 7, 1),
        "act_place": "西湖区转塘街道演示路1号",
        "facts": "当事人在人行道擅自堆放建筑材料",
        "kinds": ["fine"],
        "fine": "80",
        "correction": "责令立即清除堆放物",
        "officers": [o.pk for o in w.officers],
        "credentials_shown": True,
        "rights_told": True,
        "party_answer": "当事人无异议",
        "form_number": f"{FORM_PREFIX}0001",
        "decided_on": D(2025, 7, 1),
        "paid_on_the_spot": True,
        "receipt_number": "浙财罚0000001",
        **fields,
    }


def spot_world(w: World) -> Any:
    """A matter with small fines and a range of numbered on-the-spot forms (LP-52)."""
    issue_form_range(by=None, agency=w.agency, prefix=FORM_PREFIX, first=1, last=100)
    return small_matter(w)


def events(api: Api, case_id: int) -> list[dict[str, Any]]:
    return api.get(f"/cases/{case_id}/timeline").body


def owed_on(walk: Walk, case_id: int, day: dt.date) -> Decimal:
    """What the party owes on `day` (fine still unpaid plus the surcharge), as a 催告书 served that day
    states it (强制法 第三十五条)."""
    walk.officer.step(case_id, "serve_reminder", served_on=day, perform_by=day + 10 * DAY)
    last = events(walk.officer, case_id)[-1]
    assert last["kind"] == "reminder.served", last
    return Decimal(last["payload"]["amount"])


def text(api: Api, case: dict[str, Any], code: str) -> str:
    """The rendered text of the case's latest document `code`, as the party reads it."""
    body = document_text(api, case, code)
    body = re.sub(r"<style.*?</style>", "", body, flags=re.S)
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", body))


def unchanged(api: Api, before: dict[str, Any]) -> None:
    """A refused step changed nothing: same version, same number of timeline events."""
    after = api.case(before["id"])
    assert after["version"] == before["version"]
    assert after["deadlines"] == before["deadlines"]


# --- LP-67a: the body that decides does not collect ------------------------------------------------


def test_LP_67a_officer_collecting_an_ordinary_procedure_fine_in_cash_is_refused(walk):
    case = walk.served()
    refusal = walk.officer.refused(
        case["id"],
        "record_payment",
        "LP-67a",
        amount="150000",
        paid_on=D(2025, 7, 25),
        channel="on_the_spot",
        receipt_number="浙财罚0000001",
    )
    assert "不得自行收缴" in refusal["message"]
    assert "第六十七条" in refusal["citation"]
    unchanged(walk.officer, case)
    assert deadline(walk.officer.case(case["id"]), "LP-67b")["state"] == "open"


def test_LP_67a_ordinary_procedure_fine_paid_at_the_bank_is_recorded(walk):
    case = walk.served()
    case = walk.officer.step(case["id"], "record_payment", amount="150000", paid_on=D(2025, 8, 1), channel="bank")
    assert deadline(case, "LP-67b")["state"] == "met"
    assert deadline(case, "LP-67b")["met_on"] == "2025-08-01"
    assert events(walk.officer, case["id"])[-1]["payload"]["channel"] == "bank"


def test_LP_67a_remote_area_collection_at_the_partys_request_is_allowed(walk):
    case = walk.served()
    case = walk.officer.step(
        case["id"],
        "record_payment",
        amount="150000",
        paid_on=D(2025, 7, 25),
        channel="on_the_spot",
        receipt_number="浙财罚0000001",
        remote_area=True,
        party_requested=True,
    )
    assert deadline(case, "LP-67b")["state"] == "met"
    assert deadline(case, "LP-71")["due"] == "2025-07-29"


# --- LP-67b: fifteen days from receiving the decision ---------------------------------------------


def test_LP_67b_payment_is_due_fifteen_days_after_delivery_not_after_the_decision(walk):
    case = served_case(walk, D(2025, 7, 1), decided_on=D(2025, 6, 23))
    payment = deadline(case, "LP-67b")
    assert case["decided_on"] == "2025-06-23"
    assert payment["starts_on"] == "2025-07-01"
    assert payment["due"] == "2025-07-16"  # LEGAL-RULES: delivered Tue 2025-07-01 → Wed 2025-07-16
    assert payment["period"] == "15日"
    assert payment["binds_party"] is True
    assert "第六十七条" in payment["citation"]


# --- LP-68: on-the-spot collection ---------------------------------------------------------------


def test_LP_68_eighty_yuan_collected_on_the_spot_with_a_receipt_is_allowed(walk, w):
    matter = spot_world(w)
    reply = walk.officer.post("/cases/on-the-spot", **spot_form(w, matter, fine="80"))
    assert reply.status == 201, reply.body
    case = reply.body
    assert case["status"] == "executing"
    assert deadline(case, "LP-67b")["state"] == "met"
    payment = Payment.objects.get(case_id=case["id"])  # read only: the receipt the party was given
    assert payment.amount == Decimal(80)
    assert payment.receipt_number == "浙财罚0000001"


def test_LP_68_one_hundred_fifty_collected_on_the_spot_without_a_reason_is_refused(walk, w):
    matter = spot_world(w)
    reply = walk.officer.post("/cases/on-the-spot", **spot_form(w, matter, fine="150"))
    assert reply.status == 422, reply.body
    assert reply.rule == "LP-68"
    assert reply.body["citation"]
    assert "100" in reply.body["message"]
    assert walk.officer.get("/cases").body["items"] == []  # the decision was not recorded either


def test_LP_68_above_one_hundred_with_a_hard_to_enforce_reason_is_allowed(walk, w):
    matter = spot_world(w)
    case = walk.officer.ok("/cases/on-the-spot", **spot_form(w, matter, fine="150", paid_on_the_spot=False))
    refusal = walk.officer.refused(
        case["id"],
        "record_payment",
        "LP-68",
        amount="150",
        paid_on=D(2025, 7, 1),
        channel="on_the_spot",
        receipt_number="浙财罚0000002",
    )
    assert "事后难以执行" in refusal["message"]
    case = walk.officer.step(
        case["id"],
        "record_payment",
        amount="150",
        paid_on=D(2025, 7, 1),
        channel="on_the_spot",
        receipt_number="浙财罚0000002",
        collection_reason="当事人系外地流动摊贩，不当场收缴事后难以执行",
    )
    assert deadline(case, "LP-67b")["state"] == "met"


def test_LP_68_collection_without_a_receipt_number_is_refused(walk, w):
    matter = spot_world(w)
    reply = walk.officer.post("/cases/on-the-spot", **spot_form(w, matter, fine="80", receipt_number=""))
    assert reply.status == 422, reply.body
    assert reply.rule == "LP-68"
    assert reply.body["citation"]
    assert "票据" in reply.body["message"]
    assert walk.officer.get("/cases").body["items"] == []


# --- LP-71: handing over collected cash -----------------------------------------------------------


def test_LP_71_cash_goes_to_the_agency_in_two_working_days_and_to_the_bank_in_two_more(walk, w):
    matter = spot_world(w)
    case = walk.officer.ok("/cases/on-the-spot", **spot_form(w, matter, fine="80"))
    handover = deadline(case, "LP-71")
    assert (handover["starts_on"], handover["due"]) == ("2025-07-01", "2025-07-03")  # Tue → Thu
    assert handover["period"] == "2个工作日"

    # Handing over and banking have no API step: taken through their actions.
    payment = Payment.objects.get(case_id=case["id"])
    execution.hand_over_cash(payment, by=w.users[0], handed_on=D(2025, 7, 3))
    case = walk.officer.case(case["id"])
    handovers = [d for d in case["deadlines"] if d["rule"] == "LP-71"]
    assert [(d["due"], d["state"]) for d in handovers] == [("2025-07-03", "met"), ("2025-07-07", "open")]  # Thu → Mon

    execution.bank_cash(payment, by=w.head, banked_on=D(2025, 7, 7))
    case = walk.officer.case(case["id"])
    assert all(d["state"] == "met" for d in case["deadlines"] if d["rule"] == "LP-71")


# --- LP-66: deferral and instalments ---------------------------------------------------------------


def test_LP_66_deferral_needs_the_partys_application_and_the_heads_approval(walk):
    case = served_case(walk, D(2025, 7, 1))
    approval = {"applied_on": D(2025, 7, 10), "approved_on": D(2025, 7, 12), "pay_by": D(2025, 12, 31)}

    by_officer = walk.officer.post(f"/cases/{case['id']}/approve_deferral", **approval)
    assert by_officer.status == 403  # approval is the agency's (head's), not the handler's

    no_application = walk.head.post(
        f"/cases/{case['id']}/approve_deferral", approved_on=D(2025, 7, 12), pay_by=D(2025, 12, 31)
    )
    assert no_application.status == 422
    assert "applied_on" in no_application.body["fields"]

    refusal = walk.head.refused(
        case["id"],
        "approve_deferral",
        "LP-66",
        applied_on=D(2025, 7, 10),
        approved_on=D(2025, 7, 12),
        pay_by=D(2025, 7, 5),
    )
    assert "最后期限" in refusal["message"]
    unchanged(walk.officer, case)
    assert deadline(walk.officer.case(case["id"]), "LP-67b")["due"] == "2025-07-16"


def test_LP_66_approved_deferral_moves_the_payment_deadline_and_the_surcharge(walk, w):
    case = served_case(walk, D(2025, 7, 1), fine="10000", matter=small_matter(w))
    case = walk.head.step(
        case["id"], "approve_deferral", applied_on=D(2025, 7, 10), approved_on=D(2025, 7, 12), pay_by=D(2025, 12, 31)
    )
    assert deadline(case, "LP-67b")["due"] == "2025-12-31"
    assert owed_on(walk, case["id"], D(2025, 12, 15)) == Decimal("10000")  # no surcharge while deferred
    assert owed_on(walk, case["id"], D(2026, 1, 10)) == Decimal("13000")  # 10 days after 12-31: 10 × 300


def test_LP_66_court_enforcement_is_refused_while_the_deferral_runs(walk):
    case = served_case(walk, D(2025, 1, 10))
    walk.head.step(
        case["id"], "approve_deferral", applied_on=D(2025, 1, 20), approved_on=D(2025, 1, 22), pay_by=D(2025, 12, 31)
    )
    walk.officer.step(case["id"], "serve_reminder", served_on=D(2025, 9, 15), perform_by=D(2025, 9, 25))
    walk.head.refused(
        case["id"],
        "apply_court_enforcement",
        "LE-53",
        filed_on=D(2025, 10, 9),
        court="杭州市西湖区人民法院",
        signed_by_head=True,
    )


def test_LP_66_court_application_after_the_deferral_is_not_late(walk):
    case = served_case(walk, D(2025, 1, 10))
    walk.head.step(
        case["id"], "approve_deferral", applied_on=D(2025, 1, 20), approved_on=D(2025, 1, 22), pay_by=D(2025, 12, 31)
    )
    walk.officer.step(case["id"], "serve_reminder", served_on=D(2026, 1, 5), perform_by=D(2026, 1, 12))
    case = walk.head.step(
        case["id"],
        "apply_court_enforcement",
        filed_on=D(2026, 1, 20),
        court="杭州市西湖区人民法院",
        signed_by_head=True,
    )
    assert not any(w["rule"] == "LE-53" for w in case["warnings"]), case["warnings"]


# --- LP-72: the late-payment surcharge -----------------------------------------------------------


def test_LP_72_surcharge_is_three_percent_of_the_fine_a_day_after_the_due_date(walk, w):
    case = served_case(walk, D(2025, 7, 1), fine="10000", matter=small_matter(w))
    assert deadline(case, "LP-67b")["due"] == "2025-07-16"
    assert owed_on(walk, case["id"], D(2025, 7, 16)) == Decimal("10000")  # the last day to pay: nothing added
    assert owed_on(walk, case["id"], D(2025, 7, 17)) == Decimal("10300")  # the surcharge begins
    assert owed_on(walk, case["id"], D(2025, 7, 26)) == Decimal("13000")  # LEGAL-RULES: 10 days → 3,000


def test_LP_72_surcharge_never_exceeds_the_fine(walk, w):
    case = served_case(walk, D(2025, 7, 1), fine="10000", matter=small_matter(w))
    assert owed_on(walk, case["id"], D(2025, 8, 18)) == Decimal("19900")  # 33 × 300
    assert owed_on(walk, case["id"], D(2025, 8, 19)) == Decimal("20000")  # 34 × 300 = 10,200, capped at 10,000
    assert owed_on(walk, case["id"], D(2025, 12, 1)) == Decimal("20000")


def test_LP_72_no_surcharge_accrues_while_a_reconsideration_is_pending(walk, w):
    case = served_case(walk, D(2025, 7, 1), fine="10000", matter=small_matter(w))
    walk.officer.step(case["id"], "record_remedy", kind="reconsideration", filed_on=D(2025, 7, 26))
    assert owed_on(walk, case["id"], D(2025, 8, 30)) == Decimal("13000")  # frozen at the 10 days before filing

    # The reconsideration body's decision has no API step: recorded through its action.
    remedy = Remedy.objects.get(case_id=case["id"])
    execution.conclude_remedy(remedy, by=w.users[0], concluded_on=D(2025, 9, 30), upheld=True, result="维持")
    # LEGAL-RULES: filed 07-26, upheld 09-30 → on 10-10 "about 6,000". The engine counts the filing day
    # and not the day of the decision: 10 days (07-17…07-26) + 10 days (10-01…10-10) = 20 × 300.
    assert owed_on(walk, case["id"], D(2025, 10, 10)) == Decimal("16000")


def test_LP_72_no_surcharge_accrues_while_a_suit_is_pending(walk, w):
    case = served_case(walk, D(2025, 7, 1), fine="10000", matter=small_matter(w))
    walk.officer.step(case["id"], "record_remedy", kind="litigation", filed_on=D(2025, 7, 20))
    assert owed_on(walk, case["id"], D(2025, 11, 20)) == Decimal("11200")  # 4 days (07-17…07-20) × 300


def test_LP_72_decision_and_reminder_tell_the_party_the_surcharge_standard(walk, w):
    case = served_case(walk, D(2025, 7, 1), fine="10000", matter=small_matter(w))
    decision = text(walk.officer, case, "penalty_decision")
    assert "每日按罚款数额的3%加处罚款" in decision
    assert "加处罚款的数额不超出罚款的数额" in decision
    assert "加处罚款的数额在行政复议或者行政诉讼期间不予计算" in decision

    case = walk.officer.step(case["id"], "serve_reminder", served_on=D(2025, 7, 26), perform_by=D(2025, 8, 5))
    reminder = text(walk.officer, case, "enforcement_reminder")
    assert "每日按罚款数额的3%加处罚款" in reminder
    assert "加处罚款的数额不超出罚款的数额" in reminder
