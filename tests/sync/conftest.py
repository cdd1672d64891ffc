"""Fixtures for the sync tests: a real PostgreSQL cluster, fresh platform databases copied
from a prepared template, and the reference platform served over HTTP on loopback for
whatever talks to the platform; or, where PostgreSQL is not the point, the platform on SQLite
and a kiosk whose agent talks to it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers.platform.agent_kiosk import AgentKiosk, agent_kiosk, platform_on_sqlite
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


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[RunningPlatform]:
    """The reference platform on SQLite in `tmp_path / "platform"`, serving on loopback."""
    with platform_on_sqlite(tmp_path / "platform") as running:
        yield running


@pytest.fixture
def kiosk(platform: RunningPlatform) -> Iterator[AgentKiosk]:
    """A kiosk whose sync agent talks to `platform`, its terminal key enrolled there."""
    with agent_kiosk(platform) as built:
        yield built
