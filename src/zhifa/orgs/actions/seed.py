"""Synthetic org trees at province scale, for benchmarks (`zhifa seed`).

Bulk writes (no per-row audit: one entry records the run) into real regions of one province.
Re-running tops up to the requested totals instead of duplicating.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zhifa.core.errors import InvalidInput
from zhifa.orgs.choices import LegalStatus, RegionLevel, Role
from zhifa.orgs.events import ORG_TREE_SEEDED, audit
from zhifa.orgs.models import Agency, Credential, Domain, Officer, Region, RoleGrant, Team, User

PREFIX = "seed"
BATCH = 5000


@dataclass(frozen=True)
class SeedSummary:
    agencies: int
    teams: int
    officers: int


Progress = Callable[[str, int, int], None]


def _bulk(model: type[Any], rows: list[Any]) -> list[Any]:
    created: list[Any] = []
    for start in range(0, len(rows), BATCH):
        created.extend(model.objects.bulk_create(rows[start : start + BATCH]))
    return created


def _seed_agencies(province: Region, domains: list[Domain], wanted: int, on_progress: Progress) -> list[Agency]:
    existing = Agency.objects.filter(name__startswith=f"{PREFIX}-", region__path__startswith=province.path).count()
    regions = list(
        Region.objects.filter(path__startswith=province.path, level__in=[RegionLevel.COUNTY, RegionLevel.TOWNSHIP])
        .order_by("code")
        .only("id", "name", "code")
    )
    if not regions:
        raise InvalidInput(_("%(name)s 下没有县乡区划，请先导入行政区划。") % {"name": province.name})
    cycle = itertools.cycle(itertools.product(regions, domains))
    rows = []
    for n in range(existing, wanted):
        region, domain = next(cycle)
        rows.append(
            Agency(
                name=f"{PREFIX}-{province.code}-{n:06d} {region.name}{domain.name}执法机构",
                region=region,
                domain=domain,
                legal_status=LegalStatus.STATUTORY,
            )
        )
    created: list[Agency] = []
    for start in range(0, len(rows), BATCH):
        created.extend(Agency.objects.bulk_create(rows[start : start + BATCH]))
        on_progress("agencies", existing + len(created), wanted)
    return created


def _seed_officers(province: Region, wanted: int, on_progress: Progress) -> int:
    agencies = list(
        Agency.objects.filter(name__startswith=f"{PREFIX}-", region__path__startswith=province.path).values_list(
            "id", "domain_id"
        )
    )
    teams = dict(Team.objects.filter(agency_id__in=[a for a, _ in agencies]).values_list("agency_id", "id"))
    existing = User.objects.filter(username__startswith=f"{PREFIX}{province.code}-").count()
    password = make_password(f"{PREFIX}-{province.code}-password")  # one hash for all: argon2 is slow on purpose
    today = timezone.localdate()
    done = existing
    for start in range(existing, wanted, BATCH):
        numbers = range(start, min(start + BATCH, wanted))
        users = User.objects.bulk_create(
            [
                User(username=f"{PREFIX}{province.code}-{n:06d}", full_name=f"执法员{n:06d}", password=password)
                for n in numbers
            ]
        )
        placed = [agencies[n % len(agencies)] for n in numbers]
        officers = Officer.objects.bulk_create(
            [Officer(user=u, agency_id=a, team_id=teams.get(a)) for u, (a, _) in zip(users, placed, strict=True)]
        )
        RoleGrant.objects.bulk_create([RoleGrant(officer=o, role=Role.OFFICER) for o in officers])
        Credential.objects.bulk_create(
            [
                Credential(
                    officer=o,
                    number=f"S{province.code}{n:08d}",
                    domain_id=d,
                    valid_from=today - dt.timedelta(days=365),
                    valid_to=today + dt.timedelta(days=365 * 2 + n % 700),
                )
                for o, n, (_, d) in zip(officers, numbers, placed, strict=True)
            ]
        )
        done += len(users)
        on_progress("officers", done, wanted)
    return max(0, wanted - existing)


@transaction.atomic
def seed_org_tree(
    *, by: Any | None, province_code: str, agencies: int, officers: int, on_progress: Progress | None = None
) -> SeedSummary:
    if by is not None:
        raise InvalidInput(_("批量生成数据只能在命令行由系统执行。"))
    progress = on_progress or (lambda stage, done, total: None)
    province = Region.objects.filter(code=province_code, level=RegionLevel.PROVINCE).first()
    if province is None:
        raise InvalidInput(_("找不到省级区划 %(code)s，请先运行 zhifa regions import。") % {"code": province_code})
    domains = list(Domain.objects.exclude(code__in=["justice_administration", "command_dispatch"]))
    if not domains:
        raise InvalidInput(_("没有执法领域，请先运行 zhifa demo。"))
    new_agencies = _seed_agencies(province, domains, agencies, progress)
    teams = _bulk(Team, [Team(agency=a, name="一中队") for a in new_agencies])
    progress("teams", len(teams), len(new_agencies))
    new_officers = _seed_officers(province, officers, progress)
    summary = SeedSummary(len(new_agencies), len(teams), new_officers)
    audit(ORG_TREE_SEEDED, by=None, object_repr=province.name, changes={"province": province_code, **summary.__dict__})
    return summary
