"""A ModelAdmin whose every read and permission goes through the policy, and every write
through an action (subclasses implement `create` and `change`)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect

from zhifa.core.errors import DomainError


class PolicyModelAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    view_perm: str = ""
    add_perm: str = ""
    change_perm: str = ""

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        return self.model.objects.restrict(request.user, self.view_perm)  # type: ignore[attr-defined]

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return bool(self.view_perm) and request.user.has_perm(self.view_perm, obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return bool(self.add_perm) and request.user.has_perm(self.add_perm)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return bool(self.change_perm) and request.user.has_perm(self.change_perm, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False  # records are deactivated, never deleted: the audit trail points at them

    def changeform_view(
        self, request: HttpRequest, object_id: str | None = None, form_url: str = "", extra_context: Any = None
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except DomainError as error:
            # The admin's transaction has been rolled back; show why and let the user retry.
            detail = "; ".join(f"{', '.join(msgs)}" for msgs in error.fields.values() if msgs)
            messages.error(request, f"{error.message} {detail}".strip())
            return HttpResponseRedirect(request.get_full_path())

    def save_model(self, request: HttpRequest, obj: Any, form: ModelForm, change: bool) -> None:  # type: ignore[type-arg]
        saved = self.change(request, obj, form) if change else self.create(request, form)
        obj.pk = saved.pk
        obj.__dict__.update({k: v for k, v in saved.__dict__.items() if not k.startswith("_")})

    def create(self, request: HttpRequest, form: ModelForm) -> Model:  # type: ignore[type-arg]
        raise NotImplementedError

    def change(self, request: HttpRequest, obj: Any, form: ModelForm) -> Model:  # type: ignore[type-arg]
        raise NotImplementedError

    def changed_values(self, form: ModelForm, fields: list[str]) -> dict[str, Any]:  # type: ignore[type-arg]
        return {name: form.cleaned_data[name] for name in form.changed_data if name in fields}
