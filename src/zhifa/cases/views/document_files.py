"""Handing out an issued document's file, to an officer or to the party opening a delivery."""

from __future__ import annotations

import logging

from django.http import FileResponse, HttpResponse

from zhifa.cases.actions.documents import ensure_pdf
from zhifa.cases.models import CaseDocument

logger = logging.getLogger("zhifa.cases.documents")


def document_response(document: CaseDocument) -> HttpResponse | FileResponse:
    """The document's PDF, rendered now if the worker has not got to it yet. If rendering fails,
    its HTML source: the text is not withheld for a broken renderer, and the log says why."""
    try:
        document = ensure_pdf(document)
    except Exception:  # WeasyPrint and the signer raise many kinds; none may become a 500 here
        logger.exception("the PDF of document %s could not be rendered; serving its HTML", document.pk)
        with document.source.open("rb") as handle:
            return HttpResponse(handle.read(), content_type="text/html; charset=utf-8")
    return FileResponse(document.pdf.open("rb"), content_type="application/pdf", filename=f"{document.title}.pdf")
