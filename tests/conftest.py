from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from tests.factories.orgs import PASSWORD, region_tree
from zhifa.core import context
from zhifa.orgs.models import Region


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    from django.conf import settings

    if "postgresql" in settings.DATABASES["default"]["ENGINE"]:
        return
    skip = pytest.mark.skip(reason="needs PostgreSQL (run with DATABASE_URL=postgres://…)")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _request_context() -> Iterator[None]:
    with context.bound(context.RequestContext("test-request", "127.0.0.1", "test")):
        yield


@pytest.fixture
def regions(db: Any) -> dict[str, Region]:
    return region_tree()


@pytest.fixture
def on_postgres() -> bool:
    return connection.vendor == "postgresql"


@pytest.fixture
def signed_in(client: Client) -> Any:
    def sign_in(user: Any) -> Client:
        client.force_login(user, backend="zhifa.orgs.auth.backend.PolicyBackend")
        return client

    return sign_in


@pytest.fixture
def password() -> str:
    return PASSWORD
