"""The synonym list of the law search: colloquial words and the statutory wording they stand for."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from zhifa.core.errors import InvalidInput
from zhifa.core.validation import validate
from zhifa.lawbase.events import SYNONYM_REMOVED, SYNONYM_SAVED
from zhifa.lawbase.models import SearchSynonym
from zhifa.lawbase.permissions import MANAGE_LAWBASE
from zhifa.orgs.events import audit
from zhifa.orgs.policy import require

DEFAULT_SYNONYMS = Path(__file__).resolve().parent.parent / "data" / "search_synonyms.csv"


@transaction.atomic
def save_synonym(*, by: Any | None, term: str, means: str, note: str = "") -> SearchSynonym:
    if by is not None:
        require(by, MANAGE_LAWBASE)
    term, means = term.strip(), " ".join(means.split())
    if not term or not means:
        raise InvalidInput(
            _("俗称和法定表述都要填写。"),
            fields={name: [_("必填。")] for name, value in (("term", term), ("means", means)) if not value},
        )
    synonym = SearchSynonym.objects.filter(term=term).first() or SearchSynonym(term=term)
    before = {"means": synonym.means, "note": synonym.note} if synonym.pk else {}
    synonym.means, synonym.note = means, note.strip()
    validate(synonym)
    synonym.save()
    audit(SYNONYM_SAVED, by=by, obj=synonym, changes={"old": before, "new": {"means": means, "note": synonym.note}})
    return synonym


@transaction.atomic
def remove_synonym(synonym: SearchSynonym, *, by: Any | None) -> None:
    if by is not None:
        require(by, MANAGE_LAWBASE)
    audit(SYNONYM_REMOVED, by=by, obj=synonym, changes={"term": synonym.term, "means": synonym.means})
    synonym.delete()


@transaction.atomic
def load_default_synonyms(*, by: Any | None, path: Path = DEFAULT_SYNONYMS) -> int:
    """Add the shipped synonyms an administrator does not have yet; edits already made are kept."""
    known = set(SearchSynonym.objects.values_list("term", flat=True))
    added = 0
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["term"] not in known:
                save_synonym(by=by, term=row["term"], means=row["means"], note=row.get("note") or "")
                added += 1
    return added
