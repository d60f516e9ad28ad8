"""A general-procedure case from lead to archive through the actions."""

from __future__ import annotations

from decimal import Decimal

import pytest

from tests.cases.flow import D, fresh, registered, served
from zhifa.cases.actions import closing, execution
from zhifa.cases.models import CaseEvent, Deadline
from zhifa.core.audit.chain import verify

pytestmark = pytest.mark.django_db


def test_registration_numbers_the_case_and_starts_the_time_limit(w):
    case = registered(w)
    assert case.number == "杭环西立字〔2025〕第1号"
    assert case.status == "investigating"
    limit = Deadline.objects.get(case=case, rule="LP-60")
    assert limit.due == D(2025, 9, 29)  # LEGAL-RULES LP-60: filed Tue 2025-07-01 → Mon 2025-09-29


def test_a_case_walks_to_archive(w):
    case = served(w)
    assert case.status == "executing"
    payment = Deadline.objects.get(case=case, rule="LP-67b")
    assert payment.due == D(2025, 8, 6)  # 15 days from 07-22
    execution.record_payment(
        case, by=w.users[0], expected_version=None, amount=Decimal(150000), paid_on=D(2025, 8, 1), channel="bank"
    )
    case = closing.close_case(fresh(case), by=w.head, expected_version=None, closed_on=D(2025, 8, 5))
    case = closing.archive_case(case, by=w.users[0], expected_version=None, archived_on=D(2025, 8, 6))
    assert case.status == "archived"
    kinds = list(CaseEvent.objects.filter(case=case).values_list("kind", flat=True))
    assert kinds[:2] == ["registration.requested", "registered"]
    assert kinds[-2:] == ["closed", "archived"]
    assert verify().ok
