"""Parties: validated identities, one party per identity number, merges that keep every link."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories.orgs import AgencyFactory, OfficerFactory
from zhifa.core.errors import InvalidInput, PermissionDenied
from zhifa.core.models import AuditEntry
from zhifa.orgs.choices import Role
from zhifa.parties.actions.parties import create_party, merge_parties, update_party
from zhifa.parties.demo_data import credit_code, resident_id
from zhifa.parties.identity import age_on
from zhifa.parties.models import Party, PartyAddress

pytestmark = pytest.mark.django_db
BIRTH = dt.date(1990, 3, 7)


def test_an_individual_gets_a_birth_date_from_the_id_number():
    party = create_party(by=None, kind="individual", name="王小明", id_number=resident_id(BIRTH, 311).lower())
    assert party.birth_date == BIRTH
    assert party.id_type == "resident_id"
    assert party.id_number == resident_id(BIRTH, 311)  # normalised (X upper-case)
    assert age_on(party.birth_date, dt.date(2026, 3, 6)) == 35
    assert age_on(party.birth_date, dt.date(2026, 3, 7)) == 36


@pytest.mark.parametrize(
    ("kind", "number", "field_words"),
    [
        ("individual", "330106199003070000", "身份证号码无效"),
        ("individual", "33010619900307", "身份证号码无效"),
        ("organisation", "91330106MA2AAAAAA0", "统一社会信用代码无效"),
    ],
)
def test_invalid_identity_numbers_are_refused_and_nothing_is_written(kind, number, field_words):
    with pytest.raises(InvalidInput) as error:
        create_party(by=None, kind=kind, name="某某", id_number=number)
    assert field_words in error.value.fields["id_number"][0]
    assert not Party.objects.exists()


def test_one_party_per_identity_number_names_the_existing_one():
    number = resident_id(BIRTH, 311)
    create_party(by=None, kind="individual", name="王小明", id_number=number)
    with pytest.raises(InvalidInput, match="王小明"):
        create_party(by=None, kind="individual", name="王晓明", id_number=number)


def test_merging_moves_every_link_and_keeps_the_duplicate_as_a_pointer(regions):
    keep = create_party(
        by=None,
        kind="organisation",
        name="杭州演示建材贸易有限公司",
        id_number=credit_code("MA2D0002X"),
        addresses={"business": "西湖区演示工业园12号"},
    )
    duplicate = create_party(
        by=None, kind="organisation", name="杭州演示建材贸易公司", addresses={"delivery": "转塘街道某路1号"}
    )
    older = create_party(by=None, kind="organisation", name="演示建材（旧名）")
    merge_parties(duplicate, by=None, duplicate=older)
    admin = OfficerFactory(agency=AgencyFactory(region=regions["county"]), roles=[Role.ADMINISTRATOR]).user
    merge_parties(keep, by=admin, duplicate=duplicate)
    duplicate.refresh_from_db()
    older.refresh_from_db()
    assert duplicate.merged_into == keep
    assert older.merged_into == keep  # the earlier merge follows
    assert set(PartyAddress.objects.filter(party=keep).values_list("kind", flat=True)) == {"business", "delivery"}
    entry = AuditEntry.objects.order_by("-seq").first()
    assert entry.action == "parties.party.merged"
    assert entry.changes["moved"] == {"parties.partyaddress": 1}
    with pytest.raises(InvalidInput, match="已合并"):
        update_party(duplicate, by=None, expected_version=None, name="x")


def test_only_administrators_merge(regions):
    a = create_party(by=None, kind="individual", name="甲")
    b = create_party(by=None, kind="individual", name="乙")
    officer = OfficerFactory(agency=AgencyFactory(region=regions["county"])).user
    with pytest.raises(PermissionDenied):
        merge_parties(a, by=officer, duplicate=b)
    with pytest.raises(InvalidInput, match="自然人和单位"):
        merge_parties(a, by=None, duplicate=create_party(by=None, kind="organisation", name="丙公司"))


def test_officers_register_parties_and_corrections_are_audited(regions):
    officer = OfficerFactory(agency=AgencyFactory(region=regions["county"])).user
    party = create_party(by=officer, kind="individual", name="李晓燕", phone="13900002222")
    update_party(party, by=officer, expected_version=party.version, phone="13900003333")
    entry = AuditEntry.objects.filter(action="parties.party.changed").get()
    assert entry.changes == {"old": {"phone": "13900002222"}, "new": {"phone": "13900003333"}}


def test_the_export_masks_personal_data_unless_asked_for_in_full(regions, tmp_path):
    from django.core.management import call_command

    from zhifa.core.tabular import read_rows
    from zhifa.parties.tables import PARTY_TABLE

    number = resident_id(dt.date(1990, 3, 7), 311)
    create_party(by=None, kind="individual", name="王小明", id_number=number, phone="13812345678")
    masked_file, full_file = tmp_path / "masked.csv", tmp_path / "full.csv"
    call_command("parties", "export", str(masked_file))
    text = masked_file.read_text(encoding="utf-8-sig")
    assert number not in text
    assert "王小明" not in text
    assert "13812345678" not in text
    assert "王**" in text
    call_command("parties", "export", str(full_file), "--unmasked")
    [(_, row)] = read_rows(PARTY_TABLE, full_file).rows
    assert (row["name"], row["id_number"], row["phone"]) == ("王小明", number, "13812345678")


def test_merging_keeps_the_cases_of_the_duplicate_and_refuses_a_person_into_a_company():
    from tests.cases.flow import fresh, registered
    from tests.factories.cases import build_world

    w = build_world()
    duplicate = create_party(by=None, kind="organisation", name="杭州演示化工公司（重复登记）")
    case = registered(w, party=duplicate)
    merge_parties(w.company, by=None, duplicate=duplicate)
    assert fresh(case).party == w.company
    entry = AuditEntry.objects.filter(action="parties.party.merged").get()
    assert entry.changes["moved"]["cases.case"] == 1
    assert entry.changes["duplicate"]["id"] == duplicate.pk
    with pytest.raises(InvalidInput, match="自然人和单位不能合并"):
        merge_parties(w.company, by=None, duplicate=w.person)
    assert Party.objects.get(pk=w.person.pk).merged_into is None


def test_officers_see_the_parties_of_their_region_through_the_one_policy():
    """Registered by an agency of the region, or party to one of its cases; not the rest."""
    from tests.cases.flow import registered
    from tests.factories.cases import build_world, officer
    from zhifa.core.scoping import policy
    from zhifa.parties.permissions import VIEW_PARTY

    w = build_world()
    beside = AgencyFactory(name="杭州市上城区某执法局", region=w.regions["beside"], domain=w.agency.domain)
    beside_officer = officer(beside, "孙丽").user
    theirs = create_party(by=beside_officer, kind="organisation", name="上城演示商贸有限公司")
    assert theirs.agency == beside
    mine = w.users[0]

    def visible(user):
        return set(Party.objects.restrict(user, VIEW_PARTY).values_list("name", flat=True))

    assert "上城演示商贸有限公司" not in visible(mine)
    assert w.company.name in visible(mine)  # registered by the officer's agency
    assert "上城演示商贸有限公司" in visible(beside_officer)
    assert w.company.name not in visible(beside_officer)
    assert not policy().can(mine, VIEW_PARTY, theirs)
    registered(w, party=theirs)  # now party to a case of the officer's agency
    assert "上城演示商贸有限公司" in visible(mine)
    assert policy().can(mine, VIEW_PARTY, theirs)
    assert Party.objects.restrict(mine, VIEW_PARTY).filter(name="上城演示商贸有限公司").count() == 1
    city_head = officer(AgencyFactory(region=w.regions["city"], domain=w.agency.domain), "周市").user
    assert {w.company.name, "上城演示商贸有限公司"} <= visible(city_head)
