"""The permission policy: the one place that maps role, agency, region and credential to
yes, no or a filter. Nothing else in zhifa compares roles.

A permission is granted to a role over a scope:
  own     the records about the user themself
  team    the user's team
  agency  the user's agency
  region  every record in the region of the user's agency and every region below it
  all     everything (public registries such as regions)
A permission that `acts` (an enforcement act) also needs a 执法证 valid today for the domain
of the object (行政处罚法 第四十二条); without one the officer may still view.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from zhifa.core import permissions as registry
from zhifa.core.errors import PermissionDenied
from zhifa.core.scoping import Jurisdiction, jurisdiction_of
from zhifa.orgs import permissions as perms
from zhifa.orgs.choices import Role

CREDENTIAL_CITATION = "《中华人民共和国行政处罚法》第四十二条"


class Scope(StrEnum):
    OWN = "own"
    TEAM = "team"
    AGENCY = "agency"
    REGION = "region"
    ALL = "all"


# Codes of apps above orgs are named by string: orgs may not import them (STYLE.md).
VIEW_LAWBASE, MANAGE_LAWBASE, ASSIGN_MATTER = "lawbase.view", "lawbase.manage", "lawbase.assign_matter"
VIEW_PARTY, CHANGE_PARTY, MERGE_PARTY = "parties.view", "parties.change", "parties.merge"
VIEW_UNMASKED_PARTY = "parties.view_unmasked"
VIEW_TEMPLATE, MANAGE_TEMPLATE = "documents.view_template", "documents.manage_template"
VIEW_CASE, HANDLE_CASE, APPROVE_CASE = "cases.view", "cases.handle", "cases.approve"
REVIEW_CASE, RECEIVE_LEAD, CONFIGURE_CASES = "cases.review", "cases.receive_lead", "cases.configure"

_PUBLIC = {
    perms.VIEW_REGION: Scope.ALL,
    perms.VIEW_DOMAIN: Scope.ALL,
    VIEW_LAWBASE: Scope.ALL,
    VIEW_TEMPLATE: Scope.ALL,
    # Parties within the officer's jurisdiction: registered by an agency of the region, or party
    # to a case of the region (parties.models.Party.jurisdiction). An officer who holds the party's
    # identity number finds it on file whatever the region (cases.opening_forms.PartyFields).
    VIEW_PARTY: Scope.REGION,
}
_SEE_OWN_AGENCY = {
    **_PUBLIC,
    perms.VIEW_AGENCY: Scope.AGENCY,
    perms.VIEW_TEAM: Scope.AGENCY,
    perms.VIEW_OFFICER: Scope.AGENCY,
    perms.VIEW_CREDENTIAL: Scope.AGENCY,
}
_SEE_REGION = {
    **_PUBLIC,
    perms.VIEW_AGENCY: Scope.REGION,
    perms.VIEW_TEAM: Scope.REGION,
    perms.VIEW_OFFICER: Scope.REGION,
    perms.VIEW_CREDENTIAL: Scope.REGION,
}

_RECORD_PARTIES = {CHANGE_PARTY: Scope.ALL}
_HANDLE_CASES = {VIEW_CASE: Scope.AGENCY, HANDLE_CASE: Scope.AGENCY, RECEIVE_LEAD: Scope.AGENCY}

GRANTS: dict[str, dict[str, Scope]] = {
    Role.OFFICER: {**_SEE_OWN_AGENCY, **_RECORD_PARTIES, **_HANDLE_CASES, perms.ENFORCE: Scope.AGENCY},
    Role.TEAM_LEAD: {
        **_SEE_OWN_AGENCY,
        **_RECORD_PARTIES,
        **_HANDLE_CASES,
        perms.ENFORCE: Scope.AGENCY,
        perms.CHANGE_TEAM: Scope.TEAM,
    },
    Role.AGENCY_HEAD: {
        **_SEE_OWN_AGENCY,
        **_RECORD_PARTIES,
        **_HANDLE_CASES,
        APPROVE_CASE: Scope.AGENCY,
        CONFIGURE_CASES: Scope.AGENCY,
        perms.ENFORCE: Scope.AGENCY,
        perms.CHANGE_AGENCY: Scope.AGENCY,
        perms.ADD_TEAM: Scope.AGENCY,
        perms.CHANGE_TEAM: Scope.AGENCY,
        perms.CHANGE_OFFICER: Scope.AGENCY,
        registry.VIEW_AUDIT: Scope.AGENCY,
    },
    Role.LEGAL_REVIEWER: {**_SEE_OWN_AGENCY, **_RECORD_PARTIES, VIEW_CASE: Scope.AGENCY, REVIEW_CASE: Scope.AGENCY},
    Role.DISPATCHER: {**_SEE_REGION, **_RECORD_PARTIES},
    Role.SUPERVISOR: {
        **_SEE_REGION,
        registry.VIEW_AUDIT: Scope.REGION,
        perms.USE_TOTP: Scope.OWN,
        VIEW_CASE: Scope.REGION,
    },
    Role.ADMINISTRATOR: {
        **_SEE_REGION,
        perms.ADD_AGENCY: Scope.REGION,
        perms.CHANGE_AGENCY: Scope.REGION,
        perms.ADD_TEAM: Scope.REGION,
        perms.CHANGE_TEAM: Scope.REGION,
        perms.ADD_OFFICER: Scope.REGION,
        perms.CHANGE_OFFICER: Scope.REGION,
        perms.MANAGE_CREDENTIAL: Scope.REGION,
        perms.RESET_PASSWORD: Scope.REGION,
        perms.USE_TOTP: Scope.OWN,
        registry.VIEW_AUDIT: Scope.REGION,
        registry.WATCH_SCHEDULE: Scope.ALL,  # one schedule serves every region
        **_RECORD_PARTIES,
        MANAGE_LAWBASE: Scope.REGION,
        ASSIGN_MATTER: Scope.REGION,
        MERGE_PARTY: Scope.ALL,
        VIEW_UNMASKED_PARTY: Scope.ALL,
        MANAGE_TEMPLATE: Scope.REGION,
        CONFIGURE_CASES: Scope.REGION,
    },
}


@dataclass(frozen=True)
class CredentialInfo:
    domain_id: int
    valid_from: dt.date
    valid_to: dt.date
    revoked: bool

    def valid_on(self, day: dt.date) -> bool:
        return not self.revoked and self.valid_from <= day <= self.valid_to


@dataclass(frozen=True)
class Principal:
    """What the policy needs to know about a user, loaded once per request."""

    user_id: int
    officer_id: int | None
    agency_id: int | None
    agency_name: str
    team_id: int | None
    region_path: str | None
    roles: frozenset[str]
    credentials: tuple[CredentialInfo, ...]

    def scopes(self, perm: str) -> set[Scope]:
        return {GRANTS[role][perm] for role in self.roles if perm in GRANTS.get(role, {})}

    def valid_domains(self, day: dt.date) -> set[int]:
        return {c.domain_id for c in self.credentials if c.valid_on(day)}


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""
    citation: str = ""

    def __bool__(self) -> bool:
        return self.allowed


_CACHE_ATTR = "_zhifa_principal"


def principal_of(user: Any) -> Principal | None:
    """The principal of an active, signed-in officer; None for anyone else."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return None
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    from zhifa.orgs.selectors import load_principal

    principal = load_principal(user)
    setattr(user, _CACHE_ATTR, principal)
    return principal


def forget_principal(user: Any) -> None:
    """Drop the cached principal after the user's roles, agency or credentials changed."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def today() -> dt.date:
    return timezone.localdate()


# --- querysets ---------------------------------------------------------------------------------


def _via_q(model: type[Model], spec: Jurisdiction, who: Principal) -> Q | None:
    if spec.region_via is None or who.region_path is None:
        return None
    linked = model._default_manager.filter(**{f"{spec.region_via}__startswith": who.region_path}).values("pk")
    return Q(pk__in=linked)


def _scope_q(scope: Scope, spec: Jurisdiction, who: Principal, model: type[Model] | None = None) -> Q | None:
    """The filter for one scope, or None when the scope cannot apply to this model or user."""
    if scope is Scope.ALL:
        return Q()
    if scope is Scope.REGION and spec.region_via and model is not None:
        direct = _scope_q(scope, Jurisdiction(region=spec.region), who) if spec.region else None
        via = _via_q(model, spec, who)
        parts = [q for q in (direct, via) if q is not None]
        if not parts:
            return None
        return parts[0] | parts[1] if len(parts) == 2 else parts[0]
    if scope is Scope.REGION and spec.region is None and spec.agency_in_region and who.region_path:
        from zhifa.orgs.models import Agency

        agencies = Agency.objects.filter(region__path__startswith=who.region_path).values("id")
        return Q(**{f"{spec.agency_in_region}__in": agencies})
    path, value = {
        Scope.OWN: (spec.owner, who.user_id),
        Scope.TEAM: (spec.team, who.team_id),
        Scope.AGENCY: (spec.agency, who.agency_id),
        Scope.REGION: (f"{spec.region}__startswith" if spec.region else None, who.region_path),
    }[scope]
    if path is None or value is None:
        return None
    return Q(**{path: value})


def _member_q(model: type[Model], spec: Jurisdiction, who: Principal) -> Q | None:
    if spec.member_agencies is None or who.agency_id is None:
        return None
    members = model._default_manager.filter(**{spec.member_agencies: who.agency_id}).values("pk")
    return Q(pk__in=members)


def filter_for(user: Any, perm: str, model: type[Model]) -> Q | None:
    """A Q selecting what `user` may `perm` among `model`'s rows, or None for nothing."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return Q()
    who = principal_of(user)
    if who is None:
        return None
    spec = jurisdiction_of(model)
    scopes = who.scopes(perm)
    parts = [q for q in (_scope_q(s, spec, who, model) for s in scopes) if q is not None]
    if Scope.AGENCY in scopes:
        member = _member_q(model, spec, who)
        if member is not None:
            parts.append(member)
    if not parts:
        return None
    combined = Q()
    if not any(part == Q() for part in parts):
        combined = parts[0]
        for part in parts[1:]:
            combined |= part
    code = registry.get(perm)
    if code is not None and code.acts:
        domains = who.valid_domains(today())
        if not domains or spec.domain is None:
            return None
        combined &= Q(**{f"{spec.domain}__in": sorted(domains)})
    return combined


class _Policy:
    """The object `core.scoping` calls; installed by OrgsConfig.ready()."""

    def restrict(self, queryset: QuerySet[Any], user: Any, perm: str) -> QuerySet[Any]:
        condition = filter_for(user, perm, queryset.model)
        return queryset.none() if condition is None else queryset.filter(condition)

    def can(self, user: Any, perm: str, obj: Any | None = None) -> bool:
        return decide(user, perm, obj).allowed


POLICY = _Policy()


# --- single objects ----------------------------------------------------------------------------


def _resolve(obj: Any, path: str | None) -> Any:
    """Follow an ORM path ("agency__region__path") through attributes of an instance."""
    if path is None:
        return None
    value = obj
    for part in path.split("__"):
        if value is None:
            return None
        value = getattr(value, part, None)
    return value


def _in_region(spec: Jurisdiction, who: Principal, obj: Any) -> bool:
    """Under the user's region: by the object's own region path, or through a linked record."""
    path = _resolve(obj, spec.region)
    if path and who.region_path and str(path).startswith(who.region_path):
        return True
    if spec.region_via and who.region_path and obj.pk is not None:
        linked = {spec.region_via + "__startswith": who.region_path}
        return bool(type(obj)._default_manager.filter(pk=obj.pk, **linked).exists())
    return False


def _in_scope(scope: Scope, spec: Jurisdiction, who: Principal, obj: Any) -> bool:
    if scope is Scope.ALL:
        return True
    if scope is Scope.REGION and spec.region is None and spec.agency_in_region:
        from zhifa.orgs.models import Agency

        agency_id = _resolve(obj, spec.agency_in_region)
        region_path = Agency.objects.filter(pk=agency_id).values_list("region__path", flat=True).first()
        return bool(region_path and who.region_path and region_path.startswith(who.region_path))
    if scope is Scope.REGION:
        return _in_region(spec, who, obj)
    path, mine = {
        Scope.OWN: (spec.owner, who.user_id),
        Scope.TEAM: (spec.team, who.team_id),
        Scope.AGENCY: (spec.agency, who.agency_id),
    }[scope]
    if mine is not None and path is not None and _resolve(obj, path) == mine:
        return True
    if scope is Scope.AGENCY and spec.member_agencies and who.agency_id is not None and obj.pk is not None:
        return type(obj)._default_manager.filter(pk=obj.pk, **{spec.member_agencies: who.agency_id}).exists()
    return False


def decide(user: Any, perm: str, obj: Any | None = None) -> Decision:
    """May `user` do `perm` (to `obj`, if given)? With the reason when not."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return Decision(True)
    who = principal_of(user)
    if who is None:
        return Decision(False, _("请先以在岗执法人员身份登录。"))
    scopes = who.scopes(perm)
    if not scopes:
        return Decision(False, _("您的角色没有此项权限。"))
    code = registry.get(perm)
    if obj is not None:
        spec = jurisdiction_of(type(obj))
        if not any(_in_scope(scope, spec, who, obj) for scope in scopes):
            return Decision(False, _("该对象不在您的管辖范围内。"))
    if code is not None and code.acts:
        return _credential_decision(who, obj)
    return Decision(True)


def _credential_decision(who: Principal, obj: Any | None) -> Decision:
    day = today()
    domain_id = _resolve(obj, jurisdiction_of(type(obj)).domain) if obj is not None else None
    relevant = [c for c in who.credentials if domain_id is None or c.domain_id == domain_id]
    if any(c.valid_on(day) for c in relevant):
        return Decision(True)
    if not relevant:
        reason = _("您没有该执法领域的有效执法证，只能查看，不能执法。")
    elif all(c.revoked for c in relevant):
        reason = _("您的执法证已被注销，只能查看，不能执法。")
    elif all(c.valid_from > day for c in relevant if not c.revoked):
        reason = _("您的执法证尚未生效，只能查看，不能执法。")
    else:
        latest = max(c.valid_to for c in relevant)
        reason = _("您的执法证已于 %(date)s 过期，只能查看，不能执法。") % {"date": latest.isoformat()}
    return Decision(False, reason, CREDENTIAL_CITATION)


def require(user: Any, perm: str, obj: Any | None = None) -> None:
    """Raise PermissionDenied, with the reason, unless `user` may `perm` (to `obj`)."""
    decision = decide(user, perm, obj)
    if not decision.allowed:
        raise PermissionDenied(decision.reason, citation=decision.citation)


_DELEGABLE_BY_HEADS = frozenset({Role.OFFICER, Role.TEAM_LEAD, Role.LEGAL_REVIEWER})


def grantable_roles(user: Any) -> frozenset[str]:
    """Roles `user` may grant or take away: no one hands out more than they could themselves."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return frozenset(Role.values)
    who = principal_of(user)
    if who is None:
        return frozenset()
    if Role.ADMINISTRATOR in who.roles:
        return frozenset(Role.values)
    if Role.AGENCY_HEAD in who.roles:
        return _DELEGABLE_BY_HEADS
    return frozenset()


def reaches_admin_site(roles: set[str]) -> bool:
    """Administrators maintain the org tree in the Django admin; nobody else needs it."""
    return Role.ADMINISTRATOR in roles


def has_any(user: Any, perm: str) -> bool:
    """Does the user hold `perm` over some scope (to show a menu entry, say)?"""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    who = principal_of(user)
    return who is not None and bool(who.scopes(perm))
