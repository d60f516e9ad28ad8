"""归档 queues the electronic case file for the background worker: a zip with the PDF of every
document of the case and a manifest giving each file's SHA-256. Until the worker has built it the
file is refused as pending, and asking for it writes nothing; once built it is recorded with its
fingerprint, in the case's timeline and the audit chain.

These tests run the real database queue and the real `db_worker` command, so they commit (a
worker only sees committed rows)."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import zipfile
from decimal import Decimal

import pytest
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from tests.cases.flow import D, fresh, served
from tests.factories.cases import World, build_world, officer
from tests.factories.orgs import AgencyFactory
from tests.scenarios.api import BACKEND, Api
from zhifa.cases.actions import closing, execution
from zhifa.cases.models import Case, CaseDocument, CaseEvent, CaseFile
from zhifa.cases.tasks import build_case_file
from zhifa.core.audit.chain import verify
from zhifa.core.models import AuditEntry

pytestmark = pytest.mark.django_db(transaction=True)


def _closed(w: World) -> Case:
    case = served(w)
    execution.record_payment(
        case, by=w.users[0], expected_version=None, amount=Decimal(150000), paid_on=D(2025, 8, 1), channel="bank"
    )
    return closing.close_case(fresh(case), by=w.head, expected_version=None, closed_on=D(2025, 8, 5))


def _archived(w: World) -> Case:
    return closing.archive_case(_closed(w), by=w.users[0], expected_version=None, archived_on=D(2025, 8, 6))


def _stored_files() -> set[str]:
    return set(default_storage.listdir("case-files")[1]) if default_storage.exists("case-files") else set()


def test_the_worker_builds_a_zip_of_every_document_pdf_with_a_manifest_of_their_fingerprints(laws, run_worker):
    w = build_world()
    officer = Api(w.users[0])
    case = _closed(w)
    early = officer.get(f"/cases/{case.pk}/case-file")
    assert early.status == 422  # not archived yet

    case = closing.archive_case(case, by=w.users[0], expected_version=None, archived_on=D(2025, 8, 6))
    run_worker()

    response = officer.client.get(f"/api/v1/cases/{case.pk}/case-file")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    content = b"".join(response.streaming_content)
    record = CaseFile.objects.get(case=case)
    assert response["ETag"] == f'"{record.sha256}"'
    assert hashlib.sha256(content).hexdigest() == record.sha256
    archive = zipfile.ZipFile(io.BytesIO(content))
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["case"]["number"] == case.number
    assert manifest["case"]["archived_on"] == "2025-08-06"

    documents = list(case.documents.filter(void=False))
    assert record.documents == len(documents) == len(manifest["files"])
    assert sorted(entry["code"] for entry in manifest["files"]) == sorted(d.code for d in documents)
    assert set(archive.namelist()) == {"manifest.json", *(entry["file"] for entry in manifest["files"])}
    for entry in manifest["files"]:
        pdf = archive.read(entry["file"])
        assert pdf.startswith(b"%PDF")
        assert hashlib.sha256(pdf).hexdigest() == entry["sha256"]
    # The statutory order of the file (市监程序 第七十八条): 立案审批表 first, 结案审批表 last of those listed.
    codes = [entry["code"] for entry in manifest["files"]]
    assert codes[0] == "registration_approval"
    assert codes.index("penalty_decision") < codes.index("investigation_report") < codes.index("closing_approval")
    decision = next(entry for entry in manifest["files"] if entry["code"] == "penalty_decision")
    assert decision["signed"] is True


def test_until_the_worker_has_built_it_the_file_is_pending_and_asking_writes_nothing(laws, run_worker):
    w = build_world()
    case = _archived(w)
    officer = Api(w.users[0])
    entries, files = AuditEntry.objects.count(), _stored_files()

    pending = officer.get(f"/cases/{case.pk}/case-file")
    assert pending.status == 409
    assert pending.body["code"] == "case_file_pending"
    assert "正在后台生成" in pending.body["message"]
    assert (AuditEntry.objects.count(), _stored_files()) == (entries, files)
    assert CaseFile.objects.get(case=case).state == "pending"

    run_worker()
    assert officer.client.get(f"/api/v1/cases/{case.pk}/case-file").status_code == 200


def test_the_built_file_is_recorded_once_in_the_timeline_and_the_audit_chain(laws, run_worker):
    w = build_world()
    case = _archived(w)
    run_worker()
    record = CaseFile.objects.get(case=case)
    event = CaseEvent.objects.get(case=case, kind="case_file.built")
    assert event.actor_name == "system"
    assert event.payload["sha256"] == record.sha256
    assert event.payload["file"] == record.file.name
    entry = AuditEntry.objects.get(action="cases.case_file.built", object_id=str(case.pk))
    assert entry.request_id.startswith("task-")
    assert entry.changes["sha256"] == record.sha256
    assert verify().ok

    # Built again from the same documents (a retried task): the same bytes, nothing recorded twice.
    before = set(DBTaskResult.objects.values_list("id", flat=True))
    build_case_file.enqueue(case.pk)
    run_worker()
    assert DBTaskResult.objects.exclude(id__in=before).get().return_value == record.file.name
    assert CaseEvent.objects.filter(case=case, kind="case_file.built").count() == 1
    assert CaseFile.objects.get(case=case).sha256 == record.sha256
    assert {f for f in _stored_files() if f.startswith(case.case_code)} == {
        record.file.name.removeprefix("case-files/")
    }


def test_the_case_page_says_the_file_is_being_built_then_offers_it(laws, run_worker):
    w = build_world()
    case = _archived(w)
    client = Client()
    client.force_login(w.users[0], backend=BACKEND)

    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "电子案卷正在后台生成" in page
    assert client.get(f"/cases/{case.pk}/case-file/").status_code == 409

    run_worker()
    page = client.get(f"/cases/{case.pk}/").content.decode()
    assert "下载电子案卷" in page
    download = client.get(f"/cases/{case.pk}/case-file/")
    assert download.status_code == 200
    assert download["Content-Disposition"] == f'attachment; filename="{case.case_code}.zip"'


def test_a_failed_build_is_shown_with_its_reason_and_the_sweep_builds_it_again(laws, run_worker):
    w = build_world()
    closed = _closed(w)
    run_worker()  # the PDFs of the steps so far
    officer_ = Api(w.users[0])
    # The storage lost a document and its PDF: the build cannot render it again from its source.
    document = closed.documents.get(code="closing_approval")
    source = document.source.name
    kept = default_storage.open(source, "rb").read()
    default_storage.delete(document.pdf.name)
    default_storage.delete(source)
    CaseDocument.objects.filter(pk=document.pk).update(pdf="")
    case = closing.archive_case(fresh(closed), by=w.users[0], expected_version=None, archived_on=D(2025, 8, 6))

    run_worker(expect="FAILED")
    record = CaseFile.objects.get(case=case)
    assert record.state == "failed"
    assert "FileNotFoundError" in record.error
    assert not record.file
    assert CaseEvent.objects.filter(case=case, kind="case_file.failed").count() == 1
    refused = officer_.get(f"/cases/{case.pk}/case-file")
    assert refused.status == 409
    assert refused.body["code"] == "case_file_failed"
    assert "生成失败" in refused.body["message"]
    client = Client()
    client.force_login(w.users[0], backend=BACKEND)
    assert "电子案卷生成失败" in client.get(f"/cases/{case.pk}/").content.decode()
    assert verify().ok

    default_storage.save(source, io.BytesIO(kept))
    out = io.StringIO()
    call_command("casefiles", "sweep", stdout=out)
    assert out.getvalue().strip().endswith(": 1")
    assert CaseEvent.objects.filter(case=case, kind="case_file.requested").count() == 1
    run_worker()
    assert CaseFile.objects.get(case=case).state == "built"
    assert officer_.client.get(f"/api/v1/cases/{case.pk}/case-file").status_code == 200


def test_the_sweep_asks_again_only_for_builds_pending_too_long(laws):
    w = build_world()
    case = _archived(w)
    call_command("casefiles", "sweep", stdout=io.StringIO())
    assert not CaseEvent.objects.filter(case=case, kind="case_file.requested").exists()  # just asked

    CaseFile.objects.filter(case=case).update(requested_at=timezone.now() - dt.timedelta(hours=2))
    before = DBTaskResult.objects.count()
    call_command("casefiles", "sweep", stdout=io.StringIO())
    assert CaseEvent.objects.filter(case=case, kind="case_file.requested").count() == 1
    assert DBTaskResult.objects.count() == before + 1
    assert CaseFile.objects.get(case=case).requested_at > timezone.now() - dt.timedelta(minutes=1)


def test_another_agencys_officer_cannot_fetch_the_file(laws, run_worker):
    w = build_world()
    case = _archived(w)
    run_worker()
    stranger = officer(AgencyFactory(region=w.agency.region, domain=w.agency.domain), "陌生人").user
    client = Client()
    client.force_login(stranger, backend=BACKEND)
    assert client.get(f"/cases/{case.pk}/case-file/").status_code == 404
    assert Api(stranger).get(f"/cases/{case.pk}/case-file").status == 404
