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


# Laws the tests cite; loaded once per test session (db tests roll back around it).
LAW_SUBSET = {
    "中华人民共和国行政处罚法",
    "城市市容和环境卫生管理条例",
    "浙江省城市市容和环境卫生管理条例",
    "中华人民共和国食品安全法",
    "中华人民共和国大气污染防治法",
    "中华人民共和国城乡规划法",
    "中华人民共和国广告法",
    "中华人民共和国产品质量法",
    "无证无照经营查处办法",
    "中华人民共和国行政许可法",
}


def _import_law_subset() -> None:
    from zhifa.lawbase.actions.laws import import_laws
    from zhifa.lawbase.law_data import iter_laws

    with context.bound(context.RequestContext("test-setup", None, "test")):
        import_laws(by=None, records=(law for law in iter_laws() if law["title"] in LAW_SUBSET))


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup: Any, django_db_blocker: Any) -> None:
    with django_db_blocker.unblock():
        _import_law_subset()


@pytest.fixture
def laws(db: Any) -> None:
    """The law subset, for transactional tests: their flush empties what the session loaded."""
    from zhifa.lawbase.models import Law

    if not Law.objects.exists():
        _import_law_subset()


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
