"""Public pages that need no sign-in: verifying a document by its QR code, and opening an
electronically delivered document (the opening is the delivery receipt)."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from zhifa.cases.actions.deciding import open_electronic_delivery
from zhifa.cases.selectors import electronic_delivery, public_document
from zhifa.cases.views.document_files import pdf_response, rendered, unavailable


def verify(request: HttpRequest, case_code: str, verify_code: str) -> HttpResponse:
    """What anyone holding the paper may check: issuer, number, date, fingerprint, status. No
    personal data is shown."""
    document = public_document(case_code, verify_code)
    if document is None:
        raise Http404
    return TemplateResponse(request, "cases/verify.html", {"document": document})


@require_http_methods(["GET", "POST"])
def open_delivery(request: HttpRequest, token: str) -> HttpResponse | FileResponse:
    """The party's link: a confirmation page first (GET), then the document (POST records receipt),
    so that link previewers and scanners do not count as the party opening it."""
    if request.method == "GET":
        return TemplateResponse(request, "cases/open_delivery.html", {"token": token})
    waiting = electronic_delivery(token)
    if waiting is None:
        raise Http404
    # The file first: an opening is recorded as service only when the party is given the document.
    document = rendered(waiting.document)
    if document is None:
        return unavailable(request, _("文书暂时无法打开，请稍后再试。本次打开不计为签收。"))
    open_electronic_delivery(token)
    return pdf_response(document)
