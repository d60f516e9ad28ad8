"""Optimistic locking: a change made against an old version of a record is refused."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from zhifa.core.errors import Conflict
from zhifa.core.models.base import VersionedModel

M = TypeVar("M", bound=VersionedModel)


def update_versioned[M: VersionedModel](instance: M, *, expected_version: int | None, values: dict[str, Any]) -> M:
    """Write `values` only if the row still has `expected_version`; bump the version.

    None for `expected_version` means "the version I loaded" (the instance's own), which still
    catches a change made by someone else between this transaction's read and its write.
    """
    version = instance.version if expected_version is None else expected_version
    model = type(instance)
    updated = model._default_manager.filter(pk=instance.pk, version=version).update(
        **values, version=F("version") + 1, updated_at=timezone.now()
    )
    if updated == 0:
        raise Conflict(
            _("“%(obj)s”已被他人修改，请刷新后重试。") % {"obj": instance},
            code="stale_version",
        )
    for name, value in values.items():
        setattr(instance, name, value)
    instance.version = version + 1
    return instance
