"""In a real browser (Debian Chromium), a demo officer signs in on a phone and sees the workbench."""

from __future__ import annotations

import pytest

from tests.factories.orgs import PASSWORD, AgencyFactory, OfficerFactory, TeamFactory, region_tree

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


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
    assert page.get_by_role("heading", name="工作台").is_visible()
    assert page.get_by_text("杭州市西湖区综合行政执法局").first.is_visible()
    assert page.get_by_text("西湖中队").is_visible()
    assert page.get_by_text("有效").first.is_visible()
    # On a phone the navigation folds into a menu that opens on tap.
    page.get_by_text("菜单").click()
    assert page.get_by_role("link", name="组织机构").is_visible()
    page.get_by_role("link", name="组织机构").click()
    assert page.get_by_role("heading", name="执法主体").is_visible()
    context.close()


def test_a_wrong_password_shows_the_reason(live_server, browser):
    regions = region_tree()
    officer = OfficerFactory(agency=AgencyFactory(region=regions["county"]))
    page = browser.new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(officer.user.username)
    page.get_by_label("密码").fill("not-the-password")
    page.get_by_role("button", name="登录").click()
    assert page.get_by_text("用户名或密码不正确").is_visible()
    page.close()
