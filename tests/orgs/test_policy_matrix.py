"""The permission matrix: every role × an object in its own agency, in a region inside its
region, in a region beside it and in the region above it.

Both doors must agree: `decide()` for one object and `restrict()` for a queryset.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories.orgs import AgencyFactory, CredentialFactory, DomainFactory, OfficerFactory
from zhifa.core import audit as core_audit
from zhifa.core.models import AuditEntry
from zhifa.core.permissions import VIEW_AUDIT
from zhifa.orgs import permissions as perms
from zhifa.orgs.choices import Role
from zhifa.orgs.events import SIGNED_IN
from zhifa.orgs.models import Agency, Credential, Officer
from zhifa.orgs.policy import decide

pytestmark = pytest.mark.django_db

PLACES = ("own", "inside", "beside", "above")
LOCAL = {"own"}
SUBTREE = {"own", "inside"}
NOWHERE: set[str] = set()

# role → permission → the places where it is allowed
EXPECTED: dict[str, dict[str, set[str]]] = {
    Role.OFFICER: {
        perms.VIEW_AGENCY: LOCAL,
        perms.VIEW_OFFICER: LOCAL,
        perms.CHANGE_AGENCY: NOWHERE,
        perms.ENFORCE: LOCAL,
        perms.MANAGE_CREDENTIAL: NOWHERE,
        VIEW_AUDIT: NOWHERE,
    },
    Role.TEAM_LEAD: {
        perms.VIEW_AGENCY: LOCAL,
        perms.VIEW_OFFICER: LOCAL,
        perms.CHANGE_AGENCY: NOWHERE,
        perms.ENFORCE: LOCAL,
        perms.MANAGE_CREDENTIAL: NOWHERE,
        VIEW_AUDIT: NOWHERE,
    },
    Role.AGENCY_HEAD: {
        perms.VIEW_AGENCY: LOCAL,
        perms.VIEW_OFFICER: LOCAL,
        perms.CHANGE_AGENCY: LOCAL,
        perms.ENFORCE: LOCAL,
        perms.MANAGE_CREDENTIAL: NOWHERE,
        VIEW_AUDIT: LOCAL,
    },
    Role.LEGAL_REVIEWER: {
        perms.VIEW_AGENCY: LOCAL,
        perms.VIEW_OFFICER: LOCAL,
        perms.CHANGE_AGENCY: NOWHERE,
        perms.ENFORCE: NOWHERE,
        perms.MANAGE_CREDENTIAL: NOWHERE,
        VIEW_AUDIT: NOWHERE,
    },
    Role.DISPATCHER: {
        perms.VIEW_AGENCY: SUBTREE,
        perms.VIEW_OFFICER: SUBTREE,
        perms.CHANGE_AGENCY: NOWHERE,
        perms.ENFORCE: NOWHERE,
        perms.MANAGE_CREDENTIAL: NOWHERE,
        VIEW_AUDIT: NOWHERE,
    },
    Role.SUPERVISOR: {
        perms.VIEW_AGENCY: SUBTREE,
        perms.VIEW_OFFICER: SUBTREE,
        perms.CHANGE_AGENCY: NOWHERE,
        perms.ENFORCE: NOWHERE,
        perms.MANAGE_CREDENTIAL: NOWHERE,
        VIEW_AUDIT: SUBTREE,
    },
    Role.ADMINISTRATOR: {
        perms.VIEW_AGENCY: SUBTREE,
        perms.VIEW_OFFICER: SUBTREE,
        perms.CHANGE_AGENCY: SUBTREE,
        perms.ENFORCE: NOWHERE,
        perms.MANAGE_CREDENTIAL: SUBTREE,
        VIEW_AUDIT: SUBTREE,
    },
}

CASES = [(role, perm, place) for role, perms in EXPECTED.items() for perm in perms for place in PLACES]


@pytest.fixture
def world(regions: dict[str, Any]) -> dict[str, Any]:
    domain = DomainFactory()
    agencies = {
        "own": AgencyFactory(name="西湖区执法局", region=regions["county"], domain=domain),
        "inside": AgencyFactory(name="转塘街道", region=regions["township"], domain=domain),
        "beside": AgencyFactory(name="上城区执法局", region=regions["beside"], domain=domain),
        "above": AgencyFactory(name="杭州市执法局", region=regions["city"], domain=domain),
    }
    people = {place: OfficerFactory(agency=agency) for place, agency in agencies.items()}
    credentials = {place: Credential.objects.get(officer=officer) for place, officer in people.items()}
    audit_entries = {
        place: core_audit.record(SIGNED_IN, by=None, agency_id=agency.pk, agency_name=agency.name)
        for place, agency in agencies.items()
    }
    actors = {role: OfficerFactory(agency=agencies["own"], roles=[role]).user for role in EXPECTED}
    return {
        "agencies": agencies,
        "officers": people,
        "credentials": credentials,
        "audit": audit_entries,
        "actors": actors,
    }


def _target(world: dict[str, Any], perm: str, place: str) -> Any:
    if perm == perms.VIEW_OFFICER:
        return world["officers"][place]
    if perm == perms.MANAGE_CREDENTIAL:
        return world["credentials"][place]
    if perm == VIEW_AUDIT:
        return world["audit"][place]
    return world["agencies"][place]


@pytest.mark.parametrize(("role", "perm", "place"), CASES, ids=[f"{r}-{p}-{pl}" for r, p, pl in CASES])
def test_role_scope(world: dict[str, Any], role: str, perm: str, place: str) -> None:
    user = world["actors"][role]
    target = _target(world, perm, place)
    expected = place in EXPECTED[role][perm]
    assert decide(user, perm, target).allowed is expected
    visible = type(target).objects.restrict(user, perm).filter(pk=target.pk).exists()
    assert visible is expected


def test_superuser_sees_and_may_do_everything(world: dict[str, Any], django_user_model: Any) -> None:
    root = django_user_model.objects.create_superuser("root", password="x-Very-Long-1")
    for place in PLACES:
        assert decide(root, perms.CHANGE_AGENCY, world["agencies"][place]).allowed
    assert Agency.objects.restrict(root, perms.VIEW_AGENCY).count() == Agency.objects.count()


def test_anonymous_and_officerless_users_see_nothing(world: dict[str, Any], django_user_model: Any) -> None:
    from django.contrib.auth.models import AnonymousUser

    lone = django_user_model.objects.create_user("lone", password="x-Very-Long-1")
    for user in (AnonymousUser(), lone):
        assert not Agency.objects.restrict(user, perms.VIEW_AGENCY).exists()
        assert not decide(user, perms.VIEW_AGENCY, world["agencies"]["own"]).allowed
        assert not AuditEntry.objects.restrict(user, VIEW_AUDIT).exists()


def test_a_county_supervisor_sees_every_agency_of_the_county_and_nothing_outside(world: dict[str, Any]) -> None:
    supervisor = world["actors"][Role.SUPERVISOR]
    visible = set(Agency.objects.restrict(supervisor, perms.VIEW_AGENCY).values_list("name", flat=True))
    assert visible == {"西湖区执法局", "转塘街道"}
    seen_people = set(Officer.objects.restrict(supervisor, perms.VIEW_OFFICER).values_list("agency__name", flat=True))
    assert seen_people == {"西湖区执法局", "转塘街道"}


def test_roles_combine_by_union(world: dict[str, Any]) -> None:
    both = OfficerFactory(agency=world["agencies"]["own"], roles=[Role.OFFICER, Role.SUPERVISOR]).user
    assert decide(both, perms.ENFORCE, world["agencies"]["own"]).allowed
    assert decide(both, perms.VIEW_AGENCY, world["agencies"]["inside"]).allowed


def test_an_officer_who_left_the_post_has_no_rights(world: dict[str, Any]) -> None:
    officer = OfficerFactory(agency=world["agencies"]["own"], is_active=False)
    assert not decide(officer.user, perms.VIEW_AGENCY, world["agencies"]["own"]).allowed


def test_enforcement_needs_a_credential_for_the_agency_domain(world: dict[str, Any]) -> None:
    other = DomainFactory(code="market_regulation")
    market = AgencyFactory(region=world["agencies"]["own"].region, domain=other)
    officer = OfficerFactory(agency=market, credential="none")
    CredentialFactory(officer=officer, domain=world["agencies"]["own"].domain)  # the wrong domain
    decision = decide(officer.user, perms.ENFORCE, market)
    assert not decision.allowed
    assert "领域" in decision.reason
    assert not Agency.objects.restrict(officer.user, perms.ENFORCE).exists()
