"""Input and output shapes of the org-tree endpoints (explicit: no model is exposed as is)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from zhifa.api.schemas.common import Ref

LegalStatusIn = Literal["statutory", "authorised", "entrusted"]
RoleIn = Literal["officer", "team_lead", "agency_head", "legal_reviewer", "dispatcher", "supervisor", "administrator"]


class RegionOut(Schema):
    code: str
    name: str
    level: str
    parent_code: str | None
    path: str


class DomainOut(Schema):
    code: str
    name: str


class AgencyOut(Schema):
    id: int
    name: str
    credit_code: str
    region: RegionOut
    domain: DomainOut
    legal_status: str
    legal_status_label: str
    entrusted_by: Ref | None
    is_active: bool
    version: int


class AgencyCreateIn(Schema):
    name: str = Field(min_length=2, max_length=200)
    region_code: str = Field(max_length=12)
    domain_code: str = Field(max_length=40)
    legal_status: LegalStatusIn = "statutory"
    entrusted_by_id: int | None = None
    credit_code: str = Field("", max_length=18)


class AgencyUpdateIn(Schema):
    version: int = Field(description="The version the client read; a stale one gets 409.")
    name: str | None = Field(None, min_length=2, max_length=200)
    region_code: str | None = None
    domain_code: str | None = None
    legal_status: LegalStatusIn | None = None
    entrusted_by_id: int | None = None
    credit_code: str | None = Field(None, max_length=18)
    is_active: bool | None = None


class TeamOut(Schema):
    id: int
    agency_id: int
    name: str
    is_active: bool
    version: int


class TeamCreateIn(Schema):
    agency_id: int
    name: str = Field(min_length=1, max_length=100)


class CredentialOut(Schema):
    id: int
    number: str
    domain: DomainOut
    valid_from: dt.date
    valid_to: dt.date
    revoked_at: dt.datetime | None
    valid_today: bool


class CredentialIssueIn(Schema):
    number: str = Field(min_length=4, max_length=40)
    domain_code: str
    valid_from: dt.date
    valid_to: dt.date


class CredentialRevokeIn(Schema):
    reason: str = Field(min_length=1, max_length=200)


class OfficerOut(Schema):
    id: int
    username: str
    full_name: str
    agency: Ref
    team: Ref | None
    roles: list[str]
    is_active: bool
    version: int
    credentials: list[CredentialOut]


class OfficerCreateIn(Schema):
    username: str = Field(min_length=3, max_length=150, pattern=r"^[\w.@+-]+$")
    full_name: str = Field(min_length=1, max_length=60)
    agency_id: int
    team_id: int | None = None
    phone: str = Field("", max_length=20)
    roles: list[RoleIn] = Field(default=["officer"])


class OfficerUpdateIn(Schema):
    version: int
    full_name: str | None = Field(None, min_length=1, max_length=60)
    phone: str | None = Field(None, max_length=20)
    agency_id: int | None = None
    team_id: int | None = None
    is_active: bool | None = None


class RolesIn(Schema):
    roles: list[RoleIn]


class TemporaryPasswordOut(Schema):
    temporary_password: str


class MeOut(Schema):
    id: int
    username: str
    full_name: str
    is_superuser: bool
    officer: OfficerOut | None
    can_enforce: bool
    permissions: list[str]


class TokenCreateIn(Schema):
    name: str = Field(min_length=1, max_length=80)
    expires_at: dt.datetime | None = None


class TokenOut(Schema):
    id: int
    name: str
    prefix: str
    created_at: dt.datetime
    expires_at: dt.datetime | None
    last_used_at: dt.datetime | None
    revoked_at: dt.datetime | None


class TokenCreatedOut(TokenOut):
    token: str = Field(description="Shown once; store it now.")
