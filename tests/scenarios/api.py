"""The JSON API as a scenario sees it: one signed-in user, steps posted by code, and the two
outcomes a rule can have (done, or refused with its id and article)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from django.test import Client

BACKEND = "zhifa.orgs.auth.backend.PolicyBackend"
STEP_PATH = re.compile(r"^/cases/(\d+)/[a-z_]+$")


@dataclass
class Reply:
    status: int
    body: Any

    @property
    def rule(self) -> str | None:
        return self.body.get("rule") if isinstance(self.body, dict) else None


class Api:
    def __init__(self, user: Any) -> None:
        self.user = user
        self.client = Client()
        self.client.force_login(user, backend=BACKEND)

    def get(self, path: str, **params: Any) -> Reply:
        response = self.client.get(f"/api/v1{path}", params)
        return Reply(response.status_code, response.json())

    def post(self, path: str, *, send_version: bool = True, **body: Any) -> Reply:
        """POST to the API. A case step carries the case's current version, as a client that has
        just read the case would send it (optimistic locking), unless `version` is given or
        `send_version` is False."""
        step = STEP_PATH.match(path)
        if step and send_version and "version" not in body:
            from zhifa.cases.models import Case

            body["version"] = Case.objects.values_list("version", flat=True).get(pk=int(step.group(1)))
        response = self.client.post(
            f"/api/v1{path}", data=json.dumps(body, default=str, ensure_ascii=False), content_type="application/json"
        )
        return Reply(response.status_code, response.json())

    def ok(self, path: str, **body: Any) -> Any:
        reply = self.post(path, **body)
        assert reply.status in {200, 201}, f"{path} refused: {reply.body}"
        return reply.body

    def step(self, case_id: int, code: str, **body: Any) -> dict[str, Any]:
        """Take a step that the law allows; returns the case as it now stands."""
        return self.ok(f"/cases/{case_id}/{code}", **body)

    def refused(self, case_id: int, code: str, rule: str, **body: Any) -> dict[str, Any]:
        """Take a step that `rule` forbids; returns the error (code, message, rule, citation)."""
        reply = self.post(f"/cases/{case_id}/{code}", **body)
        assert reply.status == 422, f"{code} was not refused: {reply.status} {reply.body}"
        assert reply.rule == rule, f"refused by {reply.rule}, expected {rule}: {reply.body}"
        assert reply.body["citation"], reply.body
        return reply.body

    def case(self, case_id: int) -> dict[str, Any]:
        reply = self.get(f"/cases/{case_id}")
        assert reply.status == 200, reply.body
        return reply.body


def deadline(case: dict[str, Any], rule: str) -> dict[str, Any]:
    found = [d for d in case["deadlines"] if d["rule"] == rule]
    assert found, f"no {rule} deadline in {[d['rule'] for d in case['deadlines']]}"
    return found[-1]


def warned(case: dict[str, Any], rule: str) -> bool:
    return any(w["rule"] == rule for w in case["warnings"])


def document(case: dict[str, Any], code: str) -> dict[str, Any]:
    found = [d for d in case["documents"] if d["code"] == code]
    assert found, f"no {code} in {[d['code'] for d in case['documents']]}"
    return found[-1]


def document_text(api: Api, case: dict[str, Any], code: str) -> str:
    """The text of the case's latest document of `code` as issued: the HTML its PDF is rendered
    from (the file link would render the PDF, a second a call). The client must see the case."""
    from zhifa.cases.models import CaseDocument

    assert api.client.get(f"/api/v1/cases/{case['id']}").status_code == 200
    return CaseDocument.objects.get(pk=document(case, code)["id"]).html()
