"""Jurisdiction-bound models and the one door through which they are read: `restrict()`.

A model declares where its agency, region, team and owner live (`Jurisdiction`); the permission
policy (in `orgs.policy`, installed at start-up) turns a user and a permission code into a filter
over those paths. Views and the API never filter such models by hand: a lint rule checks it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, Self

from django.db import models

if TYPE_CHECKING:
    from django.db.models import QuerySet


@dataclass(frozen=True)
class Jurisdiction:
    """ORM paths from a model to what decides who may see it (None where it has no such thing)."""

    agency: str | None = None  # path to the agency's id
    region: str | None = None  # path to the region's materialised path ("/330000/330100/")
    team: str | None = None
    owner: str | None = None  # path to the user id of the person the record is about
    domain: str | None = None  # path to the enforcement domain's id
    # For big tables that keep only an agency id (audit entries, later cases): the region scope
    # becomes "agency id in (agencies of the region)".
    agency_in_region: str | None = None
    # Records shared by several agencies (joint cases, 主办/协办): the agency scope also covers
    # rows where the user's agency appears under this (to-many) path.
    member_agencies: str | None = None
    # Records reached from records in a region (parties, through their cases): a to-many path to a
    # region's materialised path, matched through a subquery so that no row comes out twice. The
    # region scope covers a row under `region` or under this path.
    region_via: str | None = None


class Policy(Protocol):
    def restrict(self, queryset: QuerySet[Any], user: Any, perm: str) -> QuerySet[Any]: ...

    def can(self, user: Any, perm: str, obj: Any | None = None) -> bool: ...


_policy: Policy | None = None


def install_policy(policy: Policy) -> None:
    global _policy  # noqa: PLW0603  (set once, at start-up, by orgs)
    _policy = policy


def policy() -> Policy:
    if _policy is None:
        raise RuntimeError("no permission policy installed (is zhifa.orgs in INSTALLED_APPS?)")
    return _policy


class JurisdictionQuerySet(models.QuerySet):  # type: ignore[type-arg]
    def restrict(self, user: Any, perm: str) -> Self:
        """Only the rows `user` may `perm`; nothing at all for an anonymous user."""
        return policy().restrict(self, user, perm)  # type: ignore[return-value]


def jurisdiction_of(model: type[models.Model]) -> Jurisdiction:
    spec = getattr(model, "jurisdiction", None)
    if not isinstance(spec, Jurisdiction):
        raise TypeError(f"{model.__name__} declares no jurisdiction")
    return spec


def fetch_for(model: type[models.Model], user: Any, perm: str, **lookup: Any) -> Any:
    """The one object matching `lookup` that `user` may `perm`, or NotFound (whether it does not
    exist or lies outside the user's jurisdiction: we do not say which)."""
    from zhifa.core.errors import NotFound

    obj = model.objects.restrict(user, perm).filter(**lookup).first()  # type: ignore[attr-defined]
    if obj is None:
        raise NotFound(_not_found_message(model))
    return obj


def _not_found_message(model: type[models.Model]) -> str:
    from django.utils.translation import gettext as _

    return _("找不到该%(what)s，或不在您的管辖范围内。") % {"what": model._meta.verbose_name}
