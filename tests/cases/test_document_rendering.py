"""A step answers once its rows are written: the PDF of each document it issued is rendered (and a
decision sealed) by the background worker after the commit. Runs the real queue and `db_worker`,
so it commits."""

from __future__ import annotations

import pytest
from django_tasks_db.models import DBTaskResult

from tests.cases.flow import decided, fresh
from tests.factories.cases import build_world
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
