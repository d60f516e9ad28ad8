"""归档 builds the complete electronic case file: a zip with the PDF of every document of the
case and a manifest giving each file's SHA-256, downloadable once the case is archived."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from decimal import Decimal

import pytest

from tests.cases.flow import D, fresh, served
from tests.factories.cases import build_world
from tests.scenarios.api import Api
from zhifa.cases.actions import closing, execution

pytestmark = pytest.mark.django_db


def test_archiving_builds_a_zip_of_every_document_pdf_with_a_manifest_of_their_fingerprints(
    django_capture_on_commit_callbacks, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    w = build_world()
    case = served(w)
    execution.record_payment(
        case, by=w.users[0], expected_version=None, amount=Decimal(150000), paid_on=D(2025, 8, 1), channel="bank"
    )
    case = closing.close_case(fresh(case), by=w.head, expected_version=None, closed_on=D(2025, 8, 5))
    officer = Api(w.users[0])
    early = officer.get(f"/cases/{case.pk}/case-file")
    assert early.status == 422  # not archived yet

    with django_capture_on_commit_callbacks(execute=True):
        case = closing.archive_case(case, by=w.users[0], expected_version=None, archived_on=D(2025, 8, 6))

    response = officer.client.get(f"/api/v1/cases/{case.pk}/case-file")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["case"]["number"] == case.number
    assert manifest["case"]["archived_on"] == "2025-08-06"

    documents = list(case.documents.filter(void=False))
    assert sorted(entry["code"] for entry in manifest["files"]) == sorted(d.code for d in documents)
    assert set(archive.namelist()) == {"manifest.json", *(entry["file"] for entry in manifest["files"])}
    for entry in manifest["files"]:
        content = archive.read(entry["file"])
        assert content.startswith(b"%PDF")
        assert hashlib.sha256(content).hexdigest() == entry["sha256"]
    # The statutory order of the file (市监程序 第七十八条): 立案审批表 first, 结案审批表 last of those listed.
    codes = [entry["code"] for entry in manifest["files"]]
    assert codes[0] == "registration_approval"
    assert codes.index("penalty_decision") < codes.index("investigation_report") < codes.index("closing_approval")
    decision = next(entry for entry in manifest["files"] if entry["code"] == "penalty_decision")
    assert decision["signed"] is True
