"""Reads of the org tree that are more than a filter."""

from __future__ import annotations

import hashlib
from typing import Any

from django.db.models import QuerySet
from django_otp.plugins.otp_totp.models import TOTPDevice

from zhifa.orgs.models import Agency, ApiToken, Credential, Officer, Region, RoleGrant, User
from zhifa.orgs.policy import CredentialInfo, Principal


def load_principal(user: Any) -> Principal:
    """Two queries: the officer with agency and region, then roles and credentials."""
    officer = (
        Officer.objects.select_related("agency__region")
        .filter(user_id=user.pk, is_active=True, agency__is_active=True)
        .first()
    )
    if officer is None:
        return Principal(user.pk, None, None, "", None, None, frozenset(), ())
    roles = frozenset(RoleGrant.objects.filter(officer_id=officer.pk).values_list("role", flat=True))
    credentials = tuple(
        CredentialInfo(c.domain_id, c.valid_from, c.valid_to, c.revoked_at is not None)
        for c in Credential.objects.filter(officer_id=officer.pk).only(
            "domain_id", "valid_from", "valid_to", "revoked_at"
        )
    )
    return Principal(
        user_id=user.pk,
        officer_id=officer.pk,
        agency_id=officer.agency_id,
        agency_name=officer.agency.name,
        team_id=officer.team_id,
        region_path=officer.agency.region.path,
        roles=roles,
        credentials=credentials,
    )


def user_by_id(user_id: int) -> User | None:
    return User.objects.filter(pk=user_id, is_active=True).first()


def pending_totp_device(user: Any) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=False).first()


def tokens_of(user: Any) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user_id=user.pk).order_by("-created_at")


def usable_token(raw: str) -> ApiToken | None:
    """The API token behind a raw bearer value, if it may still be used by an active user."""
    digest = hashlib.sha256(raw.encode("utf-8")).hexdigest()
    record = ApiToken.objects.select_related("user").filter(digest=digest).first()
    if record is None or not record.is_usable() or not record.user.is_active:
        return None
    return record


def officer_of(user: Any) -> Officer | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Officer.objects.select_related("agency__region", "agency__domain", "team")
        .prefetch_related("credentials__domain", "role_grants")
        .filter(user_id=user.pk)
        .first()
    )


def region_ancestors(region: Region) -> QuerySet[Region]:
    codes = [code for code in region.path.strip("/").split("/") if code]
    return Region.objects.filter(code__in=codes).order_by("path")


def region_full_name(region: Region) -> str:
    return "".join(r.name for r in region_ancestors(region) if r.name != "市辖区")


def agencies_in_region(region: Region) -> QuerySet[Agency]:
    """Every agency in `region` and below (for counts and pickers; callers still restrict)."""
    return Agency.objects.filter(region__path__startswith=region.path)


def agencies_near(path: str, *, among: QuerySet[Agency], name: str = "", limit: int = 20) -> list[Agency]:
    """Up to `limit` agencies of `among` whose name contains `name`, the nearest to the region at
    `path` first: those of that region and below, then of each enclosing region up to the
    province, then the rest; by name within each. One bounded query per level (the region path
    and agency name indexes), so a picker's cost does not grow with a country's register."""
    codes = [code for code in path.strip("/").split("/") if code]
    enclosing = ["/" + "/".join(codes[:depth]) + "/" for depth in range(len(codes), 0, -1)]
    matching = (among.filter(name__contains=name.strip()) if name.strip() else among).select_related("region")
    picked: list[Agency] = []
    for prefix in [*enclosing, ""]:
        if len(picked) >= limit:
            break
        level = matching.filter(region__path__startswith=prefix) if prefix else matching
        picked += level.exclude(pk__in=[a.pk for a in picked]).order_by("name")[: limit - len(picked)]
    return picked
