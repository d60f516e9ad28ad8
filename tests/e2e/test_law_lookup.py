"""In a real browser on a phone: an officer describes what they saw, finds the matter, and gets the
fine range for the facts; a citizen finds an article without signing in."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.factories.lawbase import graded_benchmark, make_matter
from tests.factories.orgs import PASSWORD, AgencyFactory, OfficerFactory, region_tree

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def sign_in(page, live_server, officer):
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(officer.user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")


def test_an_officer_goes_from_a_description_to_the_fine_range(live_server, browser, laws):
    regions = region_tree()
    matter = make_matter(aliases="无证排污")  # 大气污染防治法 第十九条 / 第九十九条
    graded_benchmark(matter, regions["province"])
    officer = OfficerFactory(agency=AgencyFactory(region=regions["county"]))
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, locale="zh-CN")
    page = context.new_page()
    sign_in(page, live_server, officer)
    page.goto(f"{live_server.url}/lawbase/search/")
    page.get_by_label("检索内容").fill("工厂没有排污许可证就排废气")
    page.get_by_role("button", name="查找").click()
    expect(page.get_by_role("heading", name="可能适用的执法事项")).to_be_visible()
    expect(page.get_by_role("link", name="《中华人民共和国大气污染防治法》第十九条").first).to_be_visible()
    page.get_by_role("link", name="智能裁量").first.click()
    page.get_by_label("违法行为发生日期").fill("2025-06-20")
    page.locator("select[name=harm]").select_option("general")
    page.get_by_label("主动消除或者减轻危害后果").check()
    page.get_by_role("button", name="计算").click()
    expect(page.get_by_text("30万元以上45万元以下").first).to_be_visible()
    expect(page.get_by_text("《中华人民共和国行政处罚法》第三十二条第一款第（一）项")).to_be_visible()
    context.close()


def test_a_citizen_finds_an_article_without_signing_in(live_server, browser, laws):
    page = browser.new_page()
    page.goto(f"{live_server.url}/find-law/")
    page.get_by_label("检索内容").fill("行政处罚法第三十二条")
    page.get_by_role("button", name="查找").click()
    page.get_by_role("link", name="《中华人民共和国行政处罚法》第三十二条").click()
    page.wait_for_url("**/find-law/laws/**")
    expect(page.locator("#a32")).to_be_visible()
    page.close()
