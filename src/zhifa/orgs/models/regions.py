"""行政区划 (GB/T 2260): the tree every jurisdiction hangs from."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from zhifa.core.scoping import Jurisdiction, JurisdictionQuerySet
from zhifa.orgs.choices import RegionLevel


class Region(models.Model):
    """A province, city, county or township with its GB/T 2260 code.

    Province, city and county codes have six digits; townships have the nine-digit code of the
    statistical division code (统计用区划代码). `path` lists the codes from the province down to
    this region ("/330000/330100/330106/"), so a region's subtree is one prefix match.
    """

    code = models.CharField(_("区划代码"), max_length=12, unique=True)
    name = models.CharField(_("名称"), max_length=100)
    level = models.CharField(_("层级"), max_length=16, choices=RegionLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("上级区划"), on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    path = models.CharField(_("区划路径"), max_length=80)

    objects = JurisdictionQuerySet.as_manager()
    jurisdiction = Jurisdiction(region="path")

    class Meta:
        verbose_name = _("行政区划")
        verbose_name_plural = _("行政区划")
        ordering = ["code"]
        indexes = [models.Index(fields=["path"], name="region_path_idx", opclasses=["varchar_pattern_ops"])]

    def __str__(self) -> str:
        return self.name

    def contains(self, other: Region) -> bool:
        return other.path.startswith(self.path)

    @staticmethod
    def path_for(code: str, parent: Region | None) -> str:
        return f"{parent.path if parent else '/'}{code}/"
