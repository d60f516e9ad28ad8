"""Admin for the element centre; saves go through the actions (and so through the statute check)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import Model, QuerySet
from django.forms import ModelForm
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zhifa.core.admin_base import PolicyModelAdmin
from zhifa.core.errors import DomainError
from zhifa.lawbase.actions import discretion, matters, synonyms
from zhifa.lawbase.choices import BasisRole
from zhifa.lawbase.citations import parse_citations
from zhifa.lawbase.models import DiscretionBenchmark, DiscretionLevel, Law, Matter, ReferenceCase, SearchSynonym
from zhifa.lawbase.permissions import MANAGE_LAWBASE, VIEW_LAWBASE
from zhifa.lawbase.selectors import resolve


@admin.register(Law)
class LawAdmin(PolicyModelAdmin):
    view_perm = VIEW_LAWBASE
    list_display = ["title", "level", "promulgated", "status"]
    list_filter = ["level", "status"]
    search_fields = ["title", "short_title"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in Law._meta.fields]


class MatterForm(forms.ModelForm):  # type: ignore[type-arg]
    violated = forms.CharField(
        label=_("违法依据"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("每行一条，如《城市市容和环境卫生管理条例》第十四条"),
    )
    penalty = forms.CharField(label=_("处罚依据"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    procedure = forms.CharField(label=_("程序依据"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    seen_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Matter
        fields = ["code", "name", "kind", "domain", "region", "status", "effective_from", "effective_to", "aliases"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["seen_version"].initial = self.instance.version
            for role in BasisRole.values:
                cites = [b.citation for b in self.instance.bases.filter(role=role)]
                self.fields[role].initial = "\n".join(cites)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        specs = []
        for role in BasisRole.values:
            try:
                for c in parse_citations(data.get(role) or ""):
                    specs.append(matters.BasisSpec(resolve(c), role, c.paragraph, c.item))
            except ValueError as error:
                self.add_error(role, str(error))
        data["bases"] = specs
        return data


@admin.register(Matter)
class MatterAdmin(PolicyModelAdmin):
    form = MatterForm
    view_perm, add_perm, change_perm = VIEW_LAWBASE, MANAGE_LAWBASE, MANAGE_LAWBASE
    list_display = ["code", "name", "kind", "domain", "status"]
    list_filter = ["kind", "domain", "status"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["region"]

    def create(self, request: HttpRequest, form: ModelForm) -> Model:  # type: ignore[type-arg]
        d = form.cleaned_data
        return matters.create_matter(
            by=request.user,
            code=d["code"],
            name=d["name"],
            kind=d["kind"],
            domain=d["domain"],
            region=d.get("region"),
            aliases=d.get("aliases") or [],
            bases=d["bases"],
            effective_from=d.get("effective_from"),
        )

    def change(self, request: HttpRequest, obj: Any, form: ModelForm) -> Model:  # type: ignore[type-arg]
        current = Matter.objects.get(pk=obj.pk)
        d = form.cleaned_data
        changes = self.changed_values(form, matters.MATTER_FIELDS)
        return matters.update_matter(
            current, by=request.user, expected_version=d.get("seen_version"), bases=d["bases"], **changes
        )


class LevelInline(admin.TabularInline):  # type: ignore[type-arg]
    model = DiscretionLevel
    extra = 0
    fields = ["order", "grade", "circumstances", "party", "fine_base", "fine_min", "fine_max", "other_penalties"]

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return obj is not None and obj.status == "draft" and request.user.has_perm(MANAGE_LAWBASE, obj)

    has_add_permission = has_change_permission  # type: ignore[assignment]

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DiscretionBenchmark)
class BenchmarkAdmin(PolicyModelAdmin):
    view_perm, add_perm, change_perm = VIEW_LAWBASE, MANAGE_LAWBASE, MANAGE_LAWBASE
    list_display = ["title", "matter", "region", "status", "effective_from", "effective_to"]
    list_filter = ["status"]
    search_fields = ["title", "matter__code", "matter__name"]
    autocomplete_fields = ["matter", "region"]
    fields = [
        "matter",
        "title",
        "region",
        "issuer",
        "document_no",
        "first_offence_waiver",
        "waiver_conditions",
        "notes",
    ]
    inlines = [LevelInline]
    actions = ["publish_today", "new_version"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> Any:
        return self.fields if obj is not None and obj.status != "draft" else []

    def create(self, request: HttpRequest, form: ModelForm) -> Model:  # type: ignore[type-arg]
        d = form.cleaned_data
        return discretion.create_benchmark(
            by=request.user,
            matter=d["matter"],
            title=d["title"],
            region=d["region"],
            issuer=d.get("issuer") or "",
            document_no=d.get("document_no") or "",
            first_offence_waiver=d.get("first_offence_waiver", False),
            waiver_conditions=d.get("waiver_conditions") or "",
            notes=d.get("notes") or "",
        )

    def change(self, request: HttpRequest, obj: Any, form: ModelForm) -> Model:  # type: ignore[type-arg]
        return DiscretionBenchmark.objects.get(pk=obj.pk)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        for level_form in formset.forms:
            if not level_form.has_changed() or not level_form.is_valid():
                continue
            d = level_form.cleaned_data
            discretion.save_level(
                form.instance,
                by=request.user,
                order=d["order"],
                grade=d["grade"],
                circumstances=d["circumstances"],
                party=d["party"],
                fine_base=d.get("fine_base") or "",
                fine_min=d.get("fine_min"),
                fine_max=d.get("fine_max"),
                other_penalties=d.get("other_penalties") or "",
            )

    @admin.action(description=_("发布所选草稿（自今日起施行）"))
    def publish_today(self, request: HttpRequest, queryset: QuerySet[DiscretionBenchmark]) -> None:
        for benchmark in queryset:
            try:
                discretion.publish_benchmark(benchmark, by=request.user, effective_from=timezone.localdate())
            except DomainError as error:
                messages.error(request, f"{benchmark}: {error.message}")

    @admin.action(description=_("以所选版本为底稿新建版本"))
    def new_version(self, request: HttpRequest, queryset: QuerySet[DiscretionBenchmark]) -> None:
        for benchmark in queryset:
            discretion.new_benchmark_version(benchmark, by=request.user)


@admin.register(ReferenceCase)
class ReferenceCaseAdmin(PolicyModelAdmin):
    view_perm = VIEW_LAWBASE
    list_display = ["title", "kind", "collection"]
    search_fields = ["title"]

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [f.name for f in ReferenceCase._meta.fields]


@admin.register(SearchSynonym)
class SearchSynonymAdmin(PolicyModelAdmin):
    """The synonym list of 在线找法: an administrator adds, edits and removes colloquial words; a
    search uses the change at once (the query code reads the list again when it changed)."""

    view_perm, add_perm, change_perm = VIEW_LAWBASE, MANAGE_LAWBASE, MANAGE_LAWBASE
    list_display = ["term", "means", "note", "updated_at"]
    search_fields = ["term", "means"]
    fields = ["term", "means", "note"]

    # One list for the whole installation: whoever may manage the law base may edit it.
    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return request.user.has_perm(MANAGE_LAWBASE)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return request.user.has_perm(MANAGE_LAWBASE)

    def create(self, request: HttpRequest, form: ModelForm) -> Model:  # type: ignore[type-arg]
        d = form.cleaned_data
        return synonyms.save_synonym(by=request.user, term=d["term"], means=d["means"], note=d.get("note") or "")

    def change(self, request: HttpRequest, obj: Any, form: ModelForm) -> Model:  # type: ignore[type-arg]
        current = SearchSynonym.objects.get(pk=obj.pk)
        d = form.cleaned_data
        if d["term"] != current.term:
            # A new word is a new entry: the old one goes, with its own audit entry.
            synonyms.remove_synonym(current, by=request.user)
        return synonyms.save_synonym(by=request.user, term=d["term"], means=d["means"], note=d.get("note") or "")

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        synonyms.remove_synonym(obj, by=request.user)

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Any]) -> None:
        for synonym in queryset:
            synonyms.remove_synonym(synonym, by=request.user)
