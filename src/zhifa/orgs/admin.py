"""The Django admin for the org tree; every save goes through an action."""

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
from zhifa.orgs import permissions as perms
from zhifa.orgs.actions import accounts, agencies, credentials, officers
from zhifa.orgs.choices import Role
from zhifa.orgs.models import Agency, Credential, Domain, Officer, Region, Team


@admin.register(Region)
class RegionAdmin(PolicyModelAdmin):
    view_perm = perms.VIEW_REGION
    list_display = ["code", "name", "level", "parent"]
    list_filter = ["level"]
    search_fields = ["code", "name"]
    show_full_result_count = False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["code", "name", "level", "parent", "path"]


@admin.register(Domain)
class DomainAdmin(PolicyModelAdmin):
    view_perm = perms.VIEW_DOMAIN
    add_perm = change_perm = perms.MANAGE_DOMAIN
    list_display = ["code", "name", "sort_order"]
    fields = ["code", "name", "sort_order"]

    def create(self, request: HttpRequest, form: ModelForm) -> Model:  # type: ignore[type-arg]
        data = form.cleaned_data
        return agencies.save_domain(
            by=request.user, code=data["code"], name=data["name"], sort_order=data["sort_order"]
        )

    def change(self, request: HttpRequest, obj: Any, form: ModelForm) -> Model:  # type: ignore[type-arg]
        return self.create(request, form)


class VersionedForm(forms.ModelForm):  # type: ignore[type-arg]
    """Carries the version the user saw, so a concurrent edit is refused, not overwritten."""

    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_version"].initial = self.instance.version


class AgencyForm(VersionedForm):
    class Meta:
        model = Agency
        fields = ["name", "credit_code", "region", "domain", "legal_status", "entrusted_by", "is_active"]


@admin.register(Agency)
class AgencyAdmin(PolicyModelAdmin):
    form = AgencyForm
    view_perm, add_perm, change_perm = perms.VIEW_AGENCY, perms.ADD_AGENCY, perms.CHANGE_AGENCY
    list_display = ["name", "region", "domain", "legal_status", "is_active"]
    list_filter = ["domain", "legal_status", "is_active"]
    search_fields = ["name", "credit_code"]
    autocomplete_fields = ["region", "entrusted_by"]
    list_select_related = ["region", "domain"]
    fields = ["name", "credit_code", "region", "domain", "legal_status", "entrusted_by", "is_active", "seen_version"]

    def create(self, request: HttpRequest, form: ModelForm) -> Model:  # type: ignore[type-arg]
        d = form.cleaned_data
        return agencies.create_agency(
            by=request.user,
            name=d["name"],
            region=d["region"],
            domain=d["domain"],
            legal_status=d["legal_status"],
            entrusted_by=d.get("entrusted_by"),
            credit_code=d.get("credit_code") or "",
        )

    def change(self, request: HttpRequest, obj: Any, form: ModelForm) -> Model:  # type: ignore[type-arg]
        current = Agency.objects.get(pk=obj.pk)
        changes = self.changed_values(form, agencies.AGENCY_FIELDS)
        return agencies.update_agency(
            current, by=request.user, expected_version=form.cleaned_data.get("seen_version"), **changes
        )


class TeamForm(VersionedForm):
    class Meta:
        model = Team
        fields = ["agency", "name", "is_active"]


@admin.register(Team)
class TeamAdmin(PolicyModelAdmin):
    form = TeamForm
    view_perm, add_perm, change_perm = perms.VIEW_TEAM, perms.ADD_TEAM, perms.CHANGE_TEAM
    list_display = ["name", "agency", "is_active"]
    search_fields = ["name", "agency__name"]
    autocomplete_fields = ["agency"]
    fields = ["agency", "name", "is_active", "seen_version"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["agency"] if obj is not None else []

    def create(self, request: HttpRequest, form: ModelForm) -> Model:  # type: ignore[type-arg]
        return agencies.create_team(by=request.user, agency=form.cleaned_data["agency"], name=form.cleaned_data["name"])

    def change(self, request: HttpRequest, obj: Any, form: ModelForm) -> Model:  # type: ignore[type-arg]
        current = Team.objects.get(pk=obj.pk)
        changes = self.changed_values(form, agencies.TEAM_FIELDS)
        return agencies.update_team(
            current, by=request.user, expected_version=form.cleaned_data.get("seen_version"), **changes
        )


class OfficerForm(VersionedForm):
    username = forms.CharField(label=_("用户名"), max_length=150)
    full_name = forms.CharField(label=_("姓名"), max_length=60)
    phone = forms.CharField(label=_("手机号"), max_length=20, required=False)
    roles = forms.MultipleChoiceField(label=_("角色"), choices=Role.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = Officer
        fields = ["agency", "team", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            user = self.instance.user
            self.fields["username"].initial = user.username
            self.fields["username"].disabled = True
            self.fields["full_name"].initial = user.full_name
            self.fields["phone"].initial = user.phone
            self.fields["roles"].initial = sorted(self.instance.roles)


@admin.register(Officer)
class OfficerAdmin(PolicyModelAdmin):
    form = OfficerForm
    view_perm, add_perm, change_perm = perms.VIEW_OFFICER, perms.ADD_OFFICER, perms.CHANGE_OFFICER
    list_display = ["__str__", "agency", "team", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["user__username", "user__full_name", "agency__name"]
    autocomplete_fields = ["agency", "team"]
    list_select_related = ["user", "agency", "team"]
    fields = ["username", "full_name", "phone", "agency", "team", "roles", "is_active", "seen_version"]
    actions = ["reset_passwords"]

    def create(self, request: HttpRequest, form: ModelForm) -> Model:  # type: ignore[type-arg]
        d = form.cleaned_data
        officer = officers.create_officer(
            by=request.user,
            username=d["username"],
            full_name=d["full_name"],
            phone=d.get("phone") or "",
            agency=d["agency"],
            team=d.get("team"),
            roles=d["roles"],
        )
        password = accounts.reset_password(officer.user, by=request.user)
        messages.warning(
            request,
            _("已为 %(name)s 生成临时密码：%(password)s（只显示这一次，首次登录须修改）")
            % {"name": officer, "password": password},
        )
        return officer

    def change(self, request: HttpRequest, obj: Any, form: ModelForm) -> Model:  # type: ignore[type-arg]
        current = Officer.objects.select_related("user").get(pk=obj.pk)
        d = form.cleaned_data
        changes = {n: d[n] for n in form.changed_data if n in {"full_name", "phone", "agency", "team", "is_active"}}
        officer = officers.update_officer(current, by=request.user, expected_version=d.get("seen_version"), **changes)
        if "roles" in form.changed_data:
            officers.set_roles(officer, by=request.user, roles=d["roles"])
        return officer

    @admin.action(description=_("重置所选人员的密码"))
    def reset_passwords(self, request: HttpRequest, queryset: QuerySet[Officer]) -> None:
        for officer in queryset.select_related("user"):
            try:
                password = accounts.reset_password(officer.user, by=request.user)
            except DomainError as error:
                messages.error(request, f"{officer}: {error.message}")
            else:
                messages.warning(
                    request, _("%(name)s 的临时密码：%(password)s") % {"name": officer, "password": password}
                )


class CredentialForm(forms.ModelForm):  # type: ignore[type-arg]
    revoke_reason = forms.CharField(label=_("注销原因（填写即注销）"), required=False, max_length=200)

    class Meta:
        model = Credential
        fields = ["officer", "number", "domain", "valid_from", "valid_to"]


@admin.register(Credential)
class CredentialAdmin(PolicyModelAdmin):
    form = CredentialForm
    view_perm = perms.VIEW_CREDENTIAL
    add_perm = change_perm = perms.MANAGE_CREDENTIAL
    list_display = ["number", "officer", "domain", "valid_from", "valid_to", "revoked_at"]
    search_fields = ["number", "officer__user__full_name"]
    autocomplete_fields = ["officer"]
    list_select_related = ["officer__user", "domain"]

    def get_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        base = ["officer", "number", "domain", "valid_from", "valid_to"]
        return [*base, "revoked_at", "revoked_reason", "revoke_reason"] if obj else base

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return ["officer", "number", "domain", "valid_from", "valid_to", "revoked_at", "revoked_reason"] if obj else []

    def create(self, request: HttpRequest, form: ModelForm) -> Model:  # type: ignore[type-arg]
        d = form.cleaned_data
        return credentials.issue_credential(
            by=request.user,
            officer=d["officer"],
            number=d["number"],
            domain=d["domain"],
            valid_from=d["valid_from"],
            valid_to=d["valid_to"],
        )

    def change(self, request: HttpRequest, obj: Any, form: ModelForm) -> Model:  # type: ignore[type-arg]
        current = Credential.objects.get(pk=obj.pk)
        reason = form.cleaned_data.get("revoke_reason", "")
        if reason:
            return credentials.revoke_credential(current, by=request.user, reason=reason)
        return current
