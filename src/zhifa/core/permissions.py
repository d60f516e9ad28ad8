"""The registry of permission codes. Each app declares its codes in its `permissions` module;
`orgs.policy` alone decides which role holds which, over what scope."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class PermissionCode:
    code: str
    label: str | Promise
    acts: bool = False  # an enforcement act: needs a valid 执法证 for the domain

    def __str__(self) -> str:
        return self.code


_registry: dict[str, PermissionCode] = {}


def declare(code: str, label: str | Promise, *, acts: bool = False) -> str:
    _registry[code] = PermissionCode(code, label, acts)
    return code


def get(code: str) -> PermissionCode | None:
    return _registry.get(code)


def all_codes() -> list[PermissionCode]:
    return sorted(_registry.values(), key=lambda p: p.code)


VIEW_AUDIT = declare("core.view_audit", _("查看审计记录"))
WATCH_SCHEDULE = declare("core.watch_schedule", _("查看定时任务运行状况"))
