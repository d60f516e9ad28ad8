"""Session (with CSRF) and bearer-token authentication for the API."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from zhifa.orgs.actions.accounts import note_token_use
from zhifa.orgs.selectors import usable_token


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        record = usable_token(token)
        if record is None:
            return None
        note_token_use(record)
        request.user = record.user
        return record.user


class StaffSessionAuth(SessionAuth):
    """Django's session, CSRF-checked on unsafe methods (ninja does this for cookie auth)."""


AUTH = [TokenAuth(), StaffSessionAuth()]
