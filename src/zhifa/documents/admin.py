from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from zhifa.core.admin_base import PolicyModelAdmin
from zhifa.core.errors import DomainError
from zhifa.documents.actions.templates import activate_template, save_template_draft
from zhifa.documents.models import DocumentTemplate
from zhifa.documents.permissions import MANAGE_TEMPLATE, VIEW_TEMPLATE


@admin.register(DocumentTemplate)
class DocumentTemplateAdmin(PolicyModelAdmin):
    """Saving a template always makes a new draft revision; activating it retires the old one."""

    view_perm, add_perm, change_perm = VIEW_TEMPLATE, MANAGE_TEMPLATE, MANAGE_TEMPLATE
    list_display = ["title", "code", "revision", "status", "region"]
    list_filter = ["status"]
    search_fields = ["title", "code"]
    fields = ["code", "title", "region", "order", "stage", "legal_basis", "body"]
    actions = ["activate"]

    def create(self, request: HttpRequest, form: ModelForm) -> Model:  # type: ignore[type-arg]
        d = form.cleaned_data
        return save_template_draft(
            by=request.user,
            code=d["code"],
            title=d["title"],
            body=d["body"],
            region=d.get("region"),
            order=d.get("order") or 100,
            stage=d.get("stage") or "",
            legal_basis=d.get("legal_basis") or "",
        )

    def change(self, request: HttpRequest, obj: Any, form: ModelForm) -> Model:  # type: ignore[type-arg]
        return self.create(request, form)

    @admin.action(description=_("启用所选版本"))
    def activate(self, request: HttpRequest, queryset: QuerySet[DocumentTemplate]) -> None:
        for template in queryset:
            try:
                activate_template(template, by=request.user)
            except DomainError as error:
                messages.error(request, f"{template}: {error.message}")
