"""Model → output dict, explicitly, field by field."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from zhifa.orgs.models import Agency, ApiToken, Credential, Domain, Officer, Region, Team


def region_out(region: Region) -> dict[str, Any]:
    parent_code = region.path.strip("/").split("/")[-2] if region.parent_id else None
    return {
        "code": region.code,
        "name": region.name,
        "level": region.level,
        "parent_code": parent_code,
        "path": region.path,
    }


def domain_out(domain: Domain) -> dict[str, Any]:
    return {"code": domain.code, "name": domain.name}


def agency_out(agency: Agency) -> dict[str, Any]:
    return {
        "id": agency.pk,
        "name": agency.name,
        "credit_code": agency.credit_code,
        "region": region_out(agency.region),
        "domain": domain_out(agency.domain),
        "legal_status": agency.legal_status,
        "legal_status_label": agency.get_legal_status_display(),
        "entrusted_by": {"id": agency.entrusted_by.pk, "name": agency.entrusted_by.name}
        if agency.entrusted_by
        else None,
        "is_active": agency.is_active,
        "version": agency.version,
    }


def team_out(team: Team) -> dict[str, Any]:
    return {
        "id": team.pk,
        "agency_id": team.agency_id,
        "name": team.name,
        "is_active": team.is_active,
        "version": team.version,
    }


def credential_out(credential: Credential) -> dict[str, Any]:
    return {
        "id": credential.pk,
        "number": credential.number,
        "domain": domain_out(credential.domain),
        "valid_from": credential.valid_from,
        "valid_to": credential.valid_to,
        "revoked_at": credential.revoked_at,
        "valid_today": credential.is_valid_on(timezone.localdate()),
    }


def officer_out(officer: Officer) -> dict[str, Any]:
    return {
        "id": officer.pk,
        "username": officer.user.username,
        "full_name": officer.user.full_name,
        "agency": {"id": officer.agency.pk, "name": officer.agency.name},
        "team": {"id": officer.team.pk, "name": officer.team.name} if officer.team else None,
        "roles": sorted(officer.roles),
        "is_active": officer.is_active,
        "version": officer.version,
        "credentials": [credential_out(c) for c in officer.credentials.all()],
    }


def token_out(token: ApiToken) -> dict[str, Any]:
    return {
        "id": token.pk,
        "name": token.name,
        "prefix": token.prefix,
        "created_at": token.created_at,
        "expires_at": token.expires_at,
        "last_used_at": token.last_used_at,
        "revoked_at": token.revoked_at,
    }
