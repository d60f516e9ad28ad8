"""The org tree: regions, domains, agencies, teams, officers, credentials."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status

from zhifa.api import presenters
from zhifa.api.pagination import keyset_page
from zhifa.api.schemas.common import ErrorOut
from zhifa.api.schemas.orgs import (
    AgencyCreateIn,
    AgencyOut,
    AgencyUpdateIn,
    CredentialIssueIn,
    CredentialOut,
    CredentialRevokeIn,
    DomainOut,
    OfficerCreateIn,
    OfficerOut,
    OfficerUpdateIn,
    RegionOut,
    RolesIn,
    TeamCreateIn,
    TeamOut,
    TemporaryPasswordOut,
)
from zhifa.core.errors import InvalidInput
from zhifa.core.scoping import fetch_for
from zhifa.orgs import permissions as perms
from zhifa.orgs.actions import accounts, agencies, credentials, officers
from zhifa.orgs.models import Agency, Credential, Domain, Officer, Region, Team

router = Router(tags=["orgs"])
ERRORS: dict[int, Any] = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class Page(Schema):
    after: int | None = None
    limit: int = 50


class RegionFilter(Schema):
    parent: str | None = None
    level: str | None = None
    q: str | None = None
    after: str | None = None
    limit: int = 100


@router.get("/regions", response={200: dict[str, Any], **ERRORS}, summary="List regions (children of a parent)")
def list_regions(request: HttpRequest, filters: Query[RegionFilter]) -> dict[str, Any]:
    regions = Region.objects.restrict(request.user, perms.VIEW_REGION)
    if filters.parent:
        parent = fetch_for(Region, request.user, perms.VIEW_REGION, code=filters.parent)
        regions = regions.filter(parent=parent)
    elif not filters.q:
        regions = regions.filter(parent__isnull=True)
    if filters.level:
        regions = regions.filter(level=filters.level)
    if filters.q:
        regions = regions.filter(name__contains=filters.q)
    return keyset_page(
        regions, after=filters.after, limit=filters.limit, serialize=presenters.region_out, key="code", max_limit=500
    )


@router.get("/regions/{code}", response={200: RegionOut, **ERRORS})
def get_region(request: HttpRequest, code: str) -> dict[str, Any]:
    return presenters.region_out(fetch_for(Region, request.user, perms.VIEW_REGION, code=code))


@router.get("/domains", response={200: list[DomainOut], **ERRORS})
def list_domains(request: HttpRequest) -> list[dict[str, Any]]:
    return [presenters.domain_out(d) for d in Domain.objects.restrict(request.user, perms.VIEW_DOMAIN)]


class AgencyFilter(Page):
    region: str | None = None
    domain: str | None = None
    q: str | None = None


def _agencies(request: HttpRequest) -> Any:
    return Agency.objects.restrict(request.user, perms.VIEW_AGENCY).select_related("region", "domain", "entrusted_by")


@router.get("/agencies", response={200: dict[str, Any], **ERRORS}, summary="Agencies within my jurisdiction")
def list_agencies(request: HttpRequest, filters: Query[AgencyFilter]) -> dict[str, Any]:
    rows = _agencies(request)
    if filters.region:
        region = fetch_for(Region, request.user, perms.VIEW_REGION, code=filters.region)
        rows = rows.filter(region__path__startswith=region.path)
    if filters.domain:
        rows = rows.filter(domain__code=filters.domain)
    if filters.q:
        rows = rows.filter(name__contains=filters.q)
    return keyset_page(rows, after=filters.after, limit=filters.limit, serialize=presenters.agency_out)


@router.get("/agencies/{agency_id}", response={200: AgencyOut, **ERRORS})
def get_agency(request: HttpRequest, agency_id: int) -> dict[str, Any]:
    return presenters.agency_out(fetch_for(Agency, request.user, perms.VIEW_AGENCY, pk=agency_id))


def _agency_refs(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    """Turn codes and ids of the payload into objects the actor may see."""
    resolved: dict[str, Any] = {}
    if data.get("region_code") is not None:
        resolved["region"] = fetch_for(Region, request.user, perms.VIEW_REGION, code=data["region_code"])
    if data.get("domain_code") is not None:
        resolved["domain"] = fetch_for(Domain, request.user, perms.VIEW_DOMAIN, code=data["domain_code"])
    if data.get("entrusted_by_id") is not None:
        resolved["entrusted_by"] = fetch_for(Agency, request.user, perms.VIEW_AGENCY, pk=data["entrusted_by_id"])
    return resolved


@router.post("/agencies", response={201: AgencyOut, **ERRORS})
def create_agency(request: HttpRequest, payload: AgencyCreateIn) -> Status[dict[str, Any]]:
    refs = _agency_refs(request, payload.dict())
    agency = agencies.create_agency(
        by=request.user,
        name=payload.name,
        legal_status=payload.legal_status,
        credit_code=payload.credit_code,
        region=refs["region"],
        domain=refs["domain"],
        entrusted_by=refs.get("entrusted_by"),
    )
    return Status(201, presenters.agency_out(agency))


@router.patch("/agencies/{agency_id}", response={200: AgencyOut, **ERRORS})
def update_agency(request: HttpRequest, agency_id: int, payload: AgencyUpdateIn) -> dict[str, Any]:
    agency = fetch_for(Agency, request.user, perms.VIEW_AGENCY, pk=agency_id)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    changes = {k: v for k, v in data.items() if k in {"name", "legal_status", "credit_code", "is_active"}}
    changes.update(_agency_refs(request, data))
    if "entrusted_by_id" in data and data["entrusted_by_id"] is None:
        changes["entrusted_by"] = None
    updated = agencies.update_agency(agency, by=request.user, expected_version=version, **changes)
    return presenters.agency_out(updated)


@router.get("/agencies/{agency_id}/teams", response={200: list[TeamOut], **ERRORS})
def list_teams(request: HttpRequest, agency_id: int) -> list[dict[str, Any]]:
    agency = fetch_for(Agency, request.user, perms.VIEW_AGENCY, pk=agency_id)
    return [presenters.team_out(t) for t in Team.objects.restrict(request.user, perms.VIEW_TEAM).filter(agency=agency)]


@router.post("/teams", response={201: TeamOut, **ERRORS})
def create_team(request: HttpRequest, payload: TeamCreateIn) -> Status[dict[str, Any]]:
    agency = fetch_for(Agency, request.user, perms.VIEW_AGENCY, pk=payload.agency_id)
    return Status(201, presenters.team_out(agencies.create_team(by=request.user, agency=agency, name=payload.name)))


class OfficerFilter(Page):
    agency: int | None = None
    q: str | None = None


def _officers(request: HttpRequest) -> Any:
    return (
        Officer.objects.restrict(request.user, perms.VIEW_OFFICER)
        .select_related("user", "agency", "team")
        .prefetch_related("role_grants", "credentials__domain")
    )


@router.get("/officers", response={200: dict[str, Any], **ERRORS})
def list_officers(request: HttpRequest, filters: Query[OfficerFilter]) -> dict[str, Any]:
    rows = _officers(request)
    if filters.agency:
        rows = rows.filter(agency_id=filters.agency)
    if filters.q:
        rows = rows.filter(user__full_name__contains=filters.q)
    return keyset_page(rows, after=filters.after, limit=filters.limit, serialize=presenters.officer_out)


@router.get("/officers/{officer_id}", response={200: OfficerOut, **ERRORS})
def get_officer(request: HttpRequest, officer_id: int) -> dict[str, Any]:
    officer = _officers(request).filter(pk=officer_id).first()
    if officer is None:
        fetch_for(Officer, request.user, perms.VIEW_OFFICER, pk=officer_id)  # raises the one NotFound
    return presenters.officer_out(officer)


@router.post("/officers", response={201: OfficerOut, **ERRORS})
def create_officer(request: HttpRequest, payload: OfficerCreateIn) -> Status[dict[str, Any]]:
    agency = fetch_for(Agency, request.user, perms.VIEW_AGENCY, pk=payload.agency_id)
    team = fetch_for(Team, request.user, perms.VIEW_TEAM, pk=payload.team_id) if payload.team_id else None
    officer = officers.create_officer(
        by=request.user,
        username=payload.username,
        full_name=payload.full_name,
        agency=agency,
        team=team,
        phone=payload.phone,
        roles=payload.roles,
    )
    return Status(201, presenters.officer_out(_officers(request).get(pk=officer.pk)))


@router.patch("/officers/{officer_id}", response={200: OfficerOut, **ERRORS})
def update_officer(request: HttpRequest, officer_id: int, payload: OfficerUpdateIn) -> dict[str, Any]:
    officer = fetch_for(Officer, request.user, perms.VIEW_OFFICER, pk=officer_id)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    changes = {k: v for k, v in data.items() if k in {"full_name", "phone", "is_active"}}
    if "agency_id" in data:
        if data["agency_id"] is None:
            raise InvalidInput(_("执法人员必须属于一个执法主体。"), fields={"agency_id": [_("必填。")]})
        changes["agency"] = fetch_for(Agency, request.user, perms.VIEW_AGENCY, pk=data["agency_id"])
    if "team_id" in data:
        changes["team"] = (
            fetch_for(Team, request.user, perms.VIEW_TEAM, pk=data["team_id"]) if data["team_id"] else None
        )
    officers.update_officer(officer, by=request.user, expected_version=version, **changes)
    return presenters.officer_out(_officers(request).get(pk=officer.pk))


@router.put("/officers/{officer_id}/roles", response={200: OfficerOut, **ERRORS})
def set_roles(request: HttpRequest, officer_id: int, payload: RolesIn) -> dict[str, Any]:
    officer = fetch_for(Officer, request.user, perms.VIEW_OFFICER, pk=officer_id)
    officers.set_roles(officer, by=request.user, roles=payload.roles)
    return presenters.officer_out(_officers(request).get(pk=officer.pk))


@router.post("/officers/{officer_id}/reset-password", response={200: TemporaryPasswordOut, **ERRORS})
def reset_password(request: HttpRequest, officer_id: int) -> dict[str, Any]:
    officer = fetch_for(Officer, request.user, perms.VIEW_OFFICER, pk=officer_id)
    return {"temporary_password": accounts.reset_password(officer.user, by=request.user)}


@router.post("/officers/{officer_id}/credentials", response={201: CredentialOut, **ERRORS})
def issue_credential(request: HttpRequest, officer_id: int, payload: CredentialIssueIn) -> Status[dict[str, Any]]:
    officer = fetch_for(Officer, request.user, perms.VIEW_OFFICER, pk=officer_id)
    domain = fetch_for(Domain, request.user, perms.VIEW_DOMAIN, code=payload.domain_code)
    credential = credentials.issue_credential(
        by=request.user,
        officer=officer,
        number=payload.number,
        domain=domain,
        valid_from=payload.valid_from,
        valid_to=payload.valid_to,
    )
    return Status(201, presenters.credential_out(credential))


@router.post("/credentials/{credential_id}/revoke", response={200: CredentialOut, **ERRORS})
def revoke_credential(request: HttpRequest, credential_id: int, payload: CredentialRevokeIn) -> dict[str, Any]:
    credential = fetch_for(Credential, request.user, perms.VIEW_CREDENTIAL, pk=credential_id)
    return presenters.credential_out(credentials.revoke_credential(credential, by=request.user, reason=payload.reason))
