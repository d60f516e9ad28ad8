"""Loading the GB/T 2260 division tree."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zhifa.core.errors import InvalidInput, PermissionDenied
from zhifa.orgs.events import REGIONS_IMPORTED, audit
from zhifa.orgs.models import Region


@dataclass(frozen=True)
class RegionRow:
    code: str
    name: str
    level: str
    parent_code: str | None


@dataclass(frozen=True)
class RegionImportSummary:
    created: int
    updated: int
    unchanged: int


@transaction.atomic
def import_regions(
    *,
    by: Any | None,
    rows: Iterable[RegionRow],
    source: str,
    on_progress: Callable[[int], None] | None = None,
    batch_size: int = 2000,
) -> RegionImportSummary:
    """Create or rename regions by code, parents before children; one audit entry for the load.

    Only the system (a command, `by=None`) or a superuser may load the national tree.
    """
    if by is not None and not getattr(by, "is_superuser", False):
        raise PermissionDenied(_("只有系统管理员可以导入行政区划。"))
    existing = {r.code: r for r in Region.objects.only("id", "code", "name", "level", "parent_id", "path")}
    created = updated = unchanged = 0
    pending: list[Region] = []
    changed: list[Region] = []

    def flush() -> None:
        Region.objects.bulk_create(pending, batch_size=batch_size)
        pending.clear()

    for count, row in enumerate(rows, start=1):
        parent = existing.get(row.parent_code) if row.parent_code else None
        if row.parent_code and parent is None:
            raise InvalidInput(
                _("区划 %(code)s 的上级 %(parent)s 不存在。") % {"code": row.code, "parent": row.parent_code}
            )
        if parent is not None and parent.pk is None:
            flush()  # the parent is still pending: write it first so the child can point at it
        path = Region.path_for(row.code, parent)
        current = existing.get(row.code)
        if current is None:
            region = Region(code=row.code, name=row.name, level=row.level, parent=parent, path=path)
            pending.append(region)
            existing[row.code] = region
            created += 1
        elif (current.name, current.level, current.path) != (row.name, row.level, path):
            current.name, current.level, current.parent, current.path = row.name, row.level, parent, path
            changed.append(current)
            updated += 1
        else:
            unchanged += 1
        if len(pending) >= batch_size:
            flush()
        if on_progress is not None:
            on_progress(count)
    flush()
    Region.objects.bulk_update(changed, ["name", "level", "parent", "path"], batch_size=batch_size)
    summary = RegionImportSummary(created, updated, unchanged)
    audit(REGIONS_IMPORTED, by=by, changes={"source": source, **summary.__dict__}, object_repr=source)
    return summary
