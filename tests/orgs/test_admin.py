"""The Django admin edits the org tree through the same actions, scope and audit."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories.orgs import AgencyFactory, DomainFactory, OfficerFactory
from zhifa.core.models import AuditEntry
from zhifa.orgs.choices import Role
from zhifa.orgs.models import Agency, Officer

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(signed_in, regions):
    home = AgencyFactory(name="西湖区司法局", region=regions["county"], domain=DomainFactory())
    admin = OfficerFactory(agency=home, roles=[Role.ADMINISTRATOR], user__is_staff=True).user
    return signed_in(admin), home


def test_adding_an_agency_in_the_admin_goes_through_the_action(admin_client, regions):
    client, home = admin_client
    response = client.post(
        reverse("admin:orgs_agency_add"),
        {
            "name": "转塘街道综合行政执法队",
            "region": regions["township"].pk,
            "domain": home.domain.pk,
            "legal_status": "authorised",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    agency = Agency.objects.get(name="转塘街道综合行政执法队")
    assert AuditEntry.objects.filter(action="orgs.agency.created", object_id=str(agency.pk)).exists()


def test_the_admin_refuses_an_agency_outside_the_region_and_says_why(admin_client, regions):
    client, home = admin_client
    response = client.post(
        reverse("admin:orgs_agency_add"),
        {"name": "邻区执法局", "region": regions["beside"].pk, "domain": home.domain.pk, "legal_status": "statutory"},
        follow=True,
    )
    assert "管辖范围" in response.content.decode()
    assert not Agency.objects.filter(name="邻区执法局").exists()


def test_a_stale_admin_form_does_not_overwrite_a_newer_change(admin_client):
    client, home = admin_client
    url = reverse("admin:orgs_agency_change", args=[home.pk])
    data = {
        "name": "第一次修改",
        "region": home.region.pk,
        "domain": home.domain.pk,
        "legal_status": "statutory",
        "is_active": "on",
        "seen_version": 1,
    }
    assert client.post(url, data).status_code == 302
    page = client.post(url, {**data, "name": "第二次修改（基于旧版本）"}, follow=True).content.decode()
    assert "已被他人修改" in page
    home.refresh_from_db()
    assert home.name == "第一次修改"


def test_adding_an_officer_shows_a_one_time_password(admin_client):
    client, home = admin_client
    response = client.post(
        reverse("admin:orgs_officer_add"),
        {"username": "newcomer", "full_name": "新同事", "agency": home.pk, "roles": ["officer"], "is_active": "on"},
        follow=True,
    )
    assert "临时密码" in response.content.decode()
    officer = Officer.objects.get(user__username="newcomer")
    assert officer.user.must_change_password


def test_the_admin_lists_only_the_jurisdiction(admin_client, regions):
    client, _ = admin_client
    AgencyFactory(name="上城区执法局", region=regions["beside"])
    page = client.get(reverse("admin:orgs_agency_changelist")).content.decode()
    assert "西湖区司法局" in page
    assert "上城区执法局" not in page


def test_officers_without_the_administrator_role_cannot_reach_the_admin(signed_in, regions):
    officer = OfficerFactory(agency=AgencyFactory(region=regions["county"]), user__is_staff=False)
    response = signed_in(officer.user).get("/admin/")
    assert response.status_code == 302
