"""执法证: without a valid one an officer may view but not act (行政处罚法 第四十二条)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import timezone

from tests.factories.orgs import AgencyFactory, CredentialFactory, DomainFactory, OfficerFactory
from zhifa.core.errors import InvalidInput, PermissionDenied
from zhifa.core.models import AuditEntry
from zhifa.orgs import permissions as perms
from zhifa.orgs.actions.credentials import issue_credential, revoke_credential
from zhifa.orgs.choices import Role
from zhifa.orgs.models import Credential
from zhifa.orgs.policy import decide

pytestmark = pytest.mark.django_db


@pytest.fixture
def agency(regions):
    return AgencyFactory(region=regions["county"])


@pytest.fixture
def admin(agency):
    return OfficerFactory(agency=agency, roles=[Role.ADMINISTRATOR]).user


@pytest.mark.parametrize(
    ("state", "words"),
    [("expired", "过期"), ("revoked", "注销"), ("future", "尚未生效"), ("none", "没有")],
)
def test_without_a_valid_credential_an_officer_may_view_but_not_act(agency, state, words):
    officer = OfficerFactory(agency=agency, credential=state)
    assert decide(officer.user, perms.VIEW_AGENCY, agency).allowed
    decision = decide(officer.user, perms.ENFORCE, agency)
    assert not decision.allowed
    assert words in decision.reason
    assert "第四十二条" in decision.citation


def test_a_credential_is_valid_through_its_last_day_and_not_after(agency):
    officer = OfficerFactory(agency=agency, credential="none")
    last_day = timezone.localdate() + dt.timedelta(days=3)
    CredentialFactory(officer=officer, domain=agency.domain, valid_to=last_day)
    with time_machine.travel(dt.datetime.combine(last_day, dt.time(23, 0), tzinfo=timezone.get_current_timezone())):
        assert decide(officer.user, perms.ENFORCE, agency).allowed
        officer.user.refresh_from_db()
    with time_machine.travel(
        dt.datetime.combine(last_day + dt.timedelta(days=1), dt.time(0, 30), tzinfo=timezone.get_current_timezone())
    ):
        fresh = type(officer.user).objects.get(pk=officer.user.pk)
        assert not decide(fresh, perms.ENFORCE, agency).allowed


def test_issuing_a_credential_lets_the_officer_act_and_is_audited(agency, admin):
    officer = OfficerFactory(agency=agency, credential="none")
    today = timezone.localdate()
    credential = issue_credential(
        by=admin,
        officer=officer,
        number="33010620260001",
        domain=agency.domain,
        valid_from=today,
        valid_to=today + dt.timedelta(days=365),
    )
    fresh = type(officer.user).objects.get(pk=officer.user.pk)
    assert decide(fresh, perms.ENFORCE, agency).allowed
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry.action == "orgs.credential.issued"
    assert entry.object_id == str(credential.pk)
    assert entry.changes["new"]["number"] == "33010620260001"


def test_revoking_a_credential_stops_the_officer_acting(agency, admin):
    officer = OfficerFactory(agency=agency)
    credential = Credential.objects.get(officer=officer)
    revoke_credential(credential, by=admin, reason="调离执法岗位")
    fresh = type(officer.user).objects.get(pk=officer.user.pk)
    assert not decide(fresh, perms.ENFORCE, agency).allowed
    assert AuditEntry.objects.order_by("-seq").first().changes == {"reason": "调离执法岗位"}
    with pytest.raises(InvalidInput, match="已经注销"):
        revoke_credential(credential, by=admin, reason="再次注销")


def test_revoking_needs_a_reason_and_changes_nothing_without_one(agency, admin):
    credential = Credential.objects.get(officer=OfficerFactory(agency=agency))
    before = AuditEntry.objects.count()
    with pytest.raises(InvalidInput) as error:
        revoke_credential(credential, by=admin, reason="  ")
    assert "reason" in error.value.fields
    credential.refresh_from_db()
    assert credential.revoked_at is None
    assert AuditEntry.objects.count() == before


def test_a_reversed_validity_period_or_a_duplicate_number_is_refused(agency, admin):
    officer = OfficerFactory(agency=agency, credential="none")
    today = timezone.localdate()
    with pytest.raises(InvalidInput) as error:
        issue_credential(
            by=admin,
            officer=officer,
            number="X-1",
            domain=agency.domain,
            valid_from=today,
            valid_to=today - dt.timedelta(days=1),
        )
    assert "valid_to" in error.value.fields
    issue_credential(by=admin, officer=officer, number="X-2", domain=agency.domain, valid_from=today, valid_to=today)
    with pytest.raises(InvalidInput):
        issue_credential(
            by=admin, officer=officer, number="X-2", domain=agency.domain, valid_from=today, valid_to=today
        )
    assert Credential.objects.filter(officer=officer).count() == 1


def test_only_administrators_within_their_region_issue_credentials(regions, agency):
    head = OfficerFactory(agency=agency, roles=[Role.AGENCY_HEAD]).user
    officer = OfficerFactory(agency=agency, credential="none")
    today = timezone.localdate()
    with pytest.raises(PermissionDenied):
        issue_credential(by=head, officer=officer, number="Y-1", domain=agency.domain, valid_from=today, valid_to=today)
    outsider_admin = OfficerFactory(agency=AgencyFactory(region=regions["beside"]), roles=[Role.ADMINISTRATOR]).user
    with pytest.raises(PermissionDenied):
        issue_credential(
            by=outsider_admin, officer=officer, number="Y-2", domain=agency.domain, valid_from=today, valid_to=today
        )
    assert not Credential.objects.filter(officer=officer).exists()


def test_a_credential_of_another_domain_does_not_count(agency):
    officer = OfficerFactory(agency=agency, credential="none")
    CredentialFactory(officer=officer, domain=DomainFactory(code="market_regulation"))
    assert not decide(officer.user, perms.ENFORCE, agency).allowed
