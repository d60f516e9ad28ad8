"""Agencies, teams and officers change only through actions that check scope and write audit."""

from __future__ import annotations

import pytest

from tests.factories.orgs import AgencyFactory, DomainFactory, OfficerFactory, TeamFactory
from zhifa.core.errors import Conflict, InvalidInput, PermissionDenied
from zhifa.core.models import AuditEntry
from zhifa.orgs.actions import agencies, officers
from zhifa.orgs.choices import LegalStatus, Role
from zhifa.orgs.models import Agency, Officer, RoleGrant

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(regions):
    return AgencyFactory(name="西湖区综合行政执法局", region=regions["county"])


@pytest.fixture
def admin(home):
    return OfficerFactory(agency=home, roles=[Role.ADMINISTRATOR]).user


def test_creating_an_agency_writes_it_and_its_audit_entry(regions, admin):
    agency = agencies.create_agency(
        by=admin, name="转塘街道综合行政执法队", region=regions["township"], domain=DomainFactory()
    )
    entry = AuditEntry.objects.order_by("-seq").first()
    assert (entry.action, entry.object_id, entry.actor_id) == ("orgs.agency.created", str(agency.pk), admin.pk)
    assert entry.changes["new"]["region"]["repr"] == "转塘街道"


def test_an_invalid_credit_code_is_refused_and_nothing_is_written(regions, admin):
    before = (Agency.objects.count(), AuditEntry.objects.count())
    with pytest.raises(InvalidInput) as error:
        agencies.create_agency(
            by=admin,
            name="某执法局",
            region=regions["township"],
            domain=DomainFactory(),
            credit_code="91330106MA2AAAAAA0",
        )
    assert "统一社会信用代码" in error.value.fields["credit_code"][0]
    assert (Agency.objects.count(), AuditEntry.objects.count()) == before


def test_a_valid_credit_code_is_accepted(regions, admin):
    agency = agencies.create_agency(
        by=admin,
        name="某公司执法测试",
        region=regions["township"],
        domain=DomainFactory(),
        credit_code="91330106MA2AAAAAA1",
    )
    assert agency.credit_code == "91330106MA2AAAAAA1"


def test_an_entrusted_organisation_names_its_entrusting_organ(regions, admin, home):
    with pytest.raises(InvalidInput) as error:
        agencies.create_agency(
            by=admin,
            name="受托组织",
            region=regions["township"],
            domain=home.domain,
            legal_status=LegalStatus.ENTRUSTED,
        )
    assert "第二十条" in error.value.fields["entrusted_by"][0]
    entrusted = agencies.create_agency(
        by=admin,
        name="受托组织",
        region=regions["township"],
        domain=home.domain,
        legal_status=LegalStatus.ENTRUSTED,
        entrusted_by=home,
    )
    with pytest.raises(InvalidInput, match="请更正"):
        agencies.create_agency(
            by=admin,
            name="再受托组织",
            region=regions["township"],
            domain=home.domain,
            legal_status=LegalStatus.ENTRUSTED,
            entrusted_by=entrusted,
        )


def test_an_agency_outside_the_administrators_region_cannot_be_created_or_moved_out(regions, admin, home):
    with pytest.raises(PermissionDenied):
        agencies.create_agency(by=admin, name="邻区执法局", region=regions["beside"], domain=home.domain)
    with pytest.raises(PermissionDenied):
        agencies.update_agency(home, by=admin, expected_version=home.version, region=regions["beside"])
    home.refresh_from_db()
    assert home.region == regions["county"]


def test_a_stale_version_is_a_conflict_and_changes_nothing(admin, home):
    agencies.update_agency(home, by=admin, expected_version=1, name="西湖区综合行政执法局（新）")
    stale = Agency.objects.get(pk=home.pk)
    with pytest.raises(Conflict, match="已被他人修改"):
        agencies.update_agency(stale, by=admin, expected_version=1, name="另一名称")
    stale.refresh_from_db()
    assert (stale.name, stale.version) == ("西湖区综合行政执法局（新）", 2)
    entry = AuditEntry.objects.filter(action="orgs.agency.changed").get()
    assert entry.changes == {"old": {"name": "西湖区综合行政执法局"}, "new": {"name": "西湖区综合行政执法局（新）"}}


def test_an_agency_head_may_grant_only_the_roles_of_the_agency(home):
    head = OfficerFactory(agency=home, roles=[Role.AGENCY_HEAD]).user
    with pytest.raises(PermissionDenied):
        officers.create_officer(by=head, username="x1", full_name="新人", agency=home)  # heads do not add officers
    officer = OfficerFactory(agency=home)
    officers.set_roles(officer, by=head, roles=[Role.OFFICER, Role.LEGAL_REVIEWER])
    with pytest.raises(PermissionDenied, match="administrator"):
        officers.set_roles(officer, by=head, roles=[Role.ADMINISTRATOR])
    assert set(RoleGrant.objects.filter(officer=officer).values_list("role", flat=True)) == {
        Role.OFFICER,
        Role.LEGAL_REVIEWER,
    }


def test_an_administrator_creates_an_officer_with_an_account(admin, home):
    team = TeamFactory(agency=home)
    officer = officers.create_officer(
        by=admin,
        username="newbie",
        full_name="新同事",
        agency=home,
        team=team,
        roles=[Role.OFFICER, Role.ADMINISTRATOR],
    )
    assert officer.user.is_staff  # administrators reach the Django admin
    assert not officer.user.has_usable_password()
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry.changes["roles"] == ["administrator", "officer"]


def test_a_team_of_another_agency_is_refused(admin, home, regions):
    other_team = TeamFactory(agency=AgencyFactory(region=regions["township"]))
    with pytest.raises(InvalidInput, match="队伍"):
        officers.create_officer(by=admin, username="newbie", full_name="新同事", agency=home, team=other_team)
    assert not Officer.objects.filter(user__username="newbie").exists()


def test_a_duplicate_username_is_reported_as_a_field_error(admin, home):
    OfficerFactory(agency=home, user__username="dup")
    with pytest.raises(InvalidInput) as error:
        officers.create_officer(by=admin, username="dup", full_name="重名", agency=home)
    assert "username" in error.value.fields


def test_transferring_an_officer_is_audited(admin, home, regions):
    target = AgencyFactory(region=regions["township"], domain=home.domain)
    officer = OfficerFactory(agency=home)
    officers.update_officer(officer, by=admin, expected_version=officer.version, agency=target)
    officer.refresh_from_db()
    assert officer.agency == target
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry.changes["new"]["agency"]["id"] == target.pk
