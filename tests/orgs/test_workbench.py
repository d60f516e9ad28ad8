"""The workbench shows my agency, my credential and its expiry, and the navigation I may use."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories.orgs import AgencyFactory, CredentialFactory, OfficerFactory
from zhifa.orgs.choices import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency(regions):
    return AgencyFactory(name="西湖区综合行政执法局", region=regions["county"])


def test_the_workbench_needs_a_signed_in_user(client):
    response = client.get(reverse("core:workbench"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_officer_sees_the_agency_region_and_credential(signed_in, agency):
    officer = OfficerFactory(agency=agency, credential="none")
    CredentialFactory(officer=officer, domain=agency.domain, number="33010620260099")
    page = signed_in(officer.user).get(reverse("core:workbench")).content.decode()
    assert "西湖区综合行政执法局" in page
    assert "浙江省杭州市西湖区" in page
    assert "33010620260099" in page
    assert "有效" in page
    assert "我的待办" in page


def test_a_credential_about_to_expire_is_flagged(signed_in, agency):
    officer = OfficerFactory(agency=agency, credential="none")
    CredentialFactory(officer=officer, domain=agency.domain, valid_to=timezone.localdate() + dt.timedelta(days=20))
    page = signed_in(officer.user).get(reverse("core:workbench")).content.decode()
    assert "20 天后到期" in page


def test_an_officer_with_an_expired_credential_is_told_they_may_only_view(signed_in, agency):
    officer = OfficerFactory(agency=agency, credential="expired")
    page = signed_in(officer.user).get(reverse("core:workbench")).content.decode()
    assert "只能查看" in page
    assert "已过期" in page


def test_navigation_shows_only_what_the_user_may_use(signed_in, agency):
    officer = OfficerFactory(agency=agency)
    page = signed_in(officer.user).get(reverse("core:workbench")).content.decode()
    assert reverse("orgs:agency_list") in page
    assert "后台管理" not in page
    admin = OfficerFactory(agency=agency, roles=[Role.ADMINISTRATOR], user__is_staff=True)
    assert "后台管理" in signed_in(admin.user).get(reverse("core:workbench")).content.decode()


def test_the_org_pages_show_only_the_jurisdiction(signed_in, agency, regions):
    AgencyFactory(name="上城区综合行政执法局", region=regions["beside"])
    inside = AgencyFactory(name="转塘街道综合行政执法队", region=regions["township"])
    supervisor = OfficerFactory(agency=agency, roles=[Role.SUPERVISOR])
    client = signed_in(supervisor.user)
    page = client.get(reverse("orgs:agency_list")).content.decode()
    assert "转塘街道综合行政执法队" in page
    assert "上城区" not in page
    assert client.get(reverse("orgs:agency_detail", args=[inside.pk])).status_code == 200
    beside = AgencyFactory(region=regions["beside"])
    assert client.get(reverse("orgs:agency_detail", args=[beside.pk])).status_code == 404


def test_the_english_switch(signed_in, agency):
    officer = OfficerFactory(agency=agency)
    client = signed_in(officer.user)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(reverse("core:workbench")).content.decode()
    assert 'lang="en"' in page
    assert "Workbench" in page


def test_an_english_browser_still_gets_chinese_until_the_user_switches(client):
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "用户名" in page
