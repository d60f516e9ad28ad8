"""Spreadsheet layout of parties (import and export)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from zhifa.core.cells import choice_parser
from zhifa.core.tabular import Column, TableSpec
from zhifa.orgs.models import Region
from zhifa.parties.choices import AddressKind, CreditGrade, IdType, PartyKind
from zhifa.parties.identity import check_identity
from zhifa.parties.models import Party


def parse_region(text: str) -> Region:
    region = Region.objects.filter(code=text.strip()).first()
    if region is None:
        raise LookupError(_("没有区划代码 %(code)s。") % {"code": text})
    return region


_KIND_ALIASES = {
    "个人": PartyKind.INDIVIDUAL,
    "单位": PartyKind.ORGANISATION,
    "企业": PartyKind.ORGANISATION,
    "法人": PartyKind.ORGANISATION,
    "个体工商户": PartyKind.ORGANISATION,
}
_ID_ALIASES = {"身份证": IdType.RESIDENT_ID, "身份证号": IdType.RESIDENT_ID, "信用代码": IdType.CREDIT_CODE}


def _party_check(row: dict[str, Any]) -> dict[str, str]:
    kind = row.get("kind")
    id_type = row.get("id_type") or (IdType.RESIDENT_ID if kind == PartyKind.INDIVIDUAL else IdType.CREDIT_CODE)
    if row.get("id_number"):
        try:
            row["id_number"] = check_identity(id_type, row["id_number"]).number
        except ValueError as error:
            return {"id_number": str(error)}
    elif kind == PartyKind.ORGANISATION:
        return {"id_number": _("单位须填写统一社会信用代码。")}
    row["id_type"] = id_type
    return {}


PARTY_TABLE = TableSpec(
    name="当事人",
    columns=[
        Column("kind", "类型", required=True, parse=choice_parser(PartyKind, _KIND_ALIASES)),
        Column("name", "姓名或名称", required=True),
        Column("id_type", "证件类型", parse=choice_parser(IdType, _ID_ALIASES)),
        Column("id_number", "证件号码"),
        Column("legal_representative", "法定代表人"),
        Column("phone", "联系电话"),
        Column("email", "电子邮箱"),
        Column("address", "地址"),
        Column("region", "所在地区", parse=parse_region, render=lambda r: r.code if r else ""),
        Column("credit_grade", "信用等级", parse=choice_parser(CreditGrade)),
    ],
    row_check=_party_check,
)


def party_rows(parties: QuerySet[Party], *, unmasked: bool = False) -> list[dict[str, Any]]:
    """Rows for export; personal data masked (parties.masking.masked_party) unless `unmasked`,
    which only a holder of parties.view_unmasked (or the operator's explicit --unmasked) asks for.
    A masked file cannot be imported back: its ID numbers do not validate."""
    from zhifa.parties.masking import masked_party

    rows = []
    for party in parties.filter(merged_into__isnull=True).select_related("region").prefetch_related("addresses"):
        address = next(
            (a.text for a in party.addresses.all() if a.kind in {AddressKind.REGISTERED, AddressKind.BUSINESS}), ""
        )
        row = {
            "kind": party.get_kind_display(),
            "name": party.name,
            "id_type": party.get_id_type_display(),
            "id_number": party.id_number,
            "legal_representative": party.legal_representative,
            "phone": party.phone,
            "email": party.email,
            "address": address,
            "region": party.region,
            "credit_grade": party.credit_grade,
        }
        rows.append(row if unmasked else masked_party(row, individual=party.is_individual))
    return rows
