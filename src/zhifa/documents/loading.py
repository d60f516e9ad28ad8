"""Loading the document templates shipped in `documents/data/` (national defaults)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.db import transaction

from zhifa.documents.actions.templates import activate_template, save_template_draft
from zhifa.documents.models import DocumentTemplate, TemplateStatus

DATA_DIR = Path(__file__).resolve().parent / "data"


def shipped_index() -> list[dict[str, Any]]:
    return json.loads((DATA_DIR / "templates.json").read_text(encoding="utf-8"))


def shipped_body(entry: dict[str, Any]) -> str:
    return (DATA_DIR / "templates" / entry["file"]).read_text(encoding="utf-8")


@transaction.atomic
def load_shipped_templates(*, by: Any | None) -> tuple[int, int]:
    """A new active national revision for each shipped template whose text changed; idempotent."""
    created = 0
    index = shipped_index()
    for entry in index:
        body = shipped_body(entry)
        active = DocumentTemplate.objects.filter(code=entry["code"], region=None, status=TemplateStatus.ACTIVE).first()
        if active is not None and active.body == body and active.title == entry["title"]:
            continue
        draft = save_template_draft(
            by=by,
            code=entry["code"],
            title=entry["title"],
            body=body,
            order=entry.get("order", 100),
            stage=entry.get("stage", ""),
            required_by=entry.get("required_by", []),
            legal_basis=entry.get("legal_basis", ""),
        )
        activate_template(draft, by=by)
        created += 1
    return created, len(index)
