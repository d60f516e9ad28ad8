"""Signing in: argon2, lock-out, TOTP for supervisors and administrators, resets, CSRF."""

from __future__ import annotations

import datetime as dt
import importlib
import os
import subprocess
import sys
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


PRODUCTION_KEY = "k" * 50


def _production_settings(monkeypatch, key: str | None = PRODUCTION_KEY):
    """The production settings module, imported afresh with ZHIFA_SECRET_KEY set to `key`."""
    if key is None:
        monkeypatch.delenv("ZHIFA_SECRET_KEY", raising=False)
    else:
        monkeypatch.setenv("ZHIFA_SECRET_KEY", key)
    monkeypatch.delitem(sys.modules, "zhifa.settings.production", raising=False)
    return importlib.import_module("zhifa.settings.production")


def test_production_settings_keep_sessions_safe(monkeypatch):
    production = _production_settings(monkeypatch)
    assert production.SESSION_COOKIE_SECURE
    assert production.CSRF_COOKIE_SECURE
    assert production.SESSION_COOKIE_HTTPONLY
    assert production.SESSION_COOKIE_SAMESITE == "Lax"
    assert production.SECURE_HSTS_SECONDS > 0
    assert not production.DEBUG
    assert production.SECRET_KEY == PRODUCTION_KEY


@pytest.mark.parametrize("key", [None, "", "too-short"])
def test_production_settings_refuse_a_missing_or_short_secret_key(monkeypatch, key):
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured, match="ZHIFA_SECRET_KEY"):
        _production_settings(monkeypatch, key)


def test_zhifa_does_not_start_in_production_without_a_secret_key(tmp_path):
    env = {k: v for k, v in os.environ.items() if k != "ZHIFA_SECRET_KEY"}
    env |= {"DJANGO_SETTINGS_MODULE": "zhifa.settings.production", "ZHIFA_HOME": str(tmp_path)}
    run = subprocess.run(
        [sys.executable, "-m", "zhifa.cli", "check"], env=env, capture_output=True, text=True, check=False, timeout=120
    )
    assert run.returncode != 0
    assert "ZHIFA_SECRET_KEY" in run.stderr
    assert not (tmp_path / "secret_key").exists()  # no key was made up on the spot


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


def test_a_reset_password_revokes_the_users_tokens_and_ends_their_other_sessions(agency):
    officer = OfficerFactory(agency=agency)
    admin = OfficerFactory(agency=agency, roles=[Role.ADMINISTRATOR]).user
    _, raw = accounts.create_api_token(by=officer.user, name="脚本")
    by_token = Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    in_browser = Client()
    assert _post_login(in_browser, officer.user.username, PASSWORD).status_code == 302
    assert by_token.get("/api/v1/me").status_code == 200
    assert in_browser.get(reverse("core:workbench")).status_code == 200

    accounts.reset_password(officer.user, by=admin)

    assert by_token.get("/api/v1/me").status_code == 401
    assert officer.user.api_tokens.get().revoked_at is not None
    page = in_browser.get(reverse("core:workbench"))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("orgs:login"))
    assert in_browser.get("/api/v1/me").status_code == 401
    entry = AuditEntry.objects.filter(action="auth.password_reset").get()
    assert entry.changes["tokens_revoked"] == 1


@override_settings(ZHIFA_LOGIN_MAX_FAILURES=5, ZHIFA_LOGIN_MAX_FAILURES_PER_ADDRESS=4, ZHIFA_LOGIN_ADDRESS_MINUTES=15)
def test_many_failures_from_one_address_throttle_every_account_from_it(agency):
    """One wrong password each for four accounts locks none of them, but the address is stopped."""
    guesser = Client(REMOTE_ADDR="203.0.113.7")
    victims = [OfficerFactory(agency=agency) for _ in range(3)]
    for username in [v.user.username for v in victims] + ["nobody"]:
        assert "用户名或密码不正确" in _post_login(guesser, username, "wrong-password").content.decode()
    assert not User.objects.filter(locked_until__isnull=False).exists()

    other = OfficerFactory(agency=agency)
    page = _post_login(guesser, other.user.username, PASSWORD).content.decode()
    assert "此网络地址登录失败次数过多" in page
    assert "_auth_user_id" not in guesser.session
    refused = AuditEntry.objects.filter(action="auth.sign_in_failed", changes__reason="address_throttled")
    assert refused.get().client_address == "203.0.113.7"

    # The same account from another address signs in; the guesser's address recovers in time.
    assert _post_login(Client(REMOTE_ADDR="198.51.100.20"), other.user.username, PASSWORD).status_code == 302
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=16)):
        assert _post_login(guesser, victims[0].user.username, PASSWORD).status_code == 302
