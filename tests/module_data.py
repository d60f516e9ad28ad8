"""Rows that the tests of one module share, built once per module instead of once per test.

A fixture of module scope opens a transaction, builds its rows and yields; each test then runs in
a savepoint inside that transaction (pytest-django's `db`), as Django's TestCase does for
setUpTestData, and the whole transaction is rolled back after the module. Such fixtures are named
`module_…`: a transactional test cannot run inside the open transaction, so tests/conftest.py
refuses, at collection, a module that mixes one with a transactional test.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction

from zhifa.core import context

PREFIX = "module_"


@contextmanager
def module_transaction(django_db_blocker: Any, name: str) -> Iterator[None]:
    with (
        django_db_blocker.unblock(),
        context.bound(context.RequestContext(f"test-{name}", "127.0.0.1", "test")),
        transaction.atomic(),
    ):
        yield
        transaction.set_rollback(True)


def uses_module_data(fixturenames: Any) -> bool:
    return any(name.startswith(PREFIX) for name in fixturenames)
