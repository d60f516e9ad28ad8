"""Password authentication, and Django's permission API answered by the zhifa policy.

With this backend `user.has_perm("orgs.view_agency", agency)` (used by the admin, templates and
the core shell) asks `orgs.policy`, so there is one source of truth for permissions.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import BaseBackend
from django.http import HttpRequest

from zhifa.core import permissions as registry
from zhifa.orgs.models import User
from zhifa.orgs.policy import decide, has_any


class PolicyBackend(BaseBackend):
    def authenticate(
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> User | None:
        if username is None or password is None:
            return None
        user = User._default_manager.filter(username=username).first()
        if user is None:
            # Hash anyway so that a wrong username takes as long as a wrong password.
            User().set_password(password)
            return None
        if user.is_active and user.check_password(password):
            return user
        return None

    def get_user(self, user_id: int) -> User | None:
        user = User._default_manager.filter(pk=user_id).first()
        return user if user is not None and user.is_active else None

    def has_perm(self, user_obj: Any, perm: str, obj: Any = None) -> bool:
        if registry.get(perm) is None:
            return False
        if obj is None:
            return has_any(user_obj, perm)
        return decide(user_obj, perm, obj).allowed

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return any(has_any(user_obj, p.code) for p in registry.all_codes() if p.code.startswith(f"{app_label}."))
