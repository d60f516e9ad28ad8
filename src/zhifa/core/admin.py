from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from zhifa.core.admin_base import PolicyModelAdmin
from zhifa.core.models import AuditEntry, ScheduledRun
from zhifa.core.permissions import VIEW_AUDIT, WATCH_SCHEDULE
from zhifa.core.schedule.health import run_status, status_label
from zhifa.core.schedule.jobs import job_named


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


@admin.register(ScheduledRun)
class ScheduledRunAdmin(PolicyModelAdmin):
    """The schedule's claims, newest first, with what became of each task (read only)."""

    view_perm = WATCH_SCHEDULE
    list_display = ["job", "slot", "enqueued_at", "result"]
    list_filter = ["job"]
    ordering = ["-slot"]
    # Each row asks the queue for its task's result (the tasks API has no batch read): keep pages short.
    list_per_page = 30

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> list[str]:
        return [field.name for field in ScheduledRun._meta.fields]

    @admin.display(description=_("运行结果"))
    def result(self, run: ScheduledRun) -> str:
        job = job_named(run.job)
        return status_label(run_status(job, run)) if job is not None else "—"
