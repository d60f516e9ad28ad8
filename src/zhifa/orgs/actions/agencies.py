"""Domains, agencies and teams."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zhifa.core.errors import InvalidInput
from zhifa.core.locking import update_versioned
from zhifa.core.snapshot import diff, snapshot
from zhifa.core.validation import integrity_as_invalid, validate
from zhifa.orgs import permissions as perms
from zhifa.orgs.choices import LegalStatus
from zhifa.orgs.events import AGENCY_CHANGED, AGENCY_CREATED, DOMAIN_SAVED, TEAM_CHANGED, TEAM_CREATED, audit
from zhifa.orgs.models import Agency, Domain, Region, Team
from zhifa.orgs.policy import require
from zhifa.orgs.validators import check_credit_code

AGENCY_FIELDS = [
    "name",
    "credit_code",
    "region",
    "domain",
    "legal_status",
    "entrusted_by",
    "is_active",
    "document_prefix",
]
TEAM_FIELDS = ["name", "is_active"]


@transaction.atomic
def save_domain(*, by: Any | None, code: str, name: str, sort_order: int = 100) -> Domain:
    """Create a domain or rename it; domains are a national list kept by the system."""
    if by is not None:
        require(by, perms.MANAGE_DOMAIN)
    domain = Domain.objects.select_for_update().filter(code=code).first() or Domain(code=code)
    before = snapshot(domain, ["name", "sort_order"]) if domain.pk else {}
    domain.name, domain.sort_order = name, sort_order
    validate(domain)
    after = snapshot(domain, ["name", "sort_order"])
    if before == after:
        return domain
    domain.save()
    audit(DOMAIN_SAVED, by=by, obj=domain, changes=diff(before, after))
    return domain


def _check_agency(agency: Agency) -> None:
    errors: dict[str, list[str]] = {}
    if agency.credit_code:
        problem = check_credit_code(agency.credit_code)
        if problem:
            errors["credit_code"] = [problem]
    if agency.legal_status == LegalStatus.ENTRUSTED and agency.entrusted_by is None:
        errors["entrusted_by"] = [_("受委托组织必须写明委托机关（《行政处罚法》第二十条）。")]
    if agency.legal_status != LegalStatus.ENTRUSTED and agency.entrusted_by is not None:
        errors["entrusted_by"] = [_("只有受委托组织才有委托机关。")]
    if agency.entrusted_by is not None and agency.entrusted_by.legal_status == LegalStatus.ENTRUSTED:
        errors["entrusted_by"] = [_("受委托组织不得再委托其他组织（《行政处罚法》第二十条）。")]
    if errors:
        raise InvalidInput(_("请更正标出的内容。"), fields=errors)


@transaction.atomic
def create_agency(
    *,
    by: Any | None,
    name: str,
    region: Region,
    domain: Domain,
    legal_status: str = LegalStatus.STATUTORY,
    entrusted_by: Agency | None = None,
    credit_code: str = "",
    document_prefix: str = "",
) -> Agency:
    agency = Agency(
        document_prefix=document_prefix.strip(),
        name=name.strip(),
        region=region,
        domain=domain,
        legal_status=legal_status,
        entrusted_by=entrusted_by,
        credit_code=credit_code.strip().upper(),
    )
    if by is not None:
        require(by, perms.ADD_AGENCY, agency)
    _check_agency(agency)
    validate(agency)
    with integrity_as_invalid(_("同名的执法主体已存在。")):
        agency.save()
    audit(AGENCY_CREATED, by=by, obj=agency, changes={"new": snapshot(agency, AGENCY_FIELDS)})
    return agency


@transaction.atomic
def update_agency(agency: Agency, *, by: Any | None, expected_version: int | None, **changes: Any) -> Agency:
    """Change an agency's fields; the result must still lie within the actor's jurisdiction."""
    unknown = set(changes) - set(AGENCY_FIELDS)
    if unknown:
        raise InvalidInput(_("不能修改这些字段：%(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if by is not None:
        require(by, perms.CHANGE_AGENCY, agency)
    before = snapshot(agency, AGENCY_FIELDS)
    for name, value in changes.items():
        setattr(agency, name, value)
    if by is not None:
        require(by, perms.CHANGE_AGENCY, agency)  # moving it out of one's own region is refused too
    _check_agency(agency)
    validate(agency)
    after = snapshot(agency, AGENCY_FIELDS)
    delta = diff(before, after)
    if not delta["new"]:
        return agency
    values = {name: getattr(agency, name) for name in changes}
    with integrity_as_invalid(_("同名的执法主体已存在。")):
        update_versioned(agency, expected_version=expected_version, values=values)
    audit(AGENCY_CHANGED, by=by, obj=agency, changes=delta)
    return agency


@transaction.atomic
def create_team(*, by: Any | None, agency: Agency, name: str) -> Team:
    team = Team(agency=agency, name=name.strip())
    if by is not None:
        require(by, perms.ADD_TEAM, team)
    validate(team)
    with integrity_as_invalid(_("本机关已有同名队伍。")):
        team.save()
    audit(TEAM_CREATED, by=by, obj=team, changes={"new": snapshot(team, ["agency", *TEAM_FIELDS])})
    return team


@transaction.atomic
def update_team(team: Team, *, by: Any | None, expected_version: int | None, **changes: Any) -> Team:
    unknown = set(changes) - set(TEAM_FIELDS)
    if unknown:
        raise InvalidInput(_("不能修改这些字段：%(fields)s") % {"fields": ", ".join(sorted(unknown))})
    if by is not None:
        require(by, perms.CHANGE_TEAM, team)
    before = snapshot(team, TEAM_FIELDS)
    for name, value in changes.items():
        setattr(team, name, value)
    validate(team)
    delta = diff(before, snapshot(team, TEAM_FIELDS))
    if not delta["new"]:
        return team
    with integrity_as_invalid(_("本机关已有同名队伍。")):
        update_versioned(team, expected_version=expected_version, values=dict(changes))
    audit(TEAM_CHANGED, by=by, obj=team, changes=delta)
    return team
