"""Legal documents are written in Chinese whatever language the officer reads the site in:
`issue_document` renders under zh-hans, and no action hands it text translated for the session
(a gettext call, or a choice label from `get_FOO_display()`, which follows the session too)."""

from __future__ import annotations

import ast
import datetime as dt
from pathlib import Path

import zhifa
import zhifa.cases.actions
from tests.scenarios.walk import Walk
from zhifa.cases.models import CaseDocument

D = dt.date

ACTIONS = Path(zhifa.cases.actions.__file__).parent
TRANSLATING = {"_", "gettext", "ngettext", "pgettext"}


def _translates(func: ast.expr) -> bool:
    if getattr(func, "id", None) in TRANSLATING:
        return True
    name = getattr(func, "attr", "")
    return name.startswith("get_") and name.endswith("_display")


def _translated_inside_issue_document(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "issue_document":
            for inner in ast.walk(node):
                if isinstance(inner, ast.Call) and _translates(inner.func):
                    found.append(f"{path.name}:{inner.lineno} {ast.get_source_segment(source, inner)}")
    return found


def test_no_action_passes_session_translated_text_into_a_document():
    found = [hit for path in sorted(ACTIONS.glob("*.py")) for hit in _translated_inside_issue_document(path)]
    assert found == []


def _english_sentences() -> set[str]:
    """The English translations that read as text (two words or more), as HTML would carry them."""
    import polib

    po = polib.pofile(str(Path(zhifa.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"))
    found = set()
    for entry in po.translated_entries():
        text = entry.msgstr.split("%(")[0].strip()  # the part before the first placeholder
        if len(text) >= 6 and " " in text and "'" not in text and '"' not in text and "&" not in text:
            found.add(text)
    return found


def test_a_case_walked_by_officers_reading_english_issues_only_chinese_documents(walk: Walk):
    """The guard above sees only gettext written inside the call; this one reads what came out,
    for every document of a case walked from registration to archive in an English session."""
    for api in (walk.officer, walk.colleague, walk.head, walk.reviewer):
        api.client.cookies["django_language"] = "en"
    case = walk.served(walk.decided(walk.notified(walk.reviewed(walk.reported(walk.investigated())))))
    case = walk.officer.step(case["id"], "record_payment", amount="150000", paid_on=D(2025, 8, 1), channel="bank")
    case = walk.head.step(case["id"], "close", closed_on=D(2025, 8, 5), summary="罚款已全额缴纳，执行完毕。")
    walk.officer.step(case["id"], "archive", archived_on=D(2025, 8, 6))
    english = _english_sentences()
    documents = CaseDocument.objects.filter(case_id=case["id"])
    assert documents.count() >= 8
    leaked = {}
    for document in documents:
        with document.source.open("rb") as handle:
            html = handle.read().decode("utf-8")
        hits = sorted(text for text in english if text in html)
        if hits:
            leaked[document.code] = hits
    assert leaked == {}
