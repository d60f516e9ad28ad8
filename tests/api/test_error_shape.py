"""Every /api/v1 failure has one JSON shape: {code, message (zh-hans), fields}, whether an endpoint
refused it, ninja did, or it never reached an endpoint at all."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.factories.orgs import AgencyFactory, DomainFactory, OfficerFactory
from zhifa.orgs.choices import Role

pytestmark = pytest.mark.django_db
API = "/api/v1"


def _shaped(response: Any, status: int, code: str) -> dict[str, Any]:
    assert response.status_code == status, (response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json"), response["Content-Type"]
    body = response.json()
    assert set(body) >= {"code", "message", "fields"}, body
    assert body["code"] == code, body
    assert isinstance(body["fields"], dict)
    assert any("\u4e00" <= ch <= "\u9fff" for ch in body["message"]), f"not in Chinese: {body['message']}"
    return body


@pytest.fixture
def officer(regions: dict[str, Any]) -> Any:
    agency = AgencyFactory(region=regions["county"], domain=DomainFactory())
    return OfficerFactory(agency=agency).user


@pytest.fixture
def signed_in(officer: Any) -> Client:
    client = Client()
    client.force_login(officer)
    return client


@pytest.mark.parametrize("path", ["/no-such-endpoint", "/", "/agencies/1/no-such-thing", "/openapi.json/x"])
def test_an_unknown_path_is_404_in_the_shape(signed_in: Client, path: str) -> None:
    _shaped(signed_in.get(f"{API}{path}"), 404, "not_found")


def test_an_unknown_path_is_404_in_the_shape_without_signing_in_too(client: Client) -> None:
    _shaped(client.get(f"{API}/no-such-endpoint"), 404, "not_found")


def test_a_page_outside_the_api_still_gets_the_html_404(signed_in: Client) -> None:
    response = signed_in.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(("method", "path"), [("delete", "/me"), ("put", "/agencies"), ("patch", "/cases")])
def test_a_method_the_endpoint_does_not_take_is_405_in_the_shape(signed_in: Client, method: str, path: str) -> None:
    response = getattr(signed_in, method)(f"{API}{path}")
    _shaped(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"]


def test_no_credentials_is_401_in_the_shape(client: Client) -> None:
    _shaped(client.get(f"{API}/agencies"), 401, "unauthenticated")
    _shaped(Client(HTTP_AUTHORIZATION="Bearer zf_not-a-token").get(f"{API}/me"), 401, "unauthenticated")


def test_a_forbidden_action_is_403_in_the_shape_with_the_reason(signed_in: Client, regions: dict[str, Any]) -> None:
    response = signed_in.post(
        f"{API}/agencies",
        {"name": "新主体", "region_code": regions["county"].code, "domain_code": "urban_management"},
        content_type="application/json",
    )
    body = _shaped(response, 403, "permission_denied")
    assert "权限" in body["message"]


def test_a_session_write_without_csrf_is_403_in_the_shape(officer: Any) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(officer)
    response = client.post(f"{API}/me/tokens", {"name": "脚本"}, content_type="application/json")
    _shaped(response, 403, "csrf_failed")


def test_invalid_input_is_422_with_field_errors(signed_in: Client) -> None:
    body = _shaped(signed_in.get(f"{API}/agencies/not-a-number"), 422, "invalid")
    assert body["fields"] == {"agency_id": ["应为整数。"]}
    body = _shaped(signed_in.post(f"{API}/me/tokens", {}, content_type="application/json"), 422, "invalid")
    assert body["fields"]["name"] == ["必填。"]


def test_a_body_that_is_not_json_is_400_in_the_shape(signed_in: Client) -> None:
    response = signed_in.post(f"{API}/me/tokens", "{not json", content_type="application/json")
    _shaped(response, 400, "bad_request")


def test_an_exception_inside_an_endpoint_is_500_in_the_shape(signed_in: Client, monkeypatch: Any) -> None:
    from zhifa.api.routers import me

    def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(me.presenters, "officer_out", broken)
    signed_in.raise_request_exception = False
    body = _shaped(signed_in.get(f"{API}/me"), 500, "server_error")
    assert "boom" not in body["message"]


def test_an_exception_before_any_endpoint_is_500_in_the_shape(officer: Any, monkeypatch: Any) -> None:
    from zhifa.orgs.middleware import AccountStateMiddleware

    def broken(self: Any, request: Any) -> None:
        raise RuntimeError("boom in a middleware")

    monkeypatch.setattr(AccountStateMiddleware, "__call__", broken)
    client = Client(raise_request_exception=False)
    client.force_login(officer)
    response = client.get(f"{API}/me")
    body = _shaped(response, 500, "server_error")
    assert "boom" not in response.content.decode()
    assert body["fields"] == {}
    assert response["X-Request-ID"]


def test_a_stale_version_is_409_in_the_shape(regions: dict[str, Any]) -> None:
    agency = AgencyFactory(region=regions["county"], domain=DomainFactory())
    admin = OfficerFactory(agency=agency, roles=[Role.ADMINISTRATOR]).user
    client = Client()
    client.force_login(admin)
    response = client.patch(
        f"{API}/agencies/{agency.pk}", {"version": 99, "name": "改名"}, content_type="application/json"
    )
    _shaped(response, 409, "stale_version")
