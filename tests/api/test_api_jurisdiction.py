"""The permission matrix through /api/v1: every role × every GET endpoint × an object of its own
agency, of a region inside, beside and above. A user never gets an object outside their
jurisdiction: not in a list, and not by id (404, the same as for an id that does not exist)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from tests.factories.lawbase import make_matter
from tests.factories.orgs import AgencyFactory, DomainFactory, OfficerFactory, TeamFactory
from zhifa.api.main import api
from zhifa.cases.choices import CaseStatus, LeadSource
from zhifa.cases.models import Case, Lead
from zhifa.lawbase.actions.matters import assign_matter
from zhifa.lawbase.choices import HoldingSource
from zhifa.orgs.actions.accounts import create_api_token
from zhifa.orgs.choices import Role
from zhifa.parties.actions.parties import create_party
from zhifa.parties.demo_data import credit_code

pytestmark = pytest.mark.django_db
API = "/api/v1"
PLACES = ("own", "inside", "beside", "above")
LOCAL = {"own"}
SUBTREE = {"own", "inside"}
NOWHERE: set[str] = set()

# Where each role sees the org tree (agencies, their teams, officers, matters held) and cases
# (cases and leads), by the place of the agency.
ORG_TREE = {
    Role.OFFICER: LOCAL,
    Role.TEAM_LEAD: LOCAL,
    Role.AGENCY_HEAD: LOCAL,
    Role.LEGAL_REVIEWER: LOCAL,
    Role.DISPATCHER: SUBTREE,
    Role.SUPERVISOR: SUBTREE,
    Role.ADMINISTRATOR: SUBTREE,
}
CASES = {
    Role.OFFICER: LOCAL,
    Role.TEAM_LEAD: LOCAL,
    Role.AGENCY_HEAD: LOCAL,
    Role.LEGAL_REVIEWER: LOCAL,
    Role.DISPATCHER: NOWHERE,
    Role.SUPERVISOR: SUBTREE,
    Role.ADMINISTRATOR: NOWHERE,
}

# Every GET endpoint of the API, by how it is scoped; test_every_get_endpoint_is_in_the_matrix
# fails when a new one is added without a place here.
SCOPED = {
    "/agencies": "agencies",
    "/agencies/{agency_id}": "agencies",
    "/agencies/{agency_id}/teams": "agencies",
    "/agencies/{agency_id}/matters": "agencies",
    "/officers": "officers",
    "/officers/{officer_id}": "officers",
    "/leads": "leads",
    "/leads/{lead_id}": "leads",
    "/cases": "cases",
    "/cases/{case_id}": "cases",
    "/cases/{case_id}/timeline": "cases",
    "/cases/{case_id}/state": "cases",
    "/cases/{case_id}/case-file": "cases",
}
# Found inside the jurisdiction but refused for the case's stage (the world's cases are not archived).
WRONG_STAGE = {"/cases/{case_id}/case-file"}
OWN = {"/me", "/me/tokens"}
# Public registries (Scope.ALL): regions, domains, the law base, templates; and parties, which
# every role of a region sees when registered there or party to a case there (Scope.REGION through
# Party.jurisdiction; the party outside the region is refused in tests/parties/test_parties.py).
PUBLIC = {
    "/regions",
    "/regions/{code}",
    "/domains",
    "/search",
    "/suggest",
    "/laws",
    "/laws/{law_id}/articles/{num}",
    "/cite",
    "/matters",
    "/matters/{code}",
    "/matters/{code}/benchmarks",
    "/matters/{code}/benchmark-in-force",
    "/catalogues",
    "/reference-cases",
    "/document-templates",
    "/synonyms",
    "/parties",
    "/parties/{party_id}",
}


@pytest.fixture
def world(regions: dict[str, Any]) -> dict[str, Any]:
    domain = DomainFactory(code="ecology_environment", name="生态环境")
    matter = make_matter(domain=domain)
    party = create_party(by=None, kind="organisation", name="杭州演示化工有限公司", id_number=credit_code("MA2D0009X"))
    names = {"own": "西湖区", "inside": "转塘街道", "beside": "上城区", "above": "杭州市"}
    where = {"own": "county", "inside": "township", "beside": "beside", "above": "city"}
    agencies = {
        place: AgencyFactory(name=f"{names[place]}生态环境执法机构", region=regions[where[place]], domain=domain)
        for place in PLACES
    }
    day = dt.date(2026, 3, 2)
    officers, teams, cases, leads = {}, {}, {}, {}
    for place, agency in agencies.items():
        teams[place] = TeamFactory(agency=agency, name=f"{names[place]}中队")
        officers[place] = OfficerFactory(agency=agency, team=teams[place])
        if place == "inside":  # a township holds county powers only under a devolution decision (LP-22)
            assign_matter(
                by=None,
                agency=agency,
                matter=matter,
                source=HoldingSource.DEVOLVED,
                decision_reference="浙政发〔2025〕1号",
            )
        else:
            assign_matter(by=None, agency=agency, matter=matter)
        cases[place] = Case.objects.create(
            agency=agency,
            domain=domain,
            region_path=agency.region.path,
            status=CaseStatus.INVESTIGATING,
            title=f"{names[place]}的案件",
            matter=matter,
            party=party,
            act_date=day,
            act_place=f"{names[place]}演示路1号",
            discovered_on=day,
        )
        leads[place] = Lead.objects.create(
            agency=agency,
            source=LeadSource.INSPECTION,
            received_on=day,
            summary=f"{names[place]}巡查发现",
            received_by=officers[place].user,
        )
    return {
        "agencies": agencies,
        "teams": teams,
        "officers": officers,
        "cases": cases,
        "leads": leads,
        "matter": matter,
        "party": party,
    }


def _client(user: Any, how: str) -> Client:
    if how == "token":
        _, raw = create_api_token(by=user, name="matrix")
        return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")
    client = Client()
    client.force_login(user)
    return client


def _all_items(client: Client, path: str) -> list[dict[str, Any]]:
    """Every item of a keyset-paginated list, following `next`."""
    items: list[dict[str, Any]] = []
    cursor: Any = None
    while True:
        query = {"limit": 2, **({"after": cursor} if cursor is not None else {})}
        response = client.get(f"{API}{path}", query)
        assert response.status_code == 200, (path, response.status_code, response.content[:300])
        page = response.json()
        items += page["items"]
        cursor = page["next"]
        if cursor is None:
            return items


def _places_of(world: dict[str, Any], kind: str, ids: set[int]) -> set[str]:
    """The places whose object of `kind` is among `ids`; an id of no place is reported as-is."""
    by_id = {obj.pk: place for place, obj in world[kind].items()}
    return {by_id.get(i, f"unknown #{i}") for i in ids}


def _detail_paths(world: dict[str, Any], place: str) -> dict[str, str]:
    agency, officer = world["agencies"][place], world["officers"][place]
    case, lead = world["cases"][place], world["leads"][place]
    return {
        "/agencies/{agency_id}": f"/agencies/{agency.pk}",
        "/agencies/{agency_id}/teams": f"/agencies/{agency.pk}/teams",
        "/agencies/{agency_id}/matters": f"/agencies/{agency.pk}/matters",
        "/officers/{officer_id}": f"/officers/{officer.pk}",
        "/leads/{lead_id}": f"/leads/{lead.pk}",
        "/cases/{case_id}": f"/cases/{case.pk}",
        "/cases/{case_id}/timeline": f"/cases/{case.pk}/timeline",
        "/cases/{case_id}/state": f"/cases/{case.pk}/state",
        "/cases/{case_id}/case-file": f"/cases/{case.pk}/case-file",
    }


@pytest.mark.parametrize("how", ["session", "token"])
@pytest.mark.parametrize("role", list(ORG_TREE))
def test_each_role_gets_only_its_jurisdiction(world: dict[str, Any], role: str, how: str) -> None:
    actor = OfficerFactory(agency=world["agencies"]["own"], team=world["teams"]["own"], roles=[role])
    client = _client(actor.user, how)
    org, cases = ORG_TREE[role], CASES[role]
    expected = {"agencies": org, "officers": org, "leads": cases, "cases": cases}

    # Lists: exactly the objects of the places in the jurisdiction.
    agencies = _all_items(client, "/agencies")
    assert _places_of(world, "agencies", {a["id"] for a in agencies}) == org
    officers = [o for o in _all_items(client, "/officers") if o["id"] != actor.pk]
    assert _places_of(world, "officers", {o["id"] for o in officers}) == org
    assert {o["agency"]["id"] for o in officers} == {world["agencies"][p].pk for p in org}
    leads = _all_items(client, "/leads")
    assert _places_of(world, "leads", {x["id"] for x in leads}) == cases
    listed_cases = _all_items(client, "/cases")
    assert _places_of(world, "cases", {c["id"] for c in listed_cases}) == cases

    # By id: 200 inside, 404 (in the one error shape) outside.
    for place in PLACES:
        for endpoint, path in _detail_paths(world, place).items():
            response = client.get(f"{API}{path}")
            if place in expected[SCOPED[endpoint]] and endpoint in WRONG_STAGE:
                assert response.json()["code"] == "wrong_stage", (endpoint, place, response.content[:300])
            elif place in expected[SCOPED[endpoint]]:
                assert response.status_code == 200, (endpoint, place, response.content[:300])
            else:
                assert response.status_code == 404, (endpoint, place, response.status_code)
                assert response.json()["code"] == "not_found"
    teams = client.get(f"{API}/agencies/{world['agencies']['own'].pk}/teams").json()
    assert world["teams"]["own"].pk in {t["id"] for t in teams}
    held = client.get(f"{API}/agencies/{world['agencies']['own'].pk}/matters").json()
    assert [(h["agency_id"], h["matter_code"]) for h in held] == [(world["agencies"]["own"].pk, "T-001")]

    # The current user: their own record, nothing of anyone else.
    me = client.get(f"{API}/me").json()
    assert me["id"] == actor.user.pk
    assert me["officer"]["agency"]["id"] == world["agencies"]["own"].pk
    tokens = client.get(f"{API}/me/tokens").json()
    assert len(tokens) == (1 if how == "token" else 0)


@pytest.mark.parametrize("state", ["expired", "revoked"])
def test_an_officer_without_a_valid_credential_still_sees_their_cases(world: dict[str, Any], state: str) -> None:
    actor = OfficerFactory(agency=world["agencies"]["own"], credential=state)
    client = _client(actor.user, "session")
    assert {c["id"] for c in _all_items(client, "/cases")} == {world["cases"]["own"].pk}
    assert client.get(f"{API}/me").json()["can_enforce"] is False


@pytest.mark.parametrize("role", list(ORG_TREE))
def test_public_registries_are_the_same_for_every_role(world: dict[str, Any], role: str) -> None:
    """Regions and matters are registries, not jurisdiction-bound: every role sees the region
    above. A party to a case of the county is seen by every role there, even one that may not
    open the case."""
    client = _client(OfficerFactory(agency=world["agencies"]["own"], roles=[role]).user, "session")
    assert client.get(f"{API}/regions/330100").status_code == 200
    assert client.get(f"{API}/parties/{world['party'].pk}").status_code == 200
    assert [m["code"] for m in client.get(f"{API}/matters").json()["items"]] == ["T-001"]


def test_someone_signed_in_without_an_officer_record_gets_nothing_scoped(world: dict[str, Any]) -> None:
    from tests.factories.orgs import UserFactory

    client = _client(UserFactory(), "session")
    for path in ("/agencies", "/officers", "/leads", "/cases"):
        assert client.get(f"{API}{path}").json()["items"] == [], path
    response = client.get(f"{API}/agencies/{world['agencies']['own'].pk}")
    assert response.status_code == 404


def test_every_get_endpoint_is_in_the_matrix() -> None:
    paths = {
        path
        for _prefix, router in api._routers
        for path, view in router.path_operations.items()
        if any("GET" in op.methods for op in view.operations)
    }
    assert paths == set(SCOPED) | OWN | PUBLIC, (
        paths - (set(SCOPED) | OWN | PUBLIC),
        (set(SCOPED) | OWN | PUBLIC) - paths,
    )
