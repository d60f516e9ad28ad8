"""The staff shell's own pages: the workbench."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse

from zhifa.core import workbench


@login_required
def workbench_view(request: HttpRequest) -> HttpResponse:
    return TemplateResponse(
        request,
        "core/workbench.html",
        {"panels": workbench.panels_for(request), "tasks": workbench.tasks_for(request.user)},
    )
