from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from zhifa.core.admin_base import PolicyModelAdmin
from zhifa.core.models import AuditEntry
from zhifa.core.permissions import VIEW_AUDIT


@admin.register(AuditEntry)
class AuditEntryAdmin(PolicyModelAdmin):
    view_perm = VIEW_AUDIT
    list_display = ["seq", "created_at", "actor_name", "agency_name", "action", "object_repr", "client_address"]
    list_filter = ["action"]
    search_fields = ["object_repr", "actor_name", "request_id"]
    ordering = ["-seq"]
    show_full_result_count = False

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in AuditEntry._meta.fields]
