from __future__ import annotations

import copy
import signal
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django_tasks_db.models import DBTaskResult

from tests.factories.cases import World, build_world
from tests.factories.orgs import PASSWORD, region_tree
from tests.module_data import module_transaction, uses_module_data
from tests.scenarios.walk import Walk
from zhifa.core import context
from zhifa.orgs.models import Region


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    from django.conf import settings

    _refuse_transactional_tests_beside_module_data(items)
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


@pytest.fixture
def run_worker() -> Iterator[Callable[..., None]]:
    """Run `zhifa db_worker` until the queue is empty, as `zhifa serve` runs it; every task it
    ran must have succeeded unless the test says otherwise. For transactional tests: a worker
    only sees committed rows."""
    saved = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}

    def run(*, expect: str = "SUCCESSFUL") -> None:
        queued = list(DBTaskResult.objects.filter(status="READY").values_list("id", flat=True))
        assert queued
        call_command("db_worker", batch=True, startup_delay=False, reload=False, verbosity=0)
        assert set(DBTaskResult.objects.filter(id__in=queued).values_list("status", flat=True)) == {expect}

    yield run
    for number, handler in saved.items():
        signal.signal(number, handler)


# --- the case world, built once per test module (tests/module_data.py) ---------------------------


@pytest.fixture(scope="module")
def module_world(django_db_setup: Any, django_db_blocker: Any) -> Iterator[World]:
    """Templates, calendar, org tree and parties: building them costs more than most case tests."""
    with module_transaction(django_db_blocker, "module-world"):
        yield build_world()


@pytest.fixture
def w(module_world: World, db: Any) -> World:
    """The module's world, as fresh objects: what one test changes in memory the next does not see
    (its rows are rolled back with the test's savepoint)."""
    return copy.deepcopy(module_world)


@pytest.fixture
def walk(w: World) -> Walk:
    return Walk(w)


def _is_transactional(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    wants = set(getattr(item, "fixturenames", ()))
    return bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0]))) or bool(
        wants & {"transactional_db", "live_server", "django_db_reset_sequences"}
    )


def _refuse_transactional_tests_beside_module_data(items: list[pytest.Item]) -> None:
    def module(item: pytest.Item) -> Any:
        return getattr(item, "module", None)

    sharing = {module(item) for item in items if uses_module_data(getattr(item, "fixturenames", ()))}
    clashing = [item.nodeid for item in items if module(item) in sharing and _is_transactional(item)]
    if clashing:
        raise pytest.UsageError(
            "a transactional test cannot share a module with module data (move it to its own module): "
            + ", ".join(clashing)
        )
