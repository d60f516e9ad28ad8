"""Two people pressing the same button at once: exactly one wins, the other gets a conflict."""

from __future__ import annotations

import threading

import pytest
from django.db import connection

from tests.factories.orgs import AgencyFactory, OfficerFactory, region_tree
from zhifa.core import context
from zhifa.core.audit.chain import verify
from zhifa.core.errors import Conflict
from zhifa.core.models import AuditEntry
from zhifa.orgs.actions.agencies import update_agency
from zhifa.orgs.choices import Role
from zhifa.orgs.models import Agency


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_updates_of_one_version_let_exactly_one_through():
    regions = region_tree()
    agency = AgencyFactory(region=regions["county"])
    admins = [OfficerFactory(agency=agency, roles=[Role.ADMINISTRATOR]).user for _ in range(2)]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def press(n: int) -> None:
        try:
            with context.bound(context.RequestContext(f"req-{n}", "127.0.0.1", "test")):
                mine = Agency.objects.get(pk=agency.pk)
                barrier.wait()
                update_agency(mine, by=admins[n], expected_version=1, name=f"并发修改{n}")
                outcomes.append("ok")
        except Conflict:
            outcomes.append("conflict")
        finally:
            connection.close()

    threads = [threading.Thread(target=press, args=(n,)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "ok"]
    agency.refresh_from_db()
    assert agency.version == 2
    assert AuditEntry.objects.filter(action="orgs.agency.changed").count() == 1
    assert verify().ok


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_actions_keep_the_audit_chain_gapless():
    regions = region_tree()
    agency = AgencyFactory(region=regions["county"])
    admin = OfficerFactory(agency=agency, roles=[Role.ADMINISTRATOR]).user
    from zhifa.orgs.actions.agencies import create_team

    def work(n: int) -> None:
        try:
            with context.bound(context.RequestContext(f"req-{n}", "127.0.0.1", "test")):
                for k in range(5):
                    create_team(by=type(admin).objects.get(pk=admin.pk), agency=agency, name=f"队{n}-{k}")
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert AuditEntry.objects.filter(action="orgs.team.created").count() == 20
    result = verify()
    assert result.ok, result.problem
