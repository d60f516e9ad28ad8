"""Handing out an issued document's file, to an officer or to the party opening a delivery."""

from __future__ import annotations

import logging

from django.http import FileResponse, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from zhifa.cases.actions.documents import SIGNED_CODES, ensure_pdf
from zhifa.cases.models import CaseDocument

logger = logging.getLogger("zhifa.cases.documents")


def rendered(document: CaseDocument) -> CaseDocument | None:
    """The document with its PDF, rendered now if the worker has not got to it yet; None, with the
    reason in the log, if it cannot be rendered."""
    try:
        return ensure_pdf(document)
    except Exception:  # WeasyPrint and the signer raise many kinds; none may become a 500 here
        logger.exception("the PDF of document %s could not be rendered", document.pk)
        return None


def pdf_response(document: CaseDocument) -> FileResponse:
    return FileResponse(document.pdf.open("rb"), content_type="application/pdf", filename=f"{document.title}.pdf")


def officer_document_response(request: HttpRequest, document: CaseDocument) -> HttpResponse | FileResponse:
    """The PDF; if it cannot be rendered, the text (HTML) of an ordinary document, so that work goes
    on, but never of a decision: printed without its electronic signature it is not the decision."""
    pdf = rendered(document)
    if pdf is not None:
        return pdf_response(pdf)
    if document.code not in SIGNED_CODES:
        return HttpResponse(document.html(), content_type="text/html; charset=utf-8")
    return unavailable(request, _("文书暂时无法生成，请稍后再试；仍然不行，请联系系统管理员（详情见服务器日志）。"))


def unavailable(request: HttpRequest, message: str) -> HttpResponse:
    return TemplateResponse(
        request,
        "cases/document_unavailable.html",
        {"title": _("文书暂不可用"), "message": message},
        status=503,
    )
