"""Fixtures of the key-project tests: the pool of evaluators, a project of unit A under way."""

from __future__ import annotations

import pytest

from apps.evaluations.models import KeyProject
from tests.web.conftest import World
from tests.web.evaluations.factory import Pool, make_pool, published_project


@pytest.fixture
def pool(world: World) -> Pool:
    return make_pool(world)


@pytest.fixture
def project(world: World, pool: Pool) -> KeyProject:
    return published_project(world)
