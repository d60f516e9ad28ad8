"""Parties (当事人): find, register, correct, merge."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from zhifa.api import presenters
from zhifa.api.pagination import keyset_page
from zhifa.api.routers.orgs import ERRORS
from zhifa.api.schemas.parties import MergeIn, PartyIn, PartyOut, PartyUpdateIn
from zhifa.core.scoping import fetch_for, policy
from zhifa.orgs.models import Region
from zhifa.orgs.permissions import VIEW_REGION
from zhifa.parties.actions.parties import create_party, merge_parties, update_party
from zhifa.parties.models import Party
from zhifa.parties.permissions import VIEW_PARTY, VIEW_UNMASKED_PARTY

router = Router(tags=["parties"])


def _out(request: HttpRequest, party: Party) -> dict[str, Any]:
    return presenters.party_out(party, unmasked=policy().can(request.user, VIEW_UNMASKED_PARTY, party))


def _parties(request: HttpRequest) -> Any:
    return Party.objects.restrict(request.user, VIEW_PARTY).select_related("region").prefetch_related("addresses")


class PartyFilter(Schema):
    q: str | None = None
    id_number: str | None = None
    after: int | None = None
    limit: int = 50


@router.get("/parties", response={200: dict[str, Any], **ERRORS})
def list_parties(request: HttpRequest, filters: Query[PartyFilter]) -> dict[str, Any]:
    parties = _parties(request).filter(merged_into__isnull=True)
    if filters.q:
        parties = parties.filter(Q(name__contains=filters.q) | Q(legal_representative__contains=filters.q))
    if filters.id_number:
        parties = parties.filter(id_number=filters.id_number.strip().upper())
    return keyset_page(parties, after=filters.after, limit=filters.limit, serialize=lambda party: _out(request, party))


@router.get("/parties/{party_id}", response={200: PartyOut, **ERRORS})
def get_party(request: HttpRequest, party_id: int) -> dict[str, Any]:
    fetch_for(Party, request.user, VIEW_PARTY, pk=party_id)
    return _out(request, _parties(request).get(pk=party_id))


@router.post("/parties", response={201: PartyOut, **ERRORS})
def create_party_endpoint(request: HttpRequest, payload: PartyIn) -> Status[dict[str, Any]]:
    data = payload.dict()
    region_code = data.pop("region_code")
    region = fetch_for(Region, request.user, VIEW_REGION, code=region_code) if region_code else None
    party = create_party(by=request.user, region=region, **data)
    return Status(201, _out(request, _parties(request).get(pk=party.pk)))


@router.patch("/parties/{party_id}", response={200: PartyOut, **ERRORS})
def update_party_endpoint(request: HttpRequest, party_id: int, payload: PartyUpdateIn) -> dict[str, Any]:
    party = fetch_for(Party, request.user, VIEW_PARTY, pk=party_id)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    addresses = data.pop("addresses", None)
    update_party(party, by=request.user, expected_version=version, addresses=addresses, **data)
    return _out(request, _parties(request).get(pk=party.pk))


@router.post(
    "/parties/{party_id}/merge", response={200: PartyOut, **ERRORS}, summary="Merge a duplicate into this party"
)
def merge_endpoint(request: HttpRequest, party_id: int, payload: MergeIn) -> dict[str, Any]:
    keep = fetch_for(Party, request.user, VIEW_PARTY, pk=party_id)
    duplicate = fetch_for(Party, request.user, VIEW_PARTY, pk=payload.duplicate_id)
    merge_parties(keep, by=request.user, duplicate=duplicate)
    return _out(request, _parties(request).get(pk=keep.pk))
