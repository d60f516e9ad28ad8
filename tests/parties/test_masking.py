"""Personal data is masked wherever it leaves the staff system (LEGAL-RULES K: PI-6, PI-28, ZJ-7)."""

from __future__ import annotations

import datetime as dt

from zhifa.parties.demo_data import resident_id
from zhifa.parties.masking import (
    find_personal_data,
    mask_address,
    mask_bank_account,
    mask_id_number,
    mask_name,
    mask_phone,
    public_view,
    redact,
)
from zhifa.parties.models import Party

ID = resident_id(dt.date(1990, 3, 7), 311)


def test_masks():
    assert mask_id_number(ID) == ID[:2] + "*" * 14 + ID[-2:]
    assert mask_id_number(ID, keep_start=6, keep_end=4) == ID[:6] + "*" * 8 + ID[-4:]
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("0571-88880000") == "0571-********"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_address("浙江省杭州市西湖区转塘街道演示路1号") == "浙江省杭州市西湖区***"
    assert mask_bank_account("6222021234567890123") == "6222***********0123"


def test_free_text_is_redacted_before_publication():
    text = f"当事人王小明（身份证号{ID}，电话13812345678，邮箱wang@example.com）于店外经营。"
    kinds = [f.kind for f in find_personal_data(text)]
    assert kinds == ["id_number", "mobile", "email"]
    clean = redact(text)
    assert ID not in clean
    assert "13812345678" not in clean
    assert "wang@" not in clean
    assert "于店外经营" in clean
    assert find_personal_data(clean) == []


def test_an_18_digit_number_that_is_not_a_valid_id_is_left_alone():
    assert [f.kind for f in find_personal_data("案件编号 123456789012345678 号")] != ["id_number"]


def test_the_public_view_of_a_person_and_of_a_business():
    person = Party(kind="individual", name="王小明", id_number=ID, phone="13812345678")
    assert public_view(person) == {"name": "王**", "id_number": "", "address": ""}
    business = Party(
        kind="organisation",
        name="杭州演示食品科技有限公司",
        id_number="92330106MA2D0003XX",
        legal_representative="郑三",
    )
    assert public_view(business)["name"] == "杭州演示食品科技有限公司"


def test_a_party_leaving_the_staff_system_is_masked_by_the_default_profile():
    from zhifa.parties.masking import masked_party

    person = {
        "name": "张三丰",
        "id_number": "330106199001011234",
        "birth_date": "1990-01-01",
        "phone": "13812345678",
        "email": "zhang@example.com",
        "addresses": {"registered": "浙江省杭州市西湖区文三路1号"},
    }
    masked = masked_party(person, individual=True)
    assert masked == {
        "name": "张**",
        "id_number": "33**************34",
        "birth_date": None,
        "phone": "138****5678",
        "email": "***@example.com",
        "addresses": {"registered": "浙江省杭州市西湖区***"},
    }
    company = {"name": "杭州某某有限公司", "id_number": "91330106MA2XXXXX1Q", "legal_representative": "刘某某"}
    company["phone"] = "0571-88990011"
    shown = masked_party(company, individual=False)
    assert (shown["name"], shown["id_number"], shown["legal_representative"]) == (
        "杭州某某有限公司",
        "91330106MA2XXXXX1Q",
        "刘某某",
    )
    assert shown["phone"] == "0571-********"
    assert person["name"] == "张三丰"  # the input is left as it was
