"""In a real browser on a phone, one general-procedure case from lead to archive: the officer
registers the lead and investigates, the head approves, the legal reviewer reviews, the officer
gives notice, the head decides, the fine is paid, the head closes and the officer archives."""

from __future__ import annotations

from typing import Any

import pytest
from playwright.sync_api import expect

from tests.factories.cases import build_world
from tests.factories.orgs import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "locale": "zh-CN"}


def signed_in(browser: Any, live_server: Any, user: Any) -> Any:
    page = browser.new_context(**PHONE).new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    page.get_by_label("用户名").fill(user.username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"{live_server.url}/")
    return page


def take(page: Any, case_url: str, step: str, fill: dict[str, str] | None = None, check: tuple[str, ...] = ()) -> None:
    """Open the case, tap the step, fill the form, confirm, and land back on the case page."""
    page.goto(case_url)
    page.get_by_role("link", name=step, exact=True).first.click()
    for label, value in (fill or {}).items():
        field = page.get_by_label(label, exact=True)
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(label=value)
        else:
            field.fill(value)
    for label in check:
        page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name=f"确认{step}").click()
    page.wait_for_url(case_url)
    expect(page.get_by_text(f"“{step}”已完成。")).to_be_visible()


def test_a_general_procedure_case_from_lead_to_archive_in_the_browser(live_server, browser, laws):
    w = build_world()
    officer = signed_in(browser, live_server, w.users[0])
    head = signed_in(browser, live_server, w.head)
    reviewer = signed_in(browser, live_server, w.reviewer)

    # The officer registers a lead from an inspection, then proposes the case.
    officer.get_by_text("菜单").click()
    officer.get_by_role("link", name="我的案件").first.click()
    officer.get_by_role("link", name="登记线索").click()
    officer.get_by_label("线索内容").fill("巡查发现演示化工公司排气筒排放废气，未见排污许可证。")
    officer.get_by_role("button", name="登记").click()
    expect(officer.get_by_text("线索已登记")).to_be_visible()
    officer.get_by_label("当事人证件号码").fill(w.company.id_number)
    officer.get_by_label("执法事项").select_option(value=str(w.matter.pk))
    officer.get_by_label("违法行为发生地").fill("西湖区演示工业园1号")
    officer.get_by_label("张伟").check()
    officer.get_by_label("李娜").check()
    officer.get_by_role("button", name="提请立案").click()
    expect(officer.get_by_text("已提请立案")).to_be_visible()
    case_url = officer.url
    assert "杭州演示化工有限公司" in officer.get_by_role("heading", level=1).inner_text()

    take(head, case_url, "批准立案", {"初步证据情况": "现场检查发现排气筒正在排放，当事人未能出示排污许可证。"})
    head.goto(case_url)
    expect(head.get_by_text("杭环西立字〔").first).to_be_visible()

    take(
        officer,
        case_url,
        "制作笔录",
        {
            "开始时间": "2026-11-21T09:00",
            "结束时间": "2026-11-21T09:40",
            "被询问人或在场人": "赵六",
            "笔录内容": "现场检查：排气筒正在排放废气；当事人未能出示排污许可证。",
        },
        check=("已告知陈述申辩和申请回避的权利",),
    )
    take(
        officer,
        case_url,
        "收集证据",
        {"名称": "现场照片", "来源": "现场检查", "收集方式": "执法记录仪拍摄"},
        check=("已查证属实",),
    )
    take(
        officer,
        case_url,
        "提交调查终结报告",
        {
            "罚款（元）": "150000",
            "责令改正内容": "责令立即停止无证排污，限期办理排污许可证",
            "裁量理由": "初次违法，积极整改",
        },
    )
    take(officer, case_url, "送法制（案件）审核", {"审核人员": str(w.reviewer.display_name)})
    take(
        reviewer,
        case_url,
        "填写审核意见",
        {
            "审核意见": "事实清楚，证据确凿，适用法律正确，程序合法，裁量适当。",
            "法律职业资格证书编号": "A20201100000001",
        },
    )
    take(officer, case_url, "制作行政处罚告知书")
    officer.get_by_role("link", name="送达行政处罚告知书").click()
    officer.get_by_role("button", name="确认送达文书").click()
    officer.wait_for_url(case_url)
    take(officer, case_url, "当事人书面放弃陈述申辩")

    # The decision form starts from the notice: penalty, correction and reasons are prefilled.
    take(head, case_url, "作出决定")
    head.goto(case_url)
    expect(head.get_by_text("罚决字").first).to_be_visible()
    officer.goto(case_url)
    officer.get_by_role("link", name="送达行政处罚决定书").click()
    officer.get_by_role("button", name="确认送达文书").click()
    officer.wait_for_url(case_url)

    take(officer, case_url, "登记缴款", {"缴纳金额（元）": "150000"})
    take(head, case_url, "结案")
    take(officer, case_url, "归档")
    officer.goto(case_url)
    expect(officer.get_by_text("已归档").first).to_be_visible()
    expect(officer.get_by_text("此阶段没有您可以办理的步骤。")).to_be_visible()
