from __future__ import annotations

from ninja import Schema


class ErrorOut(Schema):
    code: str
    message: str
    fields: dict[str, list[str]]
    rule: str | None = None
    citation: str | None = None


class Ref(Schema):
    id: int
    name: str
