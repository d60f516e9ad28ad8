"""Issuing a case document: rendered from the active template, numbered and fingerprinted in the
step's transaction. Its PDF (and, for decisions, the agency's PAdES signature) is rendered by the
background worker once the transaction commits, so neither the database nor the officer waits for
WeasyPrint; whoever asks for the file before the worker got to it has it rendered then."""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from zhifa.cases import document_context
from zhifa.cases.models import Case, CaseDocument
from zhifa.cases.penalty import Penalty
from zhifa.core.errors import InvalidInput
from zhifa.documents.models import DocumentTemplate, TemplateStatus
from zhifa.documents.rendering import fingerprint, render_html, render_pdf

logger = logging.getLogger("zhifa.cases.documents")

# 行政处罚决定书 and 不予行政处罚决定书; they carry the agency's electronic signature (电子签章,
# PAdES), the other documents are plain PDFs.
DECISION_CODES = frozenset({"penalty_decision", "no_penalty_decision"})
SIGNED_CODES = DECISION_CODES
# A legal document is written in Chinese whatever language the officer reads the site in.
DOCUMENT_LANGUAGE = "zh-hans"


def active_template(case: Case, code: str) -> DocumentTemplate:
    """The active revision for the most specific region containing the agency (a province's own
    before the national one)."""
    candidates = DocumentTemplate.objects.filter(code=code, status=TemplateStatus.ACTIVE).select_related("region")
    fitting = [t for t in candidates if t.region is None or case.region_path.startswith(t.region.path)]
    if not fitting:
        raise InvalidInput(_("没有启用的“%(code)s”文书模板，请先运行 zhifa demo 或在后台启用模板。") % {"code": code})
    return max(fitting, key=lambda t: len(t.region.path) if t.region else 0)


def verify_url(document: CaseDocument) -> str:
    base = getattr(settings, "ZHIFA_PUBLIC_BASE_URL", "").rstrip("/")
    return f"{base}{reverse('cases:verify', args=[document.case.case_code, document.verify_code])}"


def chinese_label(instance: Any, field: str) -> str:
    """A choice's label for a document's text: `get_FOO_display()` speaks the officer's session
    language, not the document's."""
    with translation.override(DOCUMENT_LANGUAGE):
        return str(getattr(instance, f"get_{field}_display")())


def issue_document(
    case: Case,
    code: str,
    *,
    number: str = "",
    penalty: Penalty | None = None,
    extra: dict[str, Any] | None = None,
) -> CaseDocument:
    template = active_template(case, code)
    document = CaseDocument.objects.create(
        case=case, template=template, code=code, title=template.title, number=number, issued_on=timezone.localdate()
    )
    # The labels the context takes from choices and translated strings must not follow the session.
    with translation.override(DOCUMENT_LANGUAGE):
        context = document_context.build(
            case,
            document={"number": number, "qr_url": verify_url(document), "verify_code": document.verify_code},
            penalty=penalty,
            extra=extra,
        )
        html = render_html(template.body, context)
    document.source.save(f"{case.case_code}-{code}-{document.pk}.html", ContentFile(html.encode("utf-8")), save=False)
    document.sha256 = hashlib.sha256(html.encode("utf-8")).hexdigest()
    CaseDocument.objects.filter(pk=document.pk).update(source=document.source.name, sha256=document.sha256)
    transaction.on_commit(lambda: _queue_pdf(document.pk))
    return document


def _queue_pdf(document_id: int) -> None:
    from zhifa.cases.tasks import render_document_pdf

    render_document_pdf.enqueue(document_id)


def ensure_pdf(document: CaseDocument) -> CaseDocument:
    """The document with its PDF: rendered now if the worker has not done it yet."""
    return document if document.pdf else produce_pdf(document.pk)


def produce_pdf(document_id: int) -> CaseDocument:
    """Render (and, for a decision, sign) the PDF of an issued document, once. Safe to run again, and
    from two processes at once: the one that records second keeps what the first recorded, so a PDF's
    fingerprint, once shown, never changes."""
    document = CaseDocument.objects.select_related("case__agency__region").get(pk=document_id)
    if document.pdf:
        return document
    with document.source.open("rb") as handle:
        html = handle.read().decode("utf-8")
    # Rendering takes a second: done before the transaction, which only records.
    pdf = render_pdf(html)
    sign = document.code in SIGNED_CODES
    if sign:
        from zhifa.documents.signing import sign_pdf

        pdf = sign_pdf(pdf, document.case.agency, reason=document.title, location=document.case.agency.region.name)
    with transaction.atomic():
        recorded = CaseDocument.objects.select_for_update().get(pk=document_id)
        if recorded.pdf:
            return recorded
        document.pdf.save(f"{document.case.case_code}-{document.code}-{document.pk}.pdf", ContentFile(pdf), save=False)
        CaseDocument.objects.filter(pk=document.pk).update(pdf=document.pdf.name, sha256=fingerprint(pdf), signed=sign)
    document.refresh_from_db()
    return document
