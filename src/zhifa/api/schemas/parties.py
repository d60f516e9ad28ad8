from __future__ import annotations

import datetime as dt
from typing import Literal

from ninja import Field, Schema


class PartyOut(Schema):
    id: int
    kind: str
    name: str
    id_type: str
    id_number: str
    birth_date: dt.date | None
    legal_representative: str
    phone: str
    email: str
    region: str | None
    credit_grade: str
    merged_into: int | None
    addresses: dict[str, str]
    version: int


class PartyIn(Schema):
    kind: Literal["individual", "organisation"]
    name: str = Field(min_length=1, max_length=200)
    id_type: Literal["", "resident_id", "credit_code", "passport", "other"] = ""
    id_number: str = Field("", max_length=40)
    legal_representative: str = Field("", max_length=60)
    phone: str = Field("", max_length=30)
    email: str = Field("", max_length=254)
    region_code: str | None = None
    credit_grade: Literal["", "A", "B", "C", "D"] = ""
    addresses: dict[Literal["registered", "business", "delivery"], str] = Field(default={})


class PartyUpdateIn(Schema):
    version: int
    name: str | None = Field(None, min_length=1, max_length=200)
    id_number: str | None = Field(None, max_length=40)
    legal_representative: str | None = None
    phone: str | None = None
    email: str | None = None
    credit_grade: Literal["", "A", "B", "C", "D"] | None = None
    addresses: dict[Literal["registered", "business", "delivery"], str] | None = None


class MergeIn(Schema):
    duplicate_id: int


class ImportReportOut(Schema):
    mode: str
    written: int
    created: int
    updated: int
    skipped: int
    errors: list[dict[str, object]]
