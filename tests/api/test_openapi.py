"""The OpenAPI document is served and committed; a drift between them fails."""

from __future__ import annotations

import json

from zhifa.api.management.commands.openapi import COMMITTED, current_document


def test_the_document_is_served(client):
    document = client.get("/api/v1/openapi.json").json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/agencies" in document["paths"]
    assert "/api/v1/me" in document["paths"]


def test_the_committed_document_matches_the_code():
    assert COMMITTED.exists(), "run: zhifa openapi --write"
    assert json.loads(COMMITTED.read_text(encoding="utf-8")) == json.loads(current_document()), (
        "run: zhifa openapi --write"
    )
