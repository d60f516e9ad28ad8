"""`zhifa seed` builds synthetic org trees in real regions, tops up on re-run."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from tests.factories.orgs import DomainFactory
from zhifa.core.audit.chain import verify
from zhifa.core.models import AuditEntry
from zhifa.orgs.models import Agency, Credential, Officer, Team

pytestmark = pytest.mark.django_db


def test_seed_creates_the_requested_scale_and_tops_up(regions, capsys):
    DomainFactory()
    DomainFactory(code="market_regulation")
    call_command("seed", "--province", "330000", "--agencies", "12", "--officers", "150", "--quiet")
    assert Agency.objects.filter(name__startswith="seed-").count() == 12
    assert Team.objects.filter(agency__name__startswith="seed-").count() == 12
    assert Officer.objects.filter(user__username__startswith="seed").count() == 150
    assert Credential.objects.filter(number__startswith="S330000").count() == 150
    officer = Officer.objects.filter(user__username__startswith="seed").first()
    assert officer.agency.region.path.startswith("/330000/")
    call_command("seed", "--province", "330000", "--agencies", "12", "--officers", "200", "--quiet")
    assert Officer.objects.filter(user__username__startswith="seed").count() == 200
    assert Agency.objects.filter(name__startswith="seed-").count() == 12
    assert AuditEntry.objects.filter(action="orgs.seeded").count() == 2
    assert verify().ok
