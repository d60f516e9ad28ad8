from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from zhifa.core.scoping import fetch_for
from zhifa.documents.models import DocumentTemplate, TemplateStatus
from zhifa.documents.permissions import VIEW_TEMPLATE


@login_required
def template_list(request: HttpRequest) -> HttpResponse:
    templates = (
        DocumentTemplate.objects.restrict(request.user, VIEW_TEMPLATE)
        .filter(status=TemplateStatus.ACTIVE)
        .select_related("region")
        .order_by("order", "code")
    )
    return TemplateResponse(request, "documents/template_list.html", {"templates": templates})


@login_required
def template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    template = fetch_for(DocumentTemplate, request.user, VIEW_TEMPLATE, pk=pk)
    revisions = (
        DocumentTemplate.objects.restrict(request.user, VIEW_TEMPLATE).filter(code=template.code).order_by("-revision")
    )
    return TemplateResponse(request, "documents/template_detail.html", {"template": template, "revisions": revisions})
