"""The policy table and the declared permission codes agree (a typo would silently deny)."""

from __future__ import annotations

from zhifa.core import permissions as registry
from zhifa.orgs.policy import GRANTS

SUPERUSER_ONLY = {"orgs.manage_domain"}


def test_every_granted_code_is_declared():
    granted = {code for scopes in GRANTS.values() for code in scopes}
    declared = {p.code for p in registry.all_codes()}
    assert granted <= declared, granted - declared


def test_every_declared_code_is_granted_to_some_role():
    granted = {code for scopes in GRANTS.values() for code in scopes}
    declared = {p.code for p in registry.all_codes()}
    assert declared - granted == SUPERUSER_ONLY
