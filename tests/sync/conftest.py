"""Fixtures for the sync tests: a real PostgreSQL cluster, fresh platform databases copied
from a prepared template, and the reference platform served over HTTP on loopback for
whatever talks to the platform."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.helpers.platform.reference import (
    RunningPlatform,
    prepare_platform_database,
    running_platform,
)
from tests.helpers.postgres import PostgresCluster, postgres, postgres_url

__all__ = ["platform_url", "postgres", "postgres_url", "reference_platform"]


@pytest.fixture
def platform_url(postgres: PostgresCluster) -> Iterator[str]:
    """A fresh database with the platform's schema and the shipped catalog published."""
    template = postgres.template("platform_template", prepare_platform_database)
    url = postgres.new_database(template=template)
    yield url
    postgres.drop_database(url)


@pytest.fixture
def reference_platform(platform_url: str) -> Iterator[RunningPlatform]:
    """The platform keyed as test kiosks expect, serving on loopback; enrol terminals with
    `.enrol(...)`."""
    with running_platform(platform_url, prepare=False) as platform:
        yield platform
