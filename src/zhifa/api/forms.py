"""A Django form as the API's input schema, so that a step described once (its form) is
documented in OpenAPI and validated the same way on the staff pages and in the API.

The schema gives the types (OpenAPI, and the 422 for a wrong type); the form then validates as
it does on the page (querysets scoped to the user and the case), and its errors come back in the
one error shape.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any, Literal

from django import forms
from ninja import Schema
from pydantic import ConfigDict, Field, create_model

from zhifa.core.errors import InvalidInput


def _choices(field: forms.ChoiceField) -> tuple[str, ...]:
    choices: Any = field.choices
    return tuple(str(value) for value, _label in choices if value != "")


# Checked in order: subclasses before their bases (a DateTimeField is not a DateField here).
_SCALARS: list[tuple[type[forms.Field], Any]] = [
    (forms.BooleanField, bool),
    (forms.DateTimeField, dt.datetime),
    (forms.DateField, dt.date),
    (forms.DecimalField, Decimal),
    (forms.IntegerField, int),
]


def _annotation(field: forms.Field) -> Any:
    if isinstance(field, forms.ModelMultipleChoiceField):
        return list[int]
    if isinstance(field, forms.ModelChoiceField):
        return int
    if isinstance(field, forms.MultipleChoiceField):
        return list[Literal[_choices(field)]]  # type: ignore[misc]
    if isinstance(field, forms.ChoiceField):
        return Literal[_choices(field)]  # type: ignore[misc]
    return next((kind for base, kind in _SCALARS if isinstance(field, base)), str)


def _description(name: str, field: forms.Field) -> str:
    if name == "version":
        return (
            "The case version the client last read (optimistic locking). Required by every case step: "
            "missing → 422 version_required; stale → 409 stale_version."
        )
    text = str(field.label or name)
    if field.help_text:
        text += f"：{field.help_text}"
    if isinstance(field, forms.ModelChoiceField):
        text += "（id）"
    return text


class _VersionedSchema(Schema):
    """A case step's input: `version` may be absent for the type check, so that the endpoint can
    answer with its own error (version_required), but OpenAPI lists it as required."""

    model_config = ConfigDict(json_schema_extra=lambda schema: _require(schema, "version"))


def _require(schema: dict[str, Any], name: str) -> None:
    required = schema.setdefault("required", [])
    if name not in required:
        required.append(name)


def schema_from_form(form_class: type[forms.Form], name: str) -> type[Schema]:
    """A ninja Schema with one property per form field."""
    base = _VersionedSchema if "version" in form_class.base_fields else Schema
    properties: dict[str, Any] = {}
    for field_name, field in form_class.base_fields.items():
        annotation = _annotation(field)
        description = _description(field_name, field)
        if isinstance(field, forms.BooleanField):
            properties[field_name] = (annotation, Field(False, description=description))
        elif isinstance(field, forms.MultipleChoiceField) and not field.required:
            properties[field_name] = (annotation, Field(default_factory=list, description=description))
        elif field.required and annotation is str:
            properties[field_name] = (annotation, Field(..., min_length=1, description=description))
        elif field.required:
            properties[field_name] = (annotation, Field(..., description=description))
        else:
            properties[field_name] = (annotation | None, Field(None, description=description))
    return create_model(name, __base__=base, **properties)  # type: ignore[call-overload,no-any-return]


def validated(form: forms.Form) -> dict[str, Any]:
    """The form's cleaned data, or InvalidInput with its errors by field (nothing is written)."""
    if form.is_valid():
        return form.cleaned_data
    fields = {name: [str(m) for m in messages] for name, messages in form.errors.items()}
    from django.utils.translation import gettext as _

    raise InvalidInput(_("请更正标出的内容。"), fields=fields)


def form_data(payload: Schema) -> dict[str, Any]:
    """The payload as a form's bound data: absent and null values are left out."""
    return {name: value for name, value in payload.dict().items() if value is not None}
