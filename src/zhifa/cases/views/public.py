"""Public pages that need no sign-in: verifying a document by its QR code, and opening an
electronically delivered document (the opening is the delivery receipt)."""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods

from zhifa.cases.actions.deciding import open_electronic_delivery
from zhifa.cases.selectors import public_document
from zhifa.cases.views.document_files import document_response


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
    delivery = open_electronic_delivery(token)
    if delivery is None:
        raise Http404
    return document_response(delivery.document)
