"""Abstract bases shared by the domain models."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimestampedModel(models.Model):
    """Knows when it was created and last changed (UTC in the database, Asia/Shanghai on screen)."""

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(TimestampedModel):
    """A record edited by people at the same time: every change bumps `version`.

    Actions write with `core.locking.update_versioned`, which refuses a change made against
    an old version, so that two clicks on the same record cannot both succeed.
    """

    version = models.PositiveIntegerField(_("版本"), default=1, editable=False)

    class Meta:
        abstract = True
