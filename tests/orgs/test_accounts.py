"""Signing in: argon2, lock-out, TOTP for supervisors and administrators, resets, CSRF."""

from __future__ import annotations

import datetime as dt
import importlib
import time

import pytest
import time_machine
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP

from tests.factories.orgs import PASSWORD, AgencyFactory, OfficerFactory
from zhifa.core.errors import PermissionDenied
from zhifa.core.models import AuditEntry
from zhifa.orgs.actions import accounts
from zhifa.orgs.choices import Role
from zhifa.orgs.models import User

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


@pytest.fixture
def agency(regions):
    return AgencyFactory(region=regions["county"])


def _post_login(client: Client, username: str, password: str) -> object:
    return client.post(LOGIN, {"username": username, "password": password})


def _token(device) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return str(totp.token()).zfill(device.digits)


def test_passwords_are_hashed_with_argon2_in_production():
    base = importlib.import_module("zhifa.settings.base")
    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        user = User.objects.create_user("argon", password="a-Long-passw0rd")
        assert user.password.startswith("argon2")


def test_production_settings_keep_sessions_safe():
    production = importlib.import_module("zhifa.settings.production")
    assert production.SESSION_COOKIE_SECURE
    assert production.CSRF_COOKIE_SECURE
    assert production.SESSION_COOKIE_HTTPONLY
    assert production.SESSION_COOKIE_SAMESITE == "Lax"
    assert production.SECURE_HSTS_SECONDS > 0
    assert not production.DEBUG


def test_an_officer_signs_in_and_lands_on_the_workbench(client, agency):
    officer = OfficerFactory(agency=agency)
    response = _post_login(client, officer.user.username, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("core:workbench")
    page = client.get(reverse("core:workbench"))
    assert agency.name in page.content.decode()
    entry = AuditEntry.objects.order_by("-seq").first()
    assert (entry.action, entry.actor_id) == ("auth.signed_in", officer.user.pk)


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(client, agency):
    officer = OfficerFactory(agency=agency)
    for username in (officer.user.username, "nobody"):
        page = _post_login(client, username, "wrong-password").content.decode()
        assert "用户名或密码不正确" in page
    assert "_auth_user_id" not in client.session


@override_settings(ZHIFA_LOGIN_MAX_FAILURES=3, ZHIFA_LOGIN_LOCK_MINUTES=15)
def test_repeated_failures_lock_the_account_even_against_the_right_password(client, agency):
    officer = OfficerFactory(agency=agency)
    username = officer.user.username
    for _ in range(3):
        _post_login(client, username, "wrong-password")
    page = _post_login(client, username, PASSWORD).content.decode()
    assert "已锁定" in page
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="auth.account_locked").count() == 1
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=16)):
        assert _post_login(client, username, PASSWORD).status_code == 302


@override_settings(ZHIFA_LOGIN_MAX_FAILURES=2)
def test_an_administrator_reset_unlocks_and_forces_a_new_password(client, agency):
    officer = OfficerFactory(agency=agency)
    admin = OfficerFactory(agency=agency, roles=[Role.ADMINISTRATOR]).user
    for _ in range(2):
        _post_login(client, officer.user.username, "wrong-password")
    temporary = accounts.reset_password(officer.user, by=admin)
    assert _post_login(client, officer.user.username, temporary).status_code == 302
    assert client.get(reverse("core:workbench"))["Location"] == reverse("orgs:password_change")
    assert client.get("/api/v1/me").json()["code"] == "password_change_required"
    response = client.post(
        reverse("orgs:password_change"),
        {"old_password": temporary, "new_password": "New-Passw0rd-2026", "new_password_again": "New-Passw0rd-2026"},
    )
    assert response["Location"] == reverse("core:workbench")
    assert client.get(reverse("core:workbench")).status_code == 200


def test_a_reset_is_refused_outside_the_administrators_region(regions, agency):
    officer = OfficerFactory(agency=agency)
    outsider = OfficerFactory(agency=AgencyFactory(region=regions["beside"]), roles=[Role.ADMINISTRATOR]).user
    head = OfficerFactory(agency=agency, roles=[Role.AGENCY_HEAD]).user
    for by in (outsider, head):
        with pytest.raises(PermissionDenied):
            accounts.reset_password(officer.user, by=by)
    officer.user.refresh_from_db()
    assert officer.user.check_password(PASSWORD)


def test_a_weak_new_password_is_refused_with_the_reason(client, agency):
    officer = OfficerFactory(agency=agency)
    client.force_login(officer.user, backend="zhifa.orgs.auth.backend.PolicyBackend")
    page = client.post(
        reverse("orgs:password_change"),
        {"old_password": PASSWORD, "new_password": "12345678", "new_password_again": "12345678"},
    ).content.decode()
    assert "密码" in page
    officer.user.refresh_from_db()
    assert officer.user.check_password(PASSWORD)


def test_a_supervisor_enrols_totp_and_then_needs_it_to_sign_in(client, agency):
    supervisor = OfficerFactory(agency=agency, roles=[Role.SUPERVISOR]).user
    device = accounts.begin_totp_enrollment(by=supervisor)
    accounts.confirm_totp_enrollment(by=supervisor, token=_token(device))
    response = _post_login(client, supervisor.username, PASSWORD)
    assert response["Location"] == reverse("orgs:sign_in_totp")
    assert "_auth_user_id" not in client.session
    page = client.post(reverse("orgs:sign_in_totp"), {"token": "000000"}).content.decode()
    assert "动态口令不正确" in page
    with time_machine.travel(timezone.now() + dt.timedelta(seconds=61)):  # a fresh code, past the throttle
        device.refresh_from_db()
        response = client.post(reverse("orgs:sign_in_totp"), {"token": _token(device)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(supervisor.pk)


def test_officers_cannot_enrol_totp(agency):
    officer = OfficerFactory(agency=agency).user
    with pytest.raises(PermissionDenied):
        accounts.begin_totp_enrollment(by=officer)


def test_the_security_page_shows_a_qr_code_to_a_supervisor(client, agency):
    supervisor = OfficerFactory(agency=agency, roles=[Role.SUPERVISOR]).user
    client.force_login(supervisor, backend="zhifa.orgs.auth.backend.PolicyBackend")
    page = client.post(reverse("orgs:security"), {"step": "start"}).content.decode()
    assert "<svg" in page


def test_sign_in_without_a_csrf_token_is_refused(agency):
    officer = OfficerFactory(agency=agency)
    client = Client(enforce_csrf_checks=True)
    assert _post_login(client, officer.user.username, PASSWORD).status_code == 403


def test_the_admin_signs_in_through_zhifas_own_form(client):
    response = client.get("/admin/login/?next=/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_signing_out_is_a_post_and_is_audited(client, agency):
    officer = OfficerFactory(agency=agency)
    client.force_login(officer.user, backend="zhifa.orgs.auth.backend.PolicyBackend")
    assert client.get(reverse("orgs:logout")).status_code == 405
    client.post(reverse("orgs:logout"))
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.order_by("-seq").first().action == "auth.signed_out"
