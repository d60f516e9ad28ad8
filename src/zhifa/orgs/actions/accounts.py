"""Signing in and out, passwords, the TOTP second factor and API tokens."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate, login, logout
from django.db import transaction
from django.db.models import F
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from zhifa.core import context
from zhifa.core.errors import DomainError, InvalidInput, PermissionDenied
from zhifa.core.models import AuditEntry
from zhifa.orgs import permissions as perms
from zhifa.orgs.actions.officers import _check_password
from zhifa.orgs.events import (
    ACCOUNT_LOCKED,
    PASSWORD_CHANGED,
    PASSWORD_RESET,
    SIGN_IN_FAILED,
    SIGNED_IN,
    SIGNED_OUT,
    TOKEN_CREATED,
    TOKEN_REVOKED,
    TOTP_ENROLLED,
    TOTP_REMOVED,
    audit,
)
from zhifa.orgs.models import ApiToken, User
from zhifa.orgs.policy import require


class SignInRefused(DomainError):
    http_status = 401
    default_code = "sign_in_refused"


def _bad_credentials() -> str:
    return _("用户名或密码不正确。")


def _locked_message(user: User) -> str:
    until = timezone.localtime(user.locked_until).strftime("%H:%M") if user.locked_until else ""
    return _("连续登录失败次数过多，账户已锁定至 %(time)s，请稍后再试或联系管理员。") % {"time": until}


def _record_failure(user: User | None, username: str, reason: str) -> str:
    """Count a failure; lock the account when the limit is reached. Returns the message to show."""
    if user is None:
        audit(
            SIGN_IN_FAILED,
            by=None,
            changes={"username": username[:150], "reason": "unknown_user"},
            object_repr=username[:150],
        )
        return _bad_credentials()
    User.objects.filter(pk=user.pk).update(failed_logins=F("failed_logins") + 1)
    user.refresh_from_db(fields=["failed_logins", "locked_until"])
    audit(SIGN_IN_FAILED, by=None, obj=user, changes={"reason": reason, "failures": user.failed_logins})
    if user.failed_logins >= settings.ZHIFA_LOGIN_MAX_FAILURES:
        user.locked_until = timezone.now() + dt.timedelta(minutes=settings.ZHIFA_LOGIN_LOCK_MINUTES)
        user.failed_logins = 0
        user.save(update_fields=["locked_until", "failed_logins"])
        audit(ACCOUNT_LOCKED, by=None, obj=user, changes={"until": user.locked_until})
        return _locked_message(user)
    return _bad_credentials()


def _address_throttled(address: str | None) -> bool:
    """Has this client address failed to sign in too often lately, whatever the usernames?

    The per-account lock stops guessing one password; this stops one client from trying many
    accounts. The failures are counted from the audit chain (SIGN_IN_FAILED entries carry the
    client address), so the count holds across server processes and restarts."""
    if not address:
        return False
    since = timezone.now() - dt.timedelta(minutes=settings.ZHIFA_LOGIN_ADDRESS_MINUTES)
    failures = AuditEntry.objects.filter(
        client_address=address, action=SIGN_IN_FAILED.code, created_at__gte=since
    ).count()
    return failures >= settings.ZHIFA_LOGIN_MAX_FAILURES_PER_ADDRESS


def _throttled_message() -> str:
    return _("此网络地址登录失败次数过多，请 %(minutes)s 分钟后再试。") % {
        "minutes": settings.ZHIFA_LOGIN_ADDRESS_MINUTES
    }


def check_password_step(*, request: HttpRequest | None, username: str, password: str) -> User:
    """The first step of signing in. Failures are counted and committed before refusing."""
    refusal: str | None = None
    with transaction.atomic():
        user = User.objects.select_for_update().filter(username=username).first()
        if _address_throttled(context.current().client_address):
            # Even the right password is refused: otherwise the throttle would still confirm guesses.
            audit(
                SIGN_IN_FAILED,
                by=None,
                obj=user,
                changes={"username": username[:150], "reason": "address_throttled"},
                object_repr=None if user is not None else username[:150],
            )
            refusal = _throttled_message()
        elif user is not None and user.is_locked():
            audit(SIGN_IN_FAILED, by=None, obj=user, changes={"reason": "locked"})
            refusal = _locked_message(user)
        elif authenticate(request, username=username, password=password) is None:
            refusal = _record_failure(user, username, "password")
        elif user is not None and (user.failed_logins or user.locked_until):
            User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)
    if refusal is not None or user is None:
        raise SignInRefused(refusal or _bad_credentials())
    return user


def confirmed_totp_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def check_totp_step(*, user: User, token: str) -> TOTPDevice:
    """The second step for accounts with a confirmed TOTP device."""
    refusal: str | None = None
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        device = confirmed_totp_device(locked)
        if locked.is_locked():
            refusal = _locked_message(locked)
        elif device is None or not device.verify_token(token.strip()):
            refusal = _record_failure(locked, locked.username, "totp")
            if refusal == _bad_credentials():
                refusal = _("动态口令不正确。")
    if refusal is not None or device is None:
        raise SignInRefused(refusal or _("动态口令不正确。"))
    return device


@transaction.atomic
def complete_sign_in(request: HttpRequest, *, user: User, device: TOTPDevice | None = None) -> None:
    login(request, user, backend="zhifa.orgs.auth.backend.PolicyBackend")
    if device is not None:
        otp_login(request, device)
    User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None)
    audit(SIGNED_IN, by=user, obj=user, changes={"second_factor": device is not None})


@transaction.atomic
def sign_out(request: HttpRequest) -> None:
    user = request.user
    if user.is_authenticated:
        audit(SIGNED_OUT, by=user, obj=user)  # type: ignore[arg-type]
    logout(request)


@transaction.atomic
def change_password(user: User, *, by: Any, old_password: str, new_password: str) -> User:
    if by.pk != user.pk:
        raise PermissionDenied(_("只能修改自己的密码；他人的密码请由管理员重置。"))
    if not user.check_password(old_password):
        raise InvalidInput(_("原密码不正确。"), fields={"old_password": [_("原密码不正确。")]})
    if old_password == new_password:
        raise InvalidInput(_("新密码不能与原密码相同。"), fields={"new_password": [_("请换一个新密码。")]})
    try:
        _check_password(new_password, user)
    except InvalidInput as error:
        raise InvalidInput(error.message, fields={"new_password": error.fields.get("password", [])}) from error
    user.set_password(new_password)
    user.must_change_password = False
    user.save(update_fields=["password", "must_change_password"])
    audit(PASSWORD_CHANGED, by=by, obj=user)
    return user


def _temporary_password() -> str:
    alphabet = "ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(12))


@transaction.atomic
def reset_password(user: User, *, by: Any) -> str:
    """Give the user a one-time password (returned, shown once) that must be changed at sign-in.
    The lock is lifted too: resetting is how an administrator unlocks an account.

    A reset is what follows a lost or leaked password, so whoever held the old one is shut out:
    the user's API tokens are revoked, and every open session ends (Django checks each session
    against a hash of the password on every request)."""
    officer = getattr(user, "officer", None)
    if officer is None:
        if not getattr(by, "is_superuser", False):
            raise PermissionDenied(_("只有系统管理员可以重置此账户。"))
    else:
        require(by, perms.RESET_PASSWORD, officer)
    password = _temporary_password()
    user.set_password(password)
    user.must_change_password = True
    user.failed_logins = 0
    user.locked_until = None
    user.save(update_fields=["password", "must_change_password", "failed_logins", "locked_until"])
    revoked = ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())
    audit(PASSWORD_RESET, by=by, obj=user, changes={"tokens_revoked": revoked})
    return password


@transaction.atomic
def begin_totp_enrollment(*, by: User) -> TOTPDevice:
    require(by, perms.USE_TOTP)
    TOTPDevice.objects.filter(user=by, confirmed=False).delete()
    return TOTPDevice.objects.create(user=by, name=_("动态口令"), confirmed=False)


@transaction.atomic
def confirm_totp_enrollment(*, by: User, token: str) -> TOTPDevice:
    require(by, perms.USE_TOTP)
    device = TOTPDevice.objects.select_for_update().filter(user=by, confirmed=False).first()
    if device is None:
        raise InvalidInput(_("请先生成二维码。"))
    if not device.verify_token(token.strip()):
        raise InvalidInput(_("动态口令不正确，请核对手机上的 6 位数字。"), fields={"token": [_("动态口令不正确。")]})
    TOTPDevice.objects.filter(user=by, confirmed=True).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit(TOTP_ENROLLED, by=by, obj=by)
    return device


@transaction.atomic
def remove_totp(user: User, *, by: Any) -> None:
    if by.pk != user.pk:
        officer = getattr(user, "officer", None)
        if officer is None:
            raise PermissionDenied(_("只有系统管理员可以修改此账户。"))
        require(by, perms.RESET_PASSWORD, officer)
    if TOTPDevice.objects.filter(user=user).delete()[0]:
        audit(TOTP_REMOVED, by=by, obj=user)


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@transaction.atomic
def create_api_token(*, by: User, name: str, expires_at: dt.datetime | None = None) -> tuple[ApiToken, str]:
    """A new token for the actor's own use; the raw token is returned once and never stored."""
    if not name.strip():
        raise InvalidInput(_("请填写令牌用途。"), fields={"name": [_("必填。")]})
    if expires_at is not None and expires_at <= timezone.now():
        raise InvalidInput(_("过期时间须晚于现在。"), fields={"expires_at": [_("须晚于现在。")]})
    raw = "zf_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=by, name=name.strip(), prefix=raw[:8], digest=token_digest(raw), expires_at=expires_at
    )
    audit(TOKEN_CREATED, by=by, obj=token, changes={"name": token.name, "expires_at": expires_at})
    return token, raw


@transaction.atomic
def revoke_api_token(token: ApiToken, *, by: User) -> None:
    if token.user_id != by.pk and not by.is_superuser:
        raise PermissionDenied(_("只能撤销自己的令牌。"))
    if ApiToken.objects.filter(pk=token.pk, revoked_at__isnull=True).update(revoked_at=timezone.now()):
        audit(TOKEN_REVOKED, by=by, obj=token)


def note_token_use(token: ApiToken) -> None:
    """Remember when a token was last used (at most once a minute). Telemetry, not a state
    change of the domain, so it writes no audit entry."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


@transaction.atomic
def set_password_by_system(user: User, *, password: str, must_change: bool) -> None:
    """For the command line only (demo accounts, a first superuser): no actor, still audited."""
    _check_password(password, user)
    user.set_password(password)
    user.must_change_password = must_change
    user.failed_logins = 0
    user.locked_until = None
    user.save(update_fields=["password", "must_change_password", "failed_logins", "locked_until"])
    audit(PASSWORD_RESET, by=None, obj=user, changes={"by": "system"})
