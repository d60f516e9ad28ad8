"""The permission matrix: every role × an object in its own agency, in a region inside its
region, in a region beside it and in the region above it; with a valid credential and with an
expired, revoked, not yet valid or missing one (may view, may not act).

Both doors must agree: `decide()` for one object and `restrict()` for a queryset.
"""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories.orgs import AgencyFactory, CredentialFactory, DomainFactory, OfficerFactory, TeamFactory
from zhifa.core import audit as core_audit
from zhifa.core.models import AuditEntry
from zhifa.core.permissions import VIEW_AUDIT
from zhifa.orgs import permissions as perms
from zhifa.orgs.choices import Role
from zhifa.orgs.events import SIGNED_IN
from zhifa.orgs.models import Agency, Credential, Officer, Team
from zhifa.orgs.policy import GRANTS, Scope, decide, forget_principal

pytestmark = pytest.mark.django_db

PLACES = ("own", "inside", "beside", "above")
EVERYWHERE = set(PLACES)
LOCAL = {"own"}
SUBTREE = {"own", "inside"}
NOWHERE: set[str] = set()

VIEWS = (perms.VIEW_REGION, perms.VIEW_AGENCY, perms.VIEW_TEAM, perms.VIEW_OFFICER, perms.VIEW_CREDENTIAL)
MANAGEMENT = (
    perms.ADD_AGENCY,
    perms.CHANGE_AGENCY,
    perms.ADD_TEAM,
    perms.CHANGE_TEAM,
    perms.ADD_OFFICER,
    perms.CHANGE_OFFICER,
    perms.MANAGE_CREDENTIAL,
    perms.RESET_PASSWORD,
    VIEW_AUDIT,
    perms.ENFORCE,
)
COLUMNS = VIEWS + MANAGEMENT


def _table(views: set[str], **granted: set[str]) -> dict[str, set[str]]:
    """A role's row: every view over `views`, every other column nowhere unless named."""
    row = {perm: (EVERYWHERE if perm == perms.VIEW_REGION else views) for perm in VIEWS}
    for perm in MANAGEMENT:
        row[perm] = NOWHERE
    for name, places in granted.items():
        row[{"audit": VIEW_AUDIT}.get(name, f"orgs.{name}")] = places
    return row


# role → permission → the places where it is allowed (the own team is the actor's team)
EXPECTED: dict[str, dict[str, set[str]]] = {
    Role.OFFICER: _table(LOCAL, enforce=LOCAL),
    Role.TEAM_LEAD: _table(LOCAL, enforce=LOCAL, change_team=LOCAL),
    Role.AGENCY_HEAD: _table(
        LOCAL,
        enforce=LOCAL,
        change_agency=LOCAL,
        add_team=LOCAL,
        change_team=LOCAL,
        change_officer=LOCAL,
        audit=LOCAL,
    ),
    Role.LEGAL_REVIEWER: _table(LOCAL),
    Role.DISPATCHER: _table(SUBTREE),
    Role.SUPERVISOR: _table(SUBTREE, audit=SUBTREE),
    Role.ADMINISTRATOR: _table(
        SUBTREE,
        add_agency=SUBTREE,
        change_agency=SUBTREE,
        add_team=SUBTREE,
        change_team=SUBTREE,
        add_officer=SUBTREE,
        change_officer=SUBTREE,
        manage_credential=SUBTREE,
        reset_password=SUBTREE,
        audit=SUBTREE,
    ),
}
ACTS = {perms.ENFORCE}  # the columns that need a valid 执法证
CREDENTIAL_STATES = ("expired", "revoked", "future", "none")
REGION_OF = {"own": "county", "inside": "township", "beside": "beside", "above": "city"}


@pytest.fixture
def world(regions: dict[str, Any]) -> dict[str, Any]:
    domain = DomainFactory()
    agencies = {
        "own": AgencyFactory(name="西湖区执法局", region=regions["county"], domain=domain),
        "inside": AgencyFactory(name="转塘街道", region=regions["township"], domain=domain),
        "beside": AgencyFactory(name="上城区执法局", region=regions["beside"], domain=domain),
        "above": AgencyFactory(name="杭州市执法局", region=regions["city"], domain=domain),
    }
    teams = {place: TeamFactory(agency=agency) for place, agency in agencies.items()}
    people = {place: OfficerFactory(agency=agency, team=teams[place]) for place, agency in agencies.items()}
    credentials = {place: Credential.objects.get(officer=officer) for place, officer in people.items()}
    audit_entries = {
        place: core_audit.record(SIGNED_IN, by=None, agency_id=agency.pk, agency_name=agency.name)
        for place, agency in agencies.items()
    }
    actors = {
        (role, state): OfficerFactory(agency=agencies["own"], team=teams["own"], roles=[role], credential=state).user
        for role in EXPECTED
        for state in ("valid", *CREDENTIAL_STATES)
    }
    return {
        "regions": {place: regions[name] for place, name in REGION_OF.items()},
        "agencies": agencies,
        "teams": teams,
        "officers": people,
        "credentials": credentials,
        "audit": audit_entries,
        "actors": actors,
    }


def _target(world: dict[str, Any], perm: str, place: str) -> Any:
    """The object `perm` is asked about at `place`; unsaved for the ADD_* columns, as the actions
    ask before they save."""
    agency = world["agencies"][place]
    return {
        perms.VIEW_REGION: lambda: world["regions"][place],
        perms.ADD_AGENCY: lambda: Agency(name="新主体", region=agency.region, domain=agency.domain),
        perms.VIEW_TEAM: lambda: world["teams"][place],
        perms.CHANGE_TEAM: lambda: world["teams"][place],
        perms.ADD_TEAM: lambda: Team(agency=agency, name="新中队"),
        perms.VIEW_OFFICER: lambda: world["officers"][place],
        perms.CHANGE_OFFICER: lambda: world["officers"][place],
        perms.RESET_PASSWORD: lambda: world["officers"][place],
        perms.ADD_OFFICER: lambda: Officer(agency=agency),
        perms.VIEW_CREDENTIAL: lambda: world["credentials"][place],
        perms.MANAGE_CREDENTIAL: lambda: world["credentials"][place],
        VIEW_AUDIT: lambda: world["audit"][place],
    }.get(perm, lambda: agency)()


def _observed(user: Any, world: dict[str, Any]) -> dict[str, set[str]]:
    """Where each column is allowed for `user`, asking both doors: `decide()` for the object and
    `restrict()` for its queryset (saved objects only); the two must agree."""
    table: dict[str, set[str]] = {}
    for perm in COLUMNS:
        allowed = set()
        for place in PLACES:
            target = _target(world, perm, place)
            by_decide = decide(user, perm, target).allowed
            if target.pk is not None:
                by_queryset = type(target).objects.restrict(user, perm).filter(pk=target.pk).exists()
                assert by_queryset is by_decide, (perm, place, by_decide, by_queryset)
            if by_decide:
                allowed.add(place)
        table[perm] = allowed
    return table


def _wrong_cells(observed: dict[str, set[str]], expected: dict[str, set[str]]) -> dict[str, str]:
    """The cells that differ, readable: {permission: "allowed at … but expected at …"}."""
    return {
        perm: f"allowed at {sorted(observed[perm])}, expected at {sorted(expected[perm])}"
        for perm in expected
        if observed[perm] != expected[perm]
    }


@pytest.mark.parametrize("role", list(EXPECTED))
def test_role_with_a_valid_credential(world: dict[str, Any], role: str) -> None:
    assert _wrong_cells(_observed(world["actors"][(role, "valid")], world), EXPECTED[role]) == {}


@pytest.mark.parametrize("state", CREDENTIAL_STATES)
@pytest.mark.parametrize("role", list(EXPECTED))
def test_role_without_a_valid_credential_may_view_but_not_act(world: dict[str, Any], role: str, state: str) -> None:
    expected = {perm: (NOWHERE if perm in ACTS else places) for perm, places in EXPECTED[role].items()}
    assert _wrong_cells(_observed(world["actors"][(role, state)], world), expected) == {}


@pytest.mark.parametrize(
    ("state", "words"), [("expired", "过期"), ("revoked", "注销"), ("future", "尚未生效"), ("none", "没有")]
)
def test_refused_enforcement_says_why_and_cites_the_law(world: dict[str, Any], state: str, words: str) -> None:
    decision = decide(world["actors"][(Role.OFFICER, state)], perms.ENFORCE, world["agencies"]["own"])
    assert not decision.allowed
    assert words in decision.reason
    assert "第四十二条" in decision.citation


def test_a_credential_revoked_today_stops_enforcement_at_once(world: dict[str, Any]) -> None:
    from zhifa.orgs.actions.credentials import revoke_credential

    officer = world["officers"]["own"]
    admin = world["actors"][(Role.ADMINISTRATOR, "valid")]
    assert decide(officer.user, perms.ENFORCE, world["agencies"]["own"]).allowed
    revoke_credential(by=admin, credential=world["credentials"]["own"], reason="调离执法岗位")
    forget_principal(officer.user)
    assert not decide(officer.user, perms.ENFORCE, world["agencies"]["own"]).allowed
    assert decide(officer.user, perms.VIEW_AGENCY, world["agencies"]["own"]).allowed


def test_a_team_lead_changes_only_their_own_team(world: dict[str, Any]) -> None:
    other = TeamFactory(agency=world["agencies"]["own"], name="第二中队")
    lead = world["actors"][(Role.TEAM_LEAD, "valid")]
    head = world["actors"][(Role.AGENCY_HEAD, "valid")]
    assert decide(lead, perms.CHANGE_TEAM, world["teams"]["own"]).allowed
    assert not decide(lead, perms.CHANGE_TEAM, other).allowed
    assert decide(head, perms.CHANGE_TEAM, other).allowed


def test_the_matrix_covers_every_scoped_org_permission() -> None:
    """A new org permission granted over a team, agency or region must get a column here."""
    scoped = {
        perm
        for grants in GRANTS.values()
        for perm, scope in grants.items()
        if scope in (Scope.TEAM, Scope.AGENCY, Scope.REGION) and perm.split(".")[0] in ("orgs", "core")
    }
    assert scoped <= set(COLUMNS), scoped - set(COLUMNS)


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
    supervisor = world["actors"][(Role.SUPERVISOR, "valid")]
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
