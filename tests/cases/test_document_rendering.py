"""A step answers once its rows are written: the PDF of each document it issued is rendered (and a
decision sealed) by the background worker after the commit. Runs the real queue and `db_worker`,
so it commits."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.test import Client
from django_tasks_db.models import DBTaskResult

from tests.cases.flow import decided, delivered_electronically, fresh
from tests.factories.cases import build_world
from tests.scenarios.api import Api
from zhifa.cases import case_file
from zhifa.cases.models import CaseDocument
from zhifa.documents.rendering import fingerprint
from zhifa.documents.signing import verify_pdf

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_worker_renders_the_pdfs_a_step_issued_and_seals_the_decision(laws, run_worker):
    w = build_world()
    case = decided(w)
    documents = CaseDocument.objects.filter(case=case)
    assert documents.count() >= 5
    assert not documents.exclude(pdf="").exists()  # nothing rendered while the officer waited
    queued = DBTaskResult.objects.filter(task_path="zhifa.cases.tasks.render_document_pdf", status="READY")
    assert queued.count() == documents.count()

    run_worker()

    assert not documents.filter(pdf="").exists()
    decision = fresh(case).decision.document
    with decision.pdf.open("rb") as handle:
        pdf = handle.read()
    assert decision.signed
    assert verify_pdf(pdf).ok
    assert decision.sha256 == fingerprint(pdf)
    assert set(documents.filter(signed=True).values_list("code", flat=True)) == {"penalty_decision"}


def test_a_case_file_built_before_the_worker_rendered_the_pdfs_lists_the_decision_as_signed(laws):
    w = build_world()
    case = decided(w)
    assert not fresh(case).decision.document.pdf
    built = case_file.build(fresh(case))
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(built.content)).read("manifest.json"))
    [decision] = [entry for entry in manifest["files"] if entry["code"] == "penalty_decision"]
    assert decision["signed"] is True
    assert fresh(case).decision.document.signed


def test_the_party_opens_an_electronic_delivery_and_gets_the_signed_decision(laws, run_worker):
    """Outside a test's transaction, as in production: the opening locks its rows in a transaction
    of its own (PostgreSQL refuses SELECT … FOR UPDATE in autocommit)."""
    w = build_world()
    case = decided(w)
    document = fresh(case).decision.document
    api = Api(w.users[0])
    assert document_out_of(api, case.pk, "penalty_decision")["rendered"] is False
    delivery = delivered_electronically(w, document)
    opened = Client().post(f"/d/{delivery.token}/")
    assert opened.status_code == 200
    assert opened["Content-Type"] == "application/pdf"
    assert verify_pdf(b"".join(opened.streaming_content)).ok
    delivery.refresh_from_db()
    assert delivery.served_on is not None
    assert document_out_of(api, case.pk, "penalty_decision")["rendered"] is True


def document_out_of(api: Api, case_id: int, code: str) -> dict:
    body = api.get(f"/cases/{case_id}").body
    return next(d for d in body["documents"] if d["code"] == code)
