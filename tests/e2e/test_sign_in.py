"""In a real browser (Debian Chromium), the demo officer signs in on a phone and sees the workbench."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.factories.orgs import PASSWORD, AgencyFactory, OfficerFactory, TeamFactory, region_tree
from zhifa.core import context as request_context
from zhifa.core.demo import DemoReport, steps
from zhifa.orgs.models import Credential

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _demo_org_tree() -> DemoReport:
    """The org tree of `zhifa demo`, built by the demo's own step (Zhejiang only, for speed): the
    same accounts and passwords the demo prints, without the law base and the demo cases."""
    report = DemoReport()
    with request_context.bound(request_context.RequestContext("e2e-demo", None, "cli")):
        dict(steps())["orgs"](report, {"provinces": ["33"]})
    return report


def test_the_demo_officer_signs_in_on_a_phone_and_sees_agency_and_credential(live_server: Any, browser: Any) -> None:
    report = _demo_org_tree()
    password = {username: password for _role, username, password in report.logins}["officer"]
    credential = Credential.objects.get(officer__user__username="officer", revoked_at__isnull=True)
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="zh-CN")
    page = phone.new_page()
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    page.get_by_label("用户名").fill("officer")
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()
    expect(page.get_by_text("张伟").first).to_be_visible()
    expect(page.get_by_text("杭州市西湖区综合行政执法局").first).to_be_visible()
    expect(page.get_by_text(credential.number)).to_be_visible()
    expect(page.get_by_text(f"{credential.valid_to:%Y-%m-%d}")).to_be_visible()  # the expiry date
    expect(page.get_by_text("有效").first).to_be_visible()
    phone.close()


def test_an_officer_signs_in_on_a_phone_and_sees_the_workbench(live_server, browser):
    regions = region_tree()
    agency = AgencyFactory(name="杭州市西湖区综合行政执法局", region=regions["county"])
    officer = OfficerFactory(agency=agency, team=TeamFactory(agency=agency, name="西湖中队"), user__full_name="张伟")
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="zh-CN")
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    assert "/accounts/login/" in page.url
    page.get_by_label("用户名").fill(officer.user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="工作台")).to_be_visible()
    expect(page.get_by_text("杭州市西湖区综合行政执法局").first).to_be_visible()
    expect(page.get_by_text("西湖中队")).to_be_visible()
    expect(page.get_by_text("有效").first).to_be_visible()
    # On a phone the navigation folds into a menu that opens on tap.
    page.get_by_text("菜单").click()
    expect(page.get_by_role("link", name="组织机构")).to_be_visible()
    page.get_by_role("link", name="组织机构").click()
    expect(page.get_by_role("heading", name="执法主体")).to_be_visible()
    context.close()


def test_a_wrong_password_shows_the_reason(live_server, browser):
    regions = region_tree()
    officer = OfficerFactory(agency=AgencyFactory(region=regions["county"]))
    page = browser.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(officer.user.username)
    page.get_by_label("密码").fill("not-the-password")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_text("用户名或密码不正确")).to_be_visible()
    page.close()
