"""In a real browser on a phone: the head transfers a case to an agency far away by typing part
of its name into the picker, which asks the server (htmx) instead of listing every agency."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.cases.flow import investigated
from tests.e2e.test_case_walkthrough import signed_in
from tests.factories.cases import build_world
from tests.factories.orgs import AgencyFactory
from zhifa.cases.models import Lead

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_head_finds_a_far_agency_by_typing_and_transfers_the_case_to_it(live_server: Any, browser: Any, laws):
    w = build_world()
    case = investigated(w)
    far = [AgencyFactory(name=f"远方测试执法局{n:02d}") for n in range(30)]
    head = signed_in(browser, live_server, w.head)

    head.goto(f"{live_server.url}/cases/{case.pk}/steps/transfer/")
    expect(head.get_by_label("远方测试执法局29")).to_have_count(0)
    head.get_by_label("有管辖权的机关").fill("执法局29")
    expect(head.get_by_label("远方测试执法局29")).to_be_visible()
    expect(head.get_by_label("远方测试执法局28")).to_have_count(0)
    head.get_by_label("远方测试执法局29").check()
    head.get_by_label("移送理由").fill("经调查属其管辖")
    head.get_by_label("移送日期").fill("2025-07-03")
    head.get_by_role("button", name="确认移送有管辖权的机关").click()
    expect(head.get_by_text("“移送有管辖权的机关”已完成。")).to_be_visible()
    assert Lead.objects.get(agency=far[-1]).source == "referral"
