"""A world to run cases in: an agency holding a matter, officers with credentials, a head, a
legal reviewer, a party, the national templates and the working-day calendar."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from tests.factories.lawbase import make_matter
from tests.factories.orgs import (
    AgencyFactory,
    CredentialFactory,
    DomainFactory,
    OfficerFactory,
    RegionFactory,
    region_tree,
)
from zhifa.core.calendar.loading import load_from_package
from zhifa.documents.loading import load_shipped_templates
from zhifa.lawbase.actions.matters import assign_matter
from zhifa.orgs.choices import Role
from zhifa.parties.actions.parties import create_party
from zhifa.parties.demo_data import credit_code, resident_id


@dataclass
class World:
    regions: dict[str, Any]
    agency: Any
    matter: Any
    officers: list[Any]  # two officers with valid credentials
    head: Any  # agency head (user)
    reviewer: Any  # legal reviewer (user)
    chair: Any  # an officer who is not a handler, to chair hearings
    company: Any
    person: Any

    @property
    def users(self) -> list[Any]:
        return [o.user for o in self.officers]


CREDENTIAL_YEARS = (dt.date(2024, 1, 1), dt.date(2027, 12, 31))


def officer(
    agency: Any, name: str, *, roles: list[str] | None = None, valid: tuple[dt.date, dt.date] = CREDENTIAL_YEARS
) -> Any:
    """An officer whose credential covers the scenario dates of LEGAL-RULES (2024–2027)."""
    made = OfficerFactory(agency=agency, user__full_name=name, credential="none", roles=roles or [Role.OFFICER])
    CredentialFactory(officer=made, domain=agency.domain, valid_from=valid[0], valid_to=valid[1])
    return made


def build_world(*, domain_code: str = "ecology_environment") -> World:
    load_from_package([2024, 2025, 2026])
    load_shipped_templates(by=None)
    regions = region_tree()
    domain = DomainFactory(code=domain_code, name="生态环境")
    matter = make_matter(domain=domain)  # 大气污染防治法 第九十九条第（一）项: 10万—100万
    agency = AgencyFactory(
        name="杭州市生态环境局西湖分局", region=regions["county"], domain=domain, document_prefix="杭环西"
    )
    assign_matter(by=None, agency=agency, matter=matter)
    officers = [officer(agency, name) for name in ("张伟", "李娜")]
    head = officer(agency, "刘洋", roles=[Role.AGENCY_HEAD]).user
    reviewer = OfficerFactory(
        agency=agency, roles=[Role.LEGAL_REVIEWER], user__full_name="陈静", credential="none"
    ).user
    chair = officer(agency, "王强")
    company = create_party(
        by=None,
        agency=agency,
        kind="organisation",
        name="杭州演示化工有限公司",
        id_number=credit_code("MA2D0009X"),
        legal_representative="赵六",
        addresses={"business": "杭州市西湖区演示工业园1号"},
    )
    person = create_party(
        by=None,
        agency=agency,
        kind="individual",
        name="王小明",
        id_number=resident_id(dt.date(1990, 3, 7), 311),
        addresses={"registered": "杭州市西湖区转塘街道演示路1号"},
    )
    return World(regions, agency, matter, officers, head, reviewer, chair, company, person)


__all__ = ["RegionFactory", "World", "build_world"]
