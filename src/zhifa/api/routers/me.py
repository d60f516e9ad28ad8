"""The signed-in user, and their API tokens."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router, Status

from zhifa.api import presenters
from zhifa.api.routers.orgs import ERRORS
from zhifa.api.schemas.orgs import MeOut, TokenCreatedOut, TokenCreateIn, TokenOut
from zhifa.core import permissions as registry
from zhifa.core.errors import NotFound
from zhifa.orgs import permissions as perms
from zhifa.orgs.actions import accounts
from zhifa.orgs.models import Officer
from zhifa.orgs.policy import decide, has_any
from zhifa.orgs.selectors import tokens_of

router = Router(tags=["me"])


@router.get("/me", response={200: MeOut, **ERRORS}, summary="Who am I, in which agency, with which rights")
def me(request: HttpRequest) -> dict[str, Any]:
    user: Any = request.user
    officer = (
        Officer.objects.restrict(user, perms.VIEW_OFFICER)
        .select_related("user", "agency", "team")
        .prefetch_related("role_grants", "credentials__domain")
        .filter(user_id=user.pk)
        .first()
    )
    return {
        "id": user.pk,
        "username": user.get_username(),
        "full_name": getattr(user, "full_name", ""),
        "is_superuser": user.is_superuser,
        "officer": presenters.officer_out(officer) if officer else None,
        "can_enforce": decide(user, perms.ENFORCE, officer.agency if officer else None).allowed,
        "permissions": [p.code for p in registry.all_codes() if has_any(user, p.code)],
    }


@router.get("/me/tokens", response={200: list[TokenOut], **ERRORS})
def list_tokens(request: HttpRequest) -> list[dict[str, Any]]:
    return [presenters.token_out(t) for t in tokens_of(request.user)]


@router.post("/me/tokens", response={201: TokenCreatedOut, **ERRORS})
def create_token(request: HttpRequest, payload: TokenCreateIn) -> Status[dict[str, Any]]:
    token, raw = accounts.create_api_token(by=request.user, name=payload.name, expires_at=payload.expires_at)  # type: ignore[arg-type]
    return Status(201, {**presenters.token_out(token), "token": raw})


@router.delete("/me/tokens/{token_id}", response={204: None, **ERRORS})
def revoke_token(request: HttpRequest, token_id: int) -> Status[None]:
    token = tokens_of(request.user).filter(pk=token_id).first()
    if token is None:
        raise NotFound(_("找不到该令牌。"))
    accounts.revoke_api_token(token, by=request.user)  # type: ignore[arg-type]
    return Status(204, None)
