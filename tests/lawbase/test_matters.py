"""Matters rest on real articles; an agency acts only on the matters it holds (LP-22)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from tests.factories.lawbase import make_matter, spec
from tests.factories.orgs import AgencyFactory, DomainFactory, OfficerFactory
from zhifa.core.errors import InvalidInput, PermissionDenied, RuleViolation
from zhifa.core.models import AuditEntry
from zhifa.lawbase.actions.discretion import create_benchmark, publish_benchmark, save_level
from zhifa.lawbase.actions.matters import assign_matter, create_matter, unassign_matter, update_matter
from zhifa.lawbase.choices import HoldingSource
from zhifa.lawbase.models import AgencyMatter, Matter
from zhifa.lawbase.selectors import agency_holds
from zhifa.orgs.choices import Role

pytestmark = pytest.mark.django_db


def test_a_penalty_matter_without_a_penalty_basis_is_refused_citing_article_38(regions):
    with pytest.raises(InvalidInput, match="第三十八条"):
        create_matter(
            by=None,
            code="X-1",
            name="无处罚依据的事项",
            kind="penalty",
            domain=DomainFactory(),
            bases=[spec("《大气污染防治法》第十九条", "violated")],
        )
    assert not Matter.objects.filter(code="X-1").exists()


def test_creating_and_changing_a_matter_is_audited_with_its_bases(regions):
    matter = make_matter()
    created = AuditEntry.objects.filter(action="lawbase.matter.created").get()
    assert "penalty:《中华人民共和国大气污染防治法》第九十九条第（一）项" in created.changes["bases"]
    update_matter(matter, by=None, expected_version=matter.version, name="无排污许可证排放大气污染物")
    changed = AuditEntry.objects.filter(action="lawbase.matter.changed").get()
    assert changed.changes["new"]["name"] == "无排污许可证排放大气污染物"


def test_a_township_needs_a_published_devolution_decision(regions):
    matter = make_matter()
    township = AgencyFactory(region=regions["township"], domain=matter.domain)
    with pytest.raises(RuleViolation) as error:
        assign_matter(by=None, agency=township, matter=matter)
    assert error.value.rule == "LP-22"
    assert "第二十四条" in error.value.citation
    holding = assign_matter(
        by=None,
        agency=township,
        matter=matter,
        source=HoldingSource.DEVOLVED,
        decision_reference="浙江省人民政府关于赋予乡镇（街道）县级行政执法权的决定",
        effective_from=dt.date(2022, 1, 1),
    )
    assert agency_holds(township, matter, dt.date(2023, 1, 1)) == holding
    assert agency_holds(township, matter, dt.date(2021, 12, 31)) is None


def test_an_agency_holds_only_assigned_matters_in_force(regions):
    matter = make_matter()
    agency = AgencyFactory(region=regions["county"], domain=matter.domain)
    day = dt.date(2025, 5, 1)
    assert agency_holds(agency, matter, day) is None
    assign_matter(by=None, agency=agency, matter=matter)
    assert agency_holds(agency, matter, day) is not None
    update_matter(matter, by=None, expected_version=None, status="suspended")
    assert agency_holds(agency, matter, day) is None


def test_ending_a_holding_keeps_it_with_its_end_date_and_audits_it(regions):
    matter = make_matter()
    agency = AgencyFactory(region=regions["county"], domain=matter.domain)
    holding = assign_matter(by=None, agency=agency, matter=matter, effective_from=dt.date(2024, 1, 1))
    with pytest.raises(InvalidInput, match="终止日期不能早于起始日期"):
        unassign_matter(holding, by=None, on=dt.date(2023, 12, 31))
    unassign_matter(holding, by=None, on=dt.date(2025, 6, 30))
    kept = AgencyMatter.objects.get(pk=holding.pk)
    assert kept.effective_to == dt.date(2025, 6, 30)
    assert agency_holds(agency, matter, dt.date(2025, 6, 30)) == kept
    assert agency_holds(agency, matter, dt.date(2025, 7, 1)) is None
    entry = AuditEntry.objects.filter(action="lawbase.holding.unassigned").get()
    assert entry.changes["new"] == {"effective_to": "2025-06-30"}
    # Ending it again later changes nothing: it already ended.
    unassign_matter(kept, by=None, on=dt.date(2025, 8, 1))
    assert AgencyMatter.objects.get(pk=holding.pk).effective_to == dt.date(2025, 6, 30)
    assert AuditEntry.objects.filter(action="lawbase.holding.unassigned").count() == 1


def test_assigning_matters_is_for_administrators_of_the_region(regions):
    matter = make_matter()
    agency = AgencyFactory(region=regions["county"], domain=matter.domain)
    officer = OfficerFactory(agency=agency).user
    with pytest.raises(PermissionDenied):
        assign_matter(by=officer, agency=agency, matter=matter)
    admin = OfficerFactory(agency=agency, roles=[Role.ADMINISTRATOR]).user
    assign_matter(by=admin, agency=agency, matter=matter)


def test_the_matter_page_shows_articles_limits_benchmark_and_holders(signed_in, regions):
    matter = make_matter(aliases=["无证排污"])
    agency = AgencyFactory(name="西湖分局", region=regions["county"], domain=matter.domain)
    assign_matter(by=None, agency=agency, matter=matter)
    benchmark = create_benchmark(by=None, matter=matter, title="排污许可裁量基准", region=regions["province"])
    save_level(
        benchmark,
        by=None,
        order=1,
        grade="general",
        circumstances="初次违法",
        fine_base="amount",
        fine_min=100000,
        fine_max=300000,
    )
    publish_benchmark(benchmark, by=None, effective_from=dt.date(2024, 1, 1))
    officer = OfficerFactory(agency=agency).user
    page = signed_in(officer).get(reverse("lawbase:matter_detail", args=[matter.code])).content.decode()
    assert "应当取得排污许可证" in page  # the violated article's text
    assert "未依法取得排污许可证排放大气污染物的" in page  # the cited item
    assert "10万元以上100万元以下罚款" in page  # the statutory limit
    assert "排污许可裁量基准" in page
    assert "10万元以上30万元以下" in page  # the level in force
    assert "西湖分局" in page
    listing = signed_in(officer).get(reverse("lawbase:matter_list"), {"q": "无证排污"}).content.decode()
    assert matter.code in listing
