"""Legal documents are written in Chinese whatever language the officer reads the site in:
`issue_document` renders under zh-hans, and no action hands it text translated for the session."""

from __future__ import annotations

import ast
from pathlib import Path

import zhifa.cases.actions

ACTIONS = Path(zhifa.cases.actions.__file__).parent
TRANSLATING = {"_", "gettext", "ngettext", "pgettext"}


def _translated_inside_issue_document(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "issue_document":
            for inner in ast.walk(node):
                if isinstance(inner, ast.Call) and getattr(inner.func, "id", None) in TRANSLATING:
                    found.append(f"{path.name}:{inner.lineno} {ast.get_source_segment(source, inner)}")
    return found


def test_no_action_passes_session_translated_text_into_a_document():
    found = [hit for path in sorted(ACTIONS.glob("*.py")) for hit in _translated_inside_issue_document(path)]
    assert found == []
