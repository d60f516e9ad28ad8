"""Model validation turned into the domain's InvalidInput, with field errors in the user's language."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models
from django.utils.translation import gettext as _

from zhifa.core.errors import InvalidInput

NON_FIELD = "__all__"


def validate(instance: models.Model, *, exclude: list[str] | None = None) -> None:
    """Run the model's field, uniqueness and constraint checks; raise InvalidInput on failure."""
    try:
        instance.full_clean(exclude=exclude, validate_constraints=True)
    except ValidationError as error:
        raise InvalidInput(_("请更正标出的内容。"), fields=error.message_dict) from error


@contextmanager
def integrity_as_invalid(message: str) -> Iterator[None]:
    """A unique constraint that a concurrent writer won is reported like any invalid input."""
    try:
        yield
    except IntegrityError as error:
        raise InvalidInput(message, code="duplicate") from error
