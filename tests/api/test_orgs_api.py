"""/api/v1: session and token auth, scoping, one error shape, optimistic locking."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories.orgs import AgencyFactory, DomainFactory, OfficerFactory
from zhifa.core.models import AuditEntry
from zhifa.orgs.actions.accounts import create_api_token, revoke_api_token
from zhifa.orgs.choices import Role
from zhifa.orgs.models import Agency

pytestmark = pytest.mark.django_db
API = "/api/v1"


@pytest.fixture
def home(regions):
    DomainFactory()
    return AgencyFactory(name="西湖区综合行政执法局", region=regions["county"], domain=DomainFactory())


@pytest.fixture
def admin(home):
    return OfficerFactory(agency=home, roles=[Role.ADMINISTRATOR]).user


def _bearer(user) -> Client:
    _, raw = create_api_token(by=user, name="test")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


def _assert_error_shape(body: dict, code: str) -> None:
    assert set(body) >= {"code", "message", "fields"}
    assert body["code"] == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"]), "message should be in Chinese"


def test_unauthenticated_requests_get_401_in_the_error_shape(client):
    response = client.get(f"{API}/me")
    assert response.status_code == 401
    _assert_error_shape(response.json(), "unauthenticated")


def test_me_describes_the_officer(signed_in, home):
    officer = OfficerFactory(agency=home)
    body = signed_in(officer.user).get(f"{API}/me").json()
    assert body["officer"]["agency"]["name"] == "西湖区综合行政执法局"
    assert body["officer"]["roles"] == ["officer"]
    assert body["officer"]["credentials"][0]["valid_today"] is True
    assert body["can_enforce"] is True
    assert "orgs.enforce" in body["permissions"]


def test_me_with_an_expired_credential_cannot_enforce(signed_in, home):
    officer = OfficerFactory(agency=home, credential="expired")
    body = signed_in(officer.user).get(f"{API}/me").json()
    assert body["can_enforce"] is False


def test_agencies_are_scoped_and_paginated_by_keyset(signed_in, home, regions):
    for n in range(5):
        AgencyFactory(name=f"街道队{n}", region=regions["township"], domain=home.domain)
    AgencyFactory(name="邻区执法局", region=regions["beside"], domain=home.domain)
    supervisor = OfficerFactory(agency=home, roles=[Role.SUPERVISOR]).user
    client = signed_in(supervisor)
    first = client.get(f"{API}/agencies", {"limit": 4}).json()
    assert len(first["items"]) == 4
    assert first["next"]
    rest = client.get(f"{API}/agencies", {"limit": 4, "after": first["next"]}).json()
    names = {a["name"] for a in first["items"] + rest["items"]}
    assert names == {"西湖区综合行政执法局", *(f"街道队{n}" for n in range(5))}
    assert rest["next"] is None


def test_an_agency_outside_the_jurisdiction_is_404_not_403(signed_in, home, regions):
    beside = AgencyFactory(region=regions["beside"], domain=home.domain)
    officer = OfficerFactory(agency=home).user
    response = signed_in(officer).get(f"{API}/agencies/{beside.pk}")
    assert response.status_code == 404
    _assert_error_shape(response.json(), "not_found")


def test_an_administrator_creates_an_agency_with_a_token(admin, home, regions):
    client = _bearer(admin)
    response = client.post(
        f"{API}/agencies",
        {
            "name": "转塘街道综合行政执法队",
            "region_code": "330106010",
            "domain_code": home.domain.code,
            "legal_status": "authorised",
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["region"]["code"] == "330106010"
    assert body["legal_status_label"] == "法律法规授权组织"
    assert AuditEntry.objects.order_by("-seq").first().action == "orgs.agency.created"


def test_an_officer_may_not_create_agencies_and_is_told_why(home):
    client = _bearer(OfficerFactory(agency=home).user)
    response = client.post(
        f"{API}/agencies",
        {"name": "某执法局", "region_code": "330106", "domain_code": home.domain.code},
        content_type="application/json",
    )
    assert response.status_code == 403
    _assert_error_shape(response.json(), "permission_denied")
    assert not Agency.objects.filter(name="某执法局").exists()


def test_bad_input_gets_field_errors_in_chinese_and_writes_nothing(admin, home):
    client = _bearer(admin)
    before = AuditEntry.objects.count()
    response = client.post(f"{API}/agencies", {"region_code": "330106"}, content_type="application/json")
    assert response.status_code == 422
    body = response.json()
    _assert_error_shape(body, "invalid")
    assert body["fields"]["name"] == ["必填。"]
    response = client.post(
        f"{API}/agencies",
        {"name": "某执法局", "region_code": "330106", "domain_code": home.domain.code, "credit_code": "123"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "credit_code" in response.json()["fields"]
    assert AuditEntry.objects.count() == before


def test_malformed_json_is_a_422_not_a_500(admin):
    response = _bearer(admin).post(f"{API}/agencies", "{not json", content_type="application/json")
    assert response.status_code in {400, 422}
    assert set(response.json()) >= {"code", "message", "fields"}


def test_a_stale_version_gets_409(admin, home):
    client = _bearer(admin)
    ok = client.patch(
        f"{API}/agencies/{home.pk}", {"version": 1, "name": "新名称执法局"}, content_type="application/json"
    )
    assert ok.status_code == 200
    assert ok.json()["version"] == 2
    stale = client.patch(
        f"{API}/agencies/{home.pk}", {"version": 1, "name": "又一个名称"}, content_type="application/json"
    )
    assert stale.status_code == 409
    _assert_error_shape(stale.json(), "stale_version")


def test_session_writes_need_the_csrf_token(home, admin):
    client = Client(enforce_csrf_checks=True)
    client.force_login(admin, backend="zhifa.orgs.auth.backend.PolicyBackend")
    response = client.post(f"{API}/teams", {"agency_id": home.pk, "name": "新中队"}, content_type="application/json")
    assert response.status_code in {401, 403}
    client.get("/")  # a page with a form sets the CSRF cookie
    token = client.cookies["csrftoken"].value
    response = client.post(
        f"{API}/teams",
        {"agency_id": home.pk, "name": "新中队"},
        content_type="application/json",
        HTTP_X_CSRFTOKEN=token,
    )
    assert response.status_code == 201, response.content


def test_a_revoked_token_no_longer_works(admin):
    token, raw = create_api_token(by=admin, name="ci")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get(f"{API}/me").status_code == 200
    revoke_api_token(token, by=admin)
    assert client.get(f"{API}/me").status_code == 401


def test_officer_lifecycle_through_the_api(admin, home):
    client = _bearer(admin)
    created = client.post(
        f"{API}/officers",
        {"username": "zhangsan", "full_name": "张三", "agency_id": home.pk},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    officer = created.json()
    issued = client.post(
        f"{API}/officers/{officer['id']}/credentials",
        {
            "number": "33010600000001",
            "domain_code": home.domain.code,
            "valid_from": "2026-01-01",
            "valid_to": "2028-12-31",
        },
        content_type="application/json",
    )
    assert issued.status_code == 201
    roles = client.put(
        f"{API}/officers/{officer['id']}/roles", {"roles": ["officer", "team_lead"]}, content_type="application/json"
    )
    assert roles.json()["roles"] == ["officer", "team_lead"]
    reset = client.post(f"{API}/officers/{officer['id']}/reset-password")
    assert len(reset.json()["temporary_password"]) == 12
    revoked = client.post(
        f"{API}/credentials/{issued.json()['id']}/revoke", {"reason": "调岗"}, content_type="application/json"
    )
    assert revoked.json()["valid_today"] is False


def test_regions_are_browsable_by_parent(signed_in, home):
    officer = OfficerFactory(agency=home).user
    client = signed_in(officer)
    top = client.get(f"{API}/regions").json()
    assert [r["code"] for r in top["items"]] == ["330000"]
    children = client.get(f"{API}/regions", {"parent": "330100"}).json()
    assert {r["name"] for r in children["items"]} == {"西湖区", "上城区"}
    assert client.get(f"{API}/regions/330106").json()["parent_code"] == "330100"
