from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from zhifa.core.admin_base import PolicyModelAdmin
from zhifa.core.errors import DomainError
from zhifa.parties.actions.parties import FIELDS, create_party, merge_parties, update_party
from zhifa.parties.models import Party
from zhifa.parties.permissions import CHANGE_PARTY, VIEW_PARTY


class PartyForm(forms.ModelForm):  # type: ignore[type-arg]
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Party
        fields = [
            "kind",
            "name",
            "id_type",
            "id_number",
            "legal_representative",
            "phone",
            "email",
            "region",
            "credit_grade",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_version"].initial = self.instance.version

    def validate_unique(self) -> None:
        """The action reports duplicates, naming the party already on file."""


@admin.register(Party)
class PartyAdmin(PolicyModelAdmin):
    form = PartyForm
    view_perm, add_perm, change_perm = VIEW_PARTY, CHANGE_PARTY, CHANGE_PARTY
    list_display = ["name", "kind", "id_number", "credit_grade", "merged_into"]
    list_filter = ["kind", "credit_grade"]
    search_fields = ["name", "id_number"]
    autocomplete_fields = ["region"]
    actions = ["merge_into_first"]

    def create(self, request: HttpRequest, form: ModelForm) -> Model:  # type: ignore[type-arg]
        d = form.cleaned_data
        return create_party(
            by=request.user,
            kind=d["kind"],
            name=d["name"],
            id_type=d.get("id_type") or "",
            id_number=d.get("id_number") or "",
            legal_representative=d.get("legal_representative") or "",
            phone=d.get("phone") or "",
            email=d.get("email") or "",
            region=d.get("region"),
            credit_grade=d.get("credit_grade") or "",
        )

    def change(self, request: HttpRequest, obj: Any, form: ModelForm) -> Model:  # type: ignore[type-arg]
        current = Party.objects.get(pk=obj.pk)
        changes = self.changed_values(form, FIELDS)
        return update_party(current, by=request.user, expected_version=form.cleaned_data.get("seen_version"), **changes)

    @admin.action(description=_("把所选的其余当事人合并到编号最小的那个"))
    def merge_into_first(self, request: HttpRequest, queryset: QuerySet[Party]) -> None:
        parties = list(queryset.order_by("pk"))
        if len(parties) < 2:
            messages.error(request, _("请至少选择两个当事人。"))
            return
        keep = parties[0]
        for duplicate in parties[1:]:
            try:
                merge_parties(keep, by=request.user, duplicate=duplicate)
            except DomainError as error:
                messages.error(request, f"{duplicate}: {error.message}")
