"""Typed domain errors: actions raise them, the API and the views turn them into one shape.

Every error carries a stable `code`, a message for the user (zh-hans by default), and where a
legal rule refused the step, the rule id and its citation, so the user sees why, not just "no".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import ClassVar

from django.utils.functional import Promise


class DomainError(Exception):
    """A refusal the user can understand and act on. Nothing has been written when it is raised."""

    http_status: ClassVar[int] = 400
    default_code: ClassVar[str] = "invalid"

    def __init__(
        self,
        message: str | Promise,
        *,
        code: str | None = None,
        fields: Mapping[str, Sequence[str | Promise]] | None = None,
        rule: str = "",
        citation: str = "",
    ) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.code = code or self.default_code
        self.fields = {name: [str(m) for m in messages] for name, messages in (fields or {}).items()}
        self.rule = rule
        self.citation = citation

    def as_dict(self) -> dict[str, object]:
        body: dict[str, object] = {"code": self.code, "message": self.message, "fields": self.fields}
        if self.rule:
            body["rule"] = self.rule
        if self.citation:
            body["citation"] = self.citation
        return body


class InvalidInput(DomainError):
    """The input breaks a constraint of the domain (a duplicate number, a date range reversed)."""

    http_status = 422
    default_code = "invalid"


class PermissionDenied(DomainError):
    """The actor may not do this to this object (scope, role or credential)."""

    http_status = 403
    default_code = "permission_denied"


class NotFound(DomainError):
    """The object does not exist, or lies outside what the actor may see (we do not say which)."""

    http_status = 404
    default_code = "not_found"


class Conflict(DomainError):
    """Someone changed the object since it was read; the user should reload and try again."""

    http_status = 409
    default_code = "conflict"


class RuleViolation(DomainError):
    """A legal rule forbids the step; `rule` and `citation` say which and where."""

    http_status = 422
    default_code = "rule_violation"
