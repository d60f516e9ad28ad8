"""The electronic case file (电子案卷) built at 归档: one zip per case holding the PDF of every
document issued in it, in the order of 市监程序 第七十八条, and a manifest with each file's
SHA-256, so that the file can be checked years later without the database.

It is built by the background worker once the archiving has committed (rendering PDFs does not
hold the database, nor the officer who pressed 归档) and recorded by
`cases.actions.case_files.build_case_file` under a name carrying the case code and the file's
fingerprint; building it again from the same documents gives the same bytes.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from dataclasses import dataclass
from typing import Any

from django.http import FileResponse
from django.utils.translation import gettext as _

from zhifa.cases.choices import CaseFileState, CaseStatus
from zhifa.cases.models import Case, CaseDocument, CaseFile
from zhifa.core.errors import Conflict, InvalidInput

# 市监程序 第七十八条: the order of the file (正卷, then 副卷); documents not listed follow.
FILE_ORDER = [
    "registration_approval",
    "non_registration_approval",
    "penalty_decision",
    "no_penalty_decision",
    "summary_decision",
    "delivery_receipt",
    "prior_notice",
    "hearing_notice",
    "inspection_record",
    "inquiry_record",
    "statement_record",
    "preservation_notice",
    "seizure_decision",
    "hearing_record",
    "payment_deferral_approval",
    "enforcement_reminder",
    "court_enforcement_application",
    "case_transfer_letter",
    "criminal_referral",
    "lead_registration",
    "investigation_report",
    "legal_review_opinion",
    "statement_review",
    "hearing_report",
    "collective_discussion_record",
    "closing_approval",
]
MANIFEST = "manifest.json"
# Every entry carries this time, so that the same documents always give the same zip.
ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def ordered_documents(case: Case) -> list[CaseDocument]:
    return sorted(
        case.documents.filter(void=False),
        key=lambda d: (FILE_ORDER.index(d.code) if d.code in FILE_ORDER else len(FILE_ORDER), d.pk),
    )


@dataclass(frozen=True)
class Built:
    content: bytes
    documents: int


def path_of(case: Case, sha256: str) -> str:
    return f"case-files/{case.case_code}-{sha256[:16]}.zip"


def stored(case: Case) -> CaseFile:
    """The built case file of an archived case; refused, saying why, while there is none."""
    if case.status != CaseStatus.ARCHIVED:
        raise InvalidInput(_("案件归档后才有电子案卷。"), code="wrong_stage")
    record = CaseFile.objects.filter(case=case).first()
    if record is None or record.state == CaseFileState.PENDING:
        raise Conflict(_("电子案卷正在后台生成，请稍后再下载。"), code="case_file_pending")
    if record.state == CaseFileState.FAILED:
        # The sweep (`zhifa casefiles sweep`) asks for failed builds again.
        raise Conflict(
            _("电子案卷生成失败，系统巡检时将重新生成；如一再失败，请联系系统管理员。"), code="case_file_failed"
        )
    return record


def as_download(record: CaseFile) -> FileResponse:
    try:
        handle = record.file.open("rb")
    except FileNotFoundError:
        raise Conflict(_("电子案卷文件已缺失，请联系系统管理员。"), code="case_file_missing") from None
    name = f"{record.case.case_code}.zip"
    response = FileResponse(handle, content_type="application/zip", as_attachment=True, filename=name)
    response["ETag"] = f'"{record.sha256}"'
    return response


def _rendered(document: CaseDocument) -> tuple[CaseDocument, bytes]:
    """The document as recorded once its PDF exists (rendering it sets `signed`), and the PDF."""
    from zhifa.cases.actions.documents import ensure_pdf

    document = ensure_pdf(document)
    with document.pdf.open("rb") as handle:
        return document, handle.read()


def build(case: Case) -> Built:
    """The zip: NNN-<code>.pdf for each document, and manifest.json listing them with SHA-256."""
    entries: list[dict[str, Any]] = []
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for position, issued in enumerate(ordered_documents(case), start=1):
            document, content = _rendered(issued)
            name = f"{position:03d}-{document.code}.pdf"
            archive.writestr(zipfile.ZipInfo(name, ZIP_TIME), content)
            entries.append(
                {
                    "file": name,
                    "code": document.code,
                    "title": document.title,
                    "number": document.number,
                    "issued_on": document.issued_on.isoformat(),
                    "signed": document.signed,
                    "verify_code": document.verify_code,
                    "bytes": len(content),
                    "sha256": hashlib.sha256(content).hexdigest(),
                }
            )
        manifest = {
            "case": {
                "number": case.number,
                "code": case.case_code,
                "title": case.title,
                "agency": str(case.agency),
                "archived_on": case.archived_on.isoformat() if case.archived_on else None,
            },
            "files": entries,
        }
        text = json.dumps(manifest, ensure_ascii=False, indent=2).encode("utf-8")
        archive.writestr(zipfile.ZipInfo(MANIFEST, ZIP_TIME), text)
    return Built(buffer.getvalue(), len(entries))
