"""The permission matrix for cases: every role × a case (and a lead) of its own agency, of an agency
in a region below, beside and above; with a valid credential and without one (may view, may not
handle). The same one policy as tests/orgs/test_policy_matrix.py, over the cases' permissions."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from tests.factories.lawbase import make_matter
from tests.factories.orgs import AgencyFactory, DomainFactory, OfficerFactory
from zhifa.cases import permissions as case_perms
from zhifa.cases.choices import CaseStatus, LeadSource
from zhifa.cases.models import Case, CaseParticipant, Lead, SummaryFormRange
from zhifa.orgs.choices import Role
from zhifa.orgs.policy import GRANTS, Scope, decide
from zhifa.parties.actions.parties import create_party
from zhifa.parties.demo_data import credit_code

pytestmark = pytest.mark.django_db

PLACES = ("own", "inside", "beside", "above")
LOCAL = {"own"}
SUBTREE = {"own", "inside"}
NOWHERE: set[str] = set()
COLUMNS = (
    case_perms.VIEW_CASE,
    case_perms.HANDLE_CASE,
    case_perms.APPROVE_CASE,
    case_perms.REVIEW_CASE,
    case_perms.RECEIVE_LEAD,
    case_perms.CONFIGURE_CASES,
)
ACTS = {case_perms.HANDLE_CASE}


def _row(**granted: set[str]) -> dict[str, set[str]]:
    return {perm: granted.get(perm.split(".")[1], NOWHERE) for perm in COLUMNS}


EXPECTED: dict[str, dict[str, set[str]]] = {
    Role.OFFICER: _row(view=LOCAL, handle=LOCAL, receive_lead=LOCAL),
    Role.TEAM_LEAD: _row(view=LOCAL, handle=LOCAL, receive_lead=LOCAL),
    Role.AGENCY_HEAD: _row(view=LOCAL, handle=LOCAL, receive_lead=LOCAL, approve=LOCAL, configure=LOCAL),
    Role.LEGAL_REVIEWER: _row(view=LOCAL, review=LOCAL),
    Role.DISPATCHER: _row(),
    Role.SUPERVISOR: _row(view=SUBTREE),
    Role.ADMINISTRATOR: _row(configure=SUBTREE),
}


@pytest.fixture
def world(regions: dict[str, Any]) -> dict[str, Any]:
    domain = DomainFactory(code="ecology_environment", name="生态环境")
    matter = make_matter(domain=domain)
    party = create_party(by=None, kind="organisation", name="杭州演示化工有限公司", id_number=credit_code("MA2D0009X"))
    places = {"own": "county", "inside": "township", "beside": "beside", "above": "city"}
    agencies = {place: AgencyFactory(region=regions[name], domain=domain) for place, name in places.items()}
    clerk = OfficerFactory(agency=agencies["own"]).user
    day = dt.date(2026, 3, 2)
    cases = {
        place: Case.objects.create(
            agency=agency,
            domain=domain,
            region_path=agency.region.path,
            status=CaseStatus.INVESTIGATING,
            title=f"{agency.name}的案件",
            matter=matter,
            party=party,
            act_date=day,
            act_place="西湖区演示路1号",
            discovered_on=day,
        )
        for place, agency in agencies.items()
    }
    leads = {
        place: Lead.objects.create(
            agency=agency, source=LeadSource.INSPECTION, received_on=day, summary="巡查发现", received_by=clerk
        )
        for place, agency in agencies.items()
    }
    actors = {
        (role, state): OfficerFactory(agency=agencies["own"], roles=[role], credential=state).user
        for role in EXPECTED
        for state in ("valid", "expired", "revoked")
    }
    return {"agencies": agencies, "cases": cases, "leads": leads, "actors": actors}


def _target(world: dict[str, Any], perm: str, place: str) -> Any:
    if perm == case_perms.RECEIVE_LEAD:
        return world["leads"][place]
    if perm == case_perms.CONFIGURE_CASES:  # asked before a new range of numbered forms is saved
        return SummaryFormRange(agency=world["agencies"][place], prefix="杭环", first=1, last=100)
    return world["cases"][place]


def _observed(user: Any, world: dict[str, Any]) -> dict[str, set[str]]:
    table: dict[str, set[str]] = {}
    for perm in COLUMNS:
        table[perm] = set()
        for place in PLACES:
            target = _target(world, perm, place)
            allowed = decide(user, perm, target).allowed
            if target.pk is not None:
                listed = type(target).objects.restrict(user, perm).filter(pk=target.pk).exists()
                assert listed is allowed, (perm, place, allowed, listed)
            if allowed:
                table[perm].add(place)
    return table


def _wrong_cells(observed: dict[str, set[str]], expected: dict[str, set[str]]) -> dict[str, str]:
    return {
        perm: f"allowed at {sorted(observed[perm])}, expected at {sorted(expected[perm])}"
        for perm in expected
        if observed[perm] != expected[perm]
    }


@pytest.mark.parametrize("role", list(EXPECTED))
def test_case_rights_of_each_role(world: dict[str, Any], role: str) -> None:
    assert _wrong_cells(_observed(world["actors"][(role, "valid")], world), EXPECTED[role]) == {}


@pytest.mark.parametrize("state", ["expired", "revoked"])
@pytest.mark.parametrize("role", list(EXPECTED))
def test_without_a_valid_credential_cases_are_seen_not_handled(world: dict[str, Any], role: str, state: str) -> None:
    expected = {perm: (NOWHERE if perm in ACTS else places) for perm, places in EXPECTED[role].items()}
    assert _wrong_cells(_observed(world["actors"][(role, state)], world), expected) == {}


def test_an_assisting_agency_sees_the_joint_case_but_not_the_others(world: dict[str, Any]) -> None:
    """协办: an officer of the agency beside sees a case its agency assists on, nothing more."""
    beside_officer = OfficerFactory(agency=world["agencies"]["beside"]).user
    joint = world["cases"]["own"]
    CaseParticipant.objects.create(case=joint, agency=world["agencies"]["beside"], duty="协助调查")
    visible = set(Case.objects.restrict(beside_officer, case_perms.VIEW_CASE).values_list("pk", flat=True))
    assert visible == {joint.pk, world["cases"]["beside"].pk}
    assert decide(beside_officer, case_perms.VIEW_CASE, joint).allowed


def test_the_matrix_covers_every_scoped_case_permission() -> None:
    scoped = {
        perm
        for grants in GRANTS.values()
        for perm, scope in grants.items()
        if scope in (Scope.TEAM, Scope.AGENCY, Scope.REGION) and perm.startswith("cases.")
    }
    assert scoped <= set(COLUMNS), scoped - set(COLUMNS)
