"""Importing parties from a spreadsheet: new identities are registered, known ones updated."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zhifa.core.imports import ImportReport, write_rows
from zhifa.core.tabular import CellError, ReadResult
from zhifa.orgs.events import audit
from zhifa.parties.actions.parties import create_party, update_party
from zhifa.parties.choices import AddressKind, PartyKind
from zhifa.parties.events import PARTIES_IMPORTED
from zhifa.parties.models import Party


def _address_kind(kind: str) -> str:
    return AddressKind.REGISTERED if kind == PartyKind.INDIVIDUAL else AddressKind.BUSINESS


@transaction.atomic
def import_parties(
    *, by: Any | None, result: ReadResult, mode: str, source: str, on_progress: Callable[[int], None] | None = None
) -> ImportReport:
    seen: dict[str, int] = {}
    kept = []
    for number, row in result.rows:
        key = row.get("id_number") or ""
        if key and key in seen:
            result.errors.append(
                CellError(number, "证件号码", _("与第 %(row)s 行的证件号码重复。") % {"row": seen[key]})
            )
            continue
        seen[key] = number
        kept.append((number, row))
    result.rows = kept

    def write(number: int, row: dict[str, Any]) -> bool:
        fields = {
            "kind": row["kind"],
            "name": row["name"],
            "id_type": row.get("id_type") or "",
            "legal_representative": row.get("legal_representative") or "",
            "phone": row.get("phone") or "",
            "email": row.get("email") or "",
            "region": row.get("region"),
            "credit_grade": row.get("credit_grade") or "",
        }
        addresses = {_address_kind(row["kind"]): row["address"]} if row.get("address") else {}
        existing = (
            Party.objects.filter(id_number=row["id_number"], merged_into__isnull=True).first()
            if row.get("id_number")
            else None
        )
        if existing is None:
            create_party(by=by, id_number=row.get("id_number") or "", addresses=addresses, **fields)
            return True
        update_party(existing, by=by, expected_version=None, addresses=addresses or None, **fields)
        return False

    report = write_rows(result, mode=mode, write=write, on_progress=on_progress)
    if report.written:
        audit(
            PARTIES_IMPORTED,
            by=by,
            changes={"source": source, "created": report.created, "updated": report.updated},
            object_repr=source,
        )
    return report
