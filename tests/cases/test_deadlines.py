"""Deadlines that run into a year whose holidays are not yet published: computed, shown as
provisional, and corrected when the State Council's arrangement is loaded."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.cases.flow import notified
from tests.factories.cases import build_world
from zhifa.cases.models import Deadline
from zhifa.core.calendar.loading import load_arrangement

pytestmark = pytest.mark.django_db
D = dt.date


def test_a_deadline_into_an_unpublished_year_is_provisional_until_the_arrangement_is_loaded():
    w = build_world()  # calendars 2024-2026 only
    case = notified(w, served=D(2026, 12, 28))  # Mon; five working days run into 2027
    statement = Deadline.objects.get(case=case, rule="MP-57")
    assert statement.provisional
    assert statement.due == D(2027, 1, 4)  # counting weekends only: 29, 30, 31, 1, 4

    load_arrangement(
        2027,
        holidays=[(D(2027, 1, 1), D(2027, 1, 3), "元旦")],
        workdays=[],
        source="国务院办公厅关于2027年部分节假日安排的通知（测试用）",
    )
    statement.refresh_from_db()
    assert not statement.provisional
    assert statement.due == D(2027, 1, 5)  # New Year's Day is not a working day: 29, 30, 31, 4, 5
