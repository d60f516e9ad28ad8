from __future__ import annotations

from typing import Any

import pytest

from tests.factories.cases import World, build_world
from tests.scenarios.walk import Walk


@pytest.fixture
def w(db: Any) -> World:
    return build_world()


@pytest.fixture
def walk(w: World) -> Walk:
    return Walk(w)
