"""/api/v1 for the element centre: read for every officer, write for administrators."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from openpyxl import Workbook

from tests.factories.lawbase import make_matter
from tests.factories.orgs import AgencyFactory, DomainFactory, OfficerFactory
from zhifa.lawbase.actions.discretion import create_benchmark, publish_benchmark, save_level
from zhifa.lawbase.models import Matter
from zhifa.orgs.actions.accounts import create_api_token
from zhifa.orgs.choices import Role
from zhifa.parties.demo_data import resident_id
from zhifa.parties.models import Party

pytestmark = pytest.mark.django_db
API = "/api/v1"


def bearer(user) -> Client:
    _, raw = create_api_token(by=user, name="t")
    return Client(HTTP_AUTHORIZATION=f"Bearer {raw}")


@pytest.fixture
def province_admin(regions):
    return OfficerFactory(agency=AgencyFactory(region=regions["province"]), roles=[Role.ADMINISTRATOR]).user


@pytest.fixture
def officer(regions):
    return OfficerFactory(agency=AgencyFactory(region=regions["county"])).user


def test_an_article_by_citation_carries_its_limits(officer):
    body = bearer(officer).get(f"{API}/cite", {"q": "《大气污染防治法》第九十九条"}).json()
    assert body["number"] == "第九十九条"
    [fine] = [p for p in body["statutory_penalties"] if p["kind"] == "fine"]
    assert fine["summary"] == "10万元以上100万元以下罚款"
    assert body["url"].endswith("#a99")
    bad = bearer(officer).get(f"{API}/cite", {"q": "《大气污染防治法》第九百条"})
    assert bad.status_code == 422
    assert "没有第 900 条" in bad.json()["message"]


def test_matters_and_the_benchmark_in_force_on_a_date(officer, regions):
    matter = make_matter(aliases=["无证排污"])
    benchmark = create_benchmark(by=None, matter=matter, title="基准", region=regions["province"])
    save_level(
        benchmark,
        by=None,
        order=1,
        grade="general",
        circumstances="一般",
        fine_base="amount",
        fine_min=100000,
        fine_max=200000,
    )
    publish_benchmark(benchmark, by=None, effective_from=dt.date(2024, 1, 1))
    client = bearer(officer)
    found = client.get(f"{API}/matters", {"q": "无证排污"}).json()["items"]
    assert [m["code"] for m in found] == [matter.code]
    penalty = next(b for b in found[0]["bases"] if b["role"] == "penalty")
    assert penalty["citation"].endswith("第九十九条第（一）项")
    in_force = client.get(
        f"{API}/matters/{matter.code}/benchmark-in-force", {"on": "2024-05-01", "region": "330106"}
    ).json()
    assert in_force["levels"][0]["fine_text"] == "10万元以上20万元以下"
    before = client.get(f"{API}/matters/{matter.code}/benchmark-in-force", {"on": "2023-05-01"})
    assert before.status_code == 404


def test_an_administrator_builds_a_benchmark_and_the_statute_check_answers_422(province_admin, regions):
    matter = make_matter()
    client = bearer(province_admin)
    created = client.post(
        f"{API}/benchmarks",
        {"matter_code": matter.code, "title": "新基准", "region_code": "330000"},
        content_type="application/json",
    ).json()
    url = f"{API}/benchmarks/{created['id']}/levels/1"
    too_high = client.put(
        url,
        {
            "grade": "severe",
            "circumstances": "严重",
            "fine_base": "amount",
            "fine_min": "900000",
            "fine_max": "2000000",
        },
        content_type="application/json",
    )
    assert too_high.status_code == 422
    body = too_high.json()
    assert body["code"] == "rule_violation", body
    assert body["rule"] == "DB-34"
    assert "第九十九条" in body["citation"]
    ok = client.put(
        url,
        {
            "grade": "severe",
            "circumstances": "严重",
            "fine_base": "amount",
            "fine_min": "900000",
            "fine_max": "1000000",
        },
        content_type="application/json",
    )
    assert ok.status_code == 200
    published = client.post(
        f"{API}/benchmarks/{created['id']}/publish", {"effective_from": "2026-01-01"}, content_type="application/json"
    )
    assert published.json()["status"] == "published"


def test_officers_may_read_but_not_write_matters(officer, regions):
    DomainFactory(code="ecology_environment", name="生态环境")
    response = bearer(officer).post(
        f"{API}/matters",
        {
            "code": "X-9",
            "name": "某事项",
            "domain_code": "ecology_environment",
            "bases": [
                {"citation": "《大气污染防治法》第十九条", "role": "violated"},
                {"citation": "《大气污染防治法》第九十九条", "role": "penalty"},
            ],
        },
        content_type="application/json",
    )
    assert response.status_code == 403
    assert not Matter.objects.filter(code="X-9").exists()


def test_a_bad_citation_in_a_matter_is_a_field_error(province_admin, regions):
    DomainFactory(code="ecology_environment", name="生态环境")
    response = bearer(province_admin).post(
        f"{API}/matters",
        {
            "code": "X-9",
            "name": "某事项",
            "domain_code": "ecology_environment",
            "region_code": "330000",
            "bases": [
                {"citation": "《大气污染防治法》第十九条", "role": "violated"},
                {"citation": "大气法九十九", "role": "penalty"},
            ],
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "bases.1.citation" in response.json()["fields"]


def test_parties_over_the_api(officer, province_admin):
    client = bearer(officer)
    number = resident_id(dt.date(1990, 3, 7), 311)
    created = client.post(
        f"{API}/parties",
        {"kind": "individual", "name": "王小明", "id_number": number, "addresses": {"registered": "西湖区某路1号"}},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    # An officer has no unmasked permission: the API gives the person's data masked (ZJ-7) ...
    shown = created.json()
    assert (shown["name"], shown["birth_date"]) == ("王**", None)
    assert shown["id_number"] == number[:2] + "*" * 14 + number[-2:]
    assert shown["addresses"] == {"registered": "西湖区***"}
    assert Party.objects.get(pk=shown["id"]).birth_date == dt.date(1990, 3, 7)
    # ... an administrator, who holds it, in full.
    full = bearer(province_admin).get(f"{API}/parties/{shown['id']}").json()
    assert (full["name"], full["id_number"], full["birth_date"]) == ("王小明", number, "1990-03-07")
    duplicate = client.post(
        f"{API}/parties", {"kind": "individual", "name": "王晓明", "id_number": number}, content_type="application/json"
    )
    assert duplicate.status_code == 422
    assert duplicate.json()["code"] == "duplicate_party"
    other = client.post(
        f"{API}/parties", {"kind": "individual", "name": "王小明（重复）"}, content_type="application/json"
    ).json()
    assert (
        client.post(
            f"{API}/parties/{created.json()['id']}/merge",
            {"duplicate_id": other["id"]},
            content_type="application/json",
        ).status_code
        == 403
    )
    merged = bearer(province_admin).post(
        f"{API}/parties/{created.json()['id']}/merge", {"duplicate_id": other["id"]}, content_type="application/json"
    )
    assert merged.status_code == 200
    assert Party.objects.get(pk=other["id"]).merged_into_id == created.json()["id"]


def test_an_upload_with_bad_rows_reports_them_and_writes_nothing(province_admin, tmp_path):
    book = Workbook()
    book.active.append(["类型", "姓名或名称", "证件号码"])
    book.active.append(["个人", "王小明", resident_id(dt.date(1990, 3, 7), 311)])
    book.active.append(["个人", "李四", "330106199003070000"])
    path = tmp_path / "p.xlsx"
    book.save(path)
    with path.open("rb") as handle:
        response = bearer(province_admin).post(f"{API}/imports/parties", {"file": handle, "mode": "all"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["written"] == 0
    assert body["errors"][0]["text"].startswith("第 3 行“证件号码”列：身份证号码无效")
    assert not Party.objects.exists()
    with path.open("rb") as handle:
        partial = bearer(province_admin).post(f"{API}/imports/parties", {"file": handle, "mode": "valid"}).json()
    assert partial["created"] == 1


def test_holdings_cases_and_templates_over_the_api(province_admin, regions):
    matter = make_matter()
    agency = AgencyFactory(region=regions["township"], domain=matter.domain)
    client = bearer(province_admin)
    refused = client.put(f"{API}/agencies/{agency.pk}/matters/{matter.code}", {}, content_type="application/json")
    assert refused.status_code == 422
    assert refused.json()["rule"] == "LP-22"
    held = client.put(
        f"{API}/agencies/{agency.pk}/matters/{matter.code}",
        {"source": "devolved", "decision_reference": "浙江省赋权决定（测试）"},
        content_type="application/json",
    )
    assert held.status_code == 200
    assert [h["matter_code"] for h in client.get(f"{API}/agencies/{agency.pk}/matters").json()] == [matter.code]
    case = client.post(
        f"{API}/reference-cases",
        {
            "title": "某企业无证排污案",
            "summary": "未取得排污许可证排放废气。",
            "decision": "罚款十五万元。",
            "matter_codes": [matter.code],
            "citations": ["《大气污染防治法》第九十九条"],
        },
        content_type="application/json",
    )
    assert case.status_code == 201
    assert case.json()["articles"] == ["《中华人民共和国大气污染防治法》第九十九条"]
    bad = client.post(
        f"{API}/document-templates",
        {"code": "notice", "title": "通知", "body": "{% if %}", "region_code": "330000"},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert "语法错误" in bad.json()["message"]
    draft = client.post(
        f"{API}/document-templates",
        {"code": "notice", "title": "通知", "body": "<p>{{ party.name }}</p>", "region_code": "330000"},
        content_type="application/json",
    ).json()
    assert client.post(f"{API}/document-templates/{draft['id']}/activate").json()["status"] == "active"
