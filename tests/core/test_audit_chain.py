"""The audit chain: every action appends a linked entry; any tampering is found by verify."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from tests.factories.orgs import AgencyFactory, DomainFactory, OfficerFactory
from zhifa.core.audit.chain import compute_hash, verify
from zhifa.core.models import AuditChainHead, AuditEntry
from zhifa.orgs.actions import agencies
from zhifa.orgs.choices import Role

pytestmark = pytest.mark.django_db


def _write_entries(regions: dict, count: int = 5) -> list[AuditEntry]:
    admin = OfficerFactory(agency=AgencyFactory(region=regions["county"]), roles=[Role.ADMINISTRATOR]).user
    domain = DomainFactory()
    start = AuditEntry.objects.order_by("-seq").values_list("seq", flat=True).first() or 0
    for n in range(count):
        agencies.create_agency(by=admin, name=f"链测试执法局{n}", region=regions["township"], domain=domain)
    return list(AuditEntry.objects.filter(seq__gt=start, action="orgs.agency.created").order_by("seq"))


def _tamper(sql: str, params: list) -> None:
    """Edit the table behind the application's back, as a DBA with direct access could."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditentry DISABLE TRIGGER core_auditentry_append_only")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditentry ENABLE TRIGGER core_auditentry_append_only")


def test_each_action_appends_an_entry_linked_to_the_previous(regions):
    entries = _write_entries(regions)
    assert [e.seq for e in entries] == list(range(entries[0].seq, entries[0].seq + len(entries)))
    for before, after in zip(entries, entries[1:], strict=False):
        assert after.prev_hash == before.hash
    last = entries[-1]
    assert last.action == "orgs.agency.created"
    assert last.object_repr == "链测试执法局4"
    assert last.changes["new"]["name"] == "链测试执法局4"
    assert last.request_id == "test-request"
    assert last.client_address == "127.0.0.1"
    assert last.agency_name  # stamped with the actor's agency
    head = AuditChainHead.objects.get(name="main")
    assert (head.seq, head.hash) == (last.seq, last.hash)
    assert verify().ok


def test_the_hash_covers_every_field(regions):
    entry = _write_entries(regions, 1)[-1]
    values = {
        f: getattr(entry, f)
        for f in (
            "chain",
            "seq",
            "created_at",
            "actor_id",
            "actor_name",
            "agency_id",
            "agency_name",
            "action",
            "object_type",
            "object_id",
            "object_repr",
            "changes",
            "request_id",
            "client_address",
            "prev_hash",
        )
    }
    assert compute_hash(values) == entry.hash
    values["object_repr"] = "别的"
    assert compute_hash(values) != entry.hash


def test_an_edited_entry_is_found_and_named(regions):
    entries = _write_entries(regions)
    target = entries[2]
    _tamper("UPDATE core_auditentry SET object_repr = %s WHERE id = %s", ["篡改后的名称", target.pk])
    result = verify()
    assert not result.ok
    assert result.problem.seq == target.seq
    assert result.problem.entry_id == target.pk
    assert "改动" in result.problem.reason


def test_a_deleted_entry_is_found(regions):
    entries = _write_entries(regions)
    _tamper("DELETE FROM core_auditentry WHERE id = %s", [entries[1].pk])
    result = verify()
    assert not result.ok
    assert result.problem.seq == entries[1].seq
    assert "删除" in result.problem.reason


def test_entries_cut_off_the_end_are_found(regions):
    entries = _write_entries(regions)
    _tamper("DELETE FROM core_auditentry WHERE id = %s", [entries[-1].pk])
    result = verify()
    assert not result.ok
    assert result.problem.seq == entries[-1].seq


def test_reordered_entries_are_found(regions):
    entries = _write_entries(regions)
    first, second = entries[1], entries[2]
    _tamper("UPDATE core_auditentry SET seq = -1 WHERE id = %s", [first.pk])
    _tamper("UPDATE core_auditentry SET seq = %s WHERE id = %s", [first.seq, second.pk])
    _tamper("UPDATE core_auditentry SET seq = %s WHERE id = %s", [second.seq, first.pk])
    result = verify()
    assert not result.ok
    assert result.problem.seq == first.seq


def test_a_rewritten_chain_fails_against_an_external_anchor(regions):
    entries = _write_entries(regions)
    anchor = {entries[2].seq: entries[2].hash}
    assert verify(anchors=anchor).ok
    assert not verify(anchors={entries[2].seq: "f" * 64}).ok


def test_verify_command_exits_non_zero_and_names_the_entry(regions, capsys):
    entries = _write_entries(regions)
    call_command("audit", "verify", "--quiet")
    assert "完好" in capsys.readouterr().out
    _tamper("UPDATE core_auditentry SET actor_name = %s WHERE id = %s", ["冒名者", entries[3].pk])
    with pytest.raises(SystemExit) as exit_info:
        call_command("audit", "verify", "--quiet")
    assert exit_info.value.code == 1
    assert f"第 {entries[3].seq} 条" in capsys.readouterr().err


@pytest.mark.django_db(transaction=True)
def test_audit_entries_are_written_only_inside_a_transaction():
    from zhifa.core.audit.chain import append

    with pytest.raises(RuntimeError):
        append({})


@pytest.mark.postgres
def test_postgres_refuses_update_and_delete_of_audit_entries(regions):
    entries = _write_entries(regions, 1)
    for sql in ("UPDATE core_auditentry SET action = 'x' WHERE id = %s", "DELETE FROM core_auditentry WHERE id = %s"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entries[0].pk])
    assert verify().ok
