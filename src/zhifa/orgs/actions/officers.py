"""Officers, their accounts and their roles."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from zhifa.core.errors import InvalidInput, PermissionDenied
from zhifa.core.locking import update_versioned
from zhifa.core.snapshot import diff, snapshot
from zhifa.core.validation import integrity_as_invalid, validate
from zhifa.orgs import permissions as perms
from zhifa.orgs.choices import Role
from zhifa.orgs.events import OFFICER_CHANGED, OFFICER_CREATED, ROLES_CHANGED, audit
from zhifa.orgs.models import Agency, Officer, RoleGrant, Team, User
from zhifa.orgs.policy import forget_principal, grantable_roles, reaches_admin_site, require

OFFICER_FIELDS = ["agency", "team", "is_active"]
USER_FIELDS = ["full_name", "phone"]


def _check_password(password: str, user: User) -> None:
    try:
        validate_password(password, user)
    except ValidationError as error:
        raise InvalidInput(_("密码不符合要求。"), fields={"password": error.messages}) from error


def _check_team(agency: Agency, team: Team | None) -> None:
    if team is not None and team.agency_id != agency.pk:
        raise InvalidInput(_("所选队伍不属于该执法主体。"), fields={"team": [_("请选择本机关的队伍。")]})


def _check_roles(by: Any | None, roles: set[str]) -> None:
    unknown = roles - set(Role.values)
    if unknown:
        raise InvalidInput(_("未知角色：%(roles)s") % {"roles": ", ".join(sorted(unknown))}, fields={"roles": []})
    if by is not None and not roles <= grantable_roles(by):
        raise PermissionDenied(
            _("您不能授予或撤销这些角色：%(roles)s") % {"roles": ", ".join(sorted(roles - grantable_roles(by)))}
        )


@transaction.atomic
def create_officer(
    *,
    by: Any | None,
    username: str,
    full_name: str,
    agency: Agency,
    roles: Iterable[str] = (Role.OFFICER,),
    team: Team | None = None,
    phone: str = "",
    password: str | None = None,
    must_change_password: bool = True,
) -> Officer:
    """Create the account and the officer together. Without a password the account cannot sign
    in until an administrator resets it."""
    officer = Officer(agency=agency, team=team)
    if by is not None:
        require(by, perms.ADD_OFFICER, officer)
    role_set = set(roles)
    _check_roles(by, role_set)
    _check_team(agency, team)
    user = User(username=username.strip(), full_name=full_name.strip(), phone=phone.strip())
    user.is_staff = reaches_admin_site(role_set)
    if password is None:
        user.set_unusable_password()
    else:
        _check_password(password, user)
        user.set_password(password)
        user.must_change_password = must_change_password
    validate(user)
    with integrity_as_invalid(_("用户名已被占用。")):
        user.save()
    officer.user = user
    validate(officer)
    officer.save()
    RoleGrant.objects.bulk_create([RoleGrant(officer=officer, role=role) for role in sorted(role_set)])
    audit(
        OFFICER_CREATED,
        by=by,
        obj=officer,
        changes={
            "new": {**snapshot(user, ["username", *USER_FIELDS]), **snapshot(officer, OFFICER_FIELDS)},
            "roles": sorted(role_set),
        },
    )
    return officer


@transaction.atomic
def update_officer(officer: Officer, *, by: Any | None, expected_version: int | None, **changes: Any) -> Officer:
    """Change name, phone, agency, team or whether the officer is in post."""
    allowed = set(OFFICER_FIELDS) | set(USER_FIELDS)
    unknown = set(changes) - allowed
    if unknown:
        raise InvalidInput(_("不能修改这些字段：%(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if by is not None:
        require(by, perms.CHANGE_OFFICER, officer)
    user = officer.user
    before = {**snapshot(user, USER_FIELDS), **snapshot(officer, OFFICER_FIELDS)}
    for name, value in changes.items():
        setattr(user if name in USER_FIELDS else officer, name, value)
    if by is not None:
        require(by, perms.CHANGE_OFFICER, officer)  # a transfer must land inside the actor's jurisdiction
    _check_team(officer.agency, officer.team)
    validate(user)
    validate(officer)
    delta = diff(before, {**snapshot(user, USER_FIELDS), **snapshot(officer, OFFICER_FIELDS)})
    if not delta["new"]:
        return officer
    user.save(update_fields=[name for name in USER_FIELDS if name in changes] or None)
    update_versioned(
        officer,
        expected_version=expected_version,
        values={n: getattr(officer, n) for n in OFFICER_FIELDS if n in changes},
    )
    forget_principal(user)
    audit(OFFICER_CHANGED, by=by, obj=officer, changes=delta)
    return officer


@transaction.atomic
def set_roles(officer: Officer, *, by: Any | None, roles: Iterable[str]) -> Officer:
    if by is not None:
        require(by, perms.CHANGE_OFFICER, officer)
    wanted = set(roles)
    current = set(RoleGrant.objects.select_for_update().filter(officer=officer).values_list("role", flat=True))
    added, removed = wanted - current, current - wanted
    if not added and not removed:
        return officer
    _check_roles(by, added | removed)
    RoleGrant.objects.filter(officer=officer, role__in=removed).delete()
    RoleGrant.objects.bulk_create([RoleGrant(officer=officer, role=role) for role in sorted(added)])
    user = officer.user
    is_staff = reaches_admin_site(wanted)
    if user.is_staff != is_staff:
        user.is_staff = is_staff
        user.save(update_fields=["is_staff"])
    forget_principal(user)
    audit(ROLES_CHANGED, by=by, obj=officer, changes={"old": sorted(current), "new": sorted(wanted)})
    return officer
