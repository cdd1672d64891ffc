"""Fixtures for testing the platform's parts directly, on a real PostgreSQL database."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine

from sync.platform.db import open_platform_engine, session_factory
from sync.platform.ingest import Ingestor
from tests.helpers.platform.reference import SHARED_CATALOGS, TEST_PLATFORM_KEYS


@pytest.fixture
def engine(platform_url: str) -> Iterator[Engine]:
    """A fresh platform database with the shipped catalog published."""
    opened = open_platform_engine(platform_url)
    yield opened
    opened.dispose()


@pytest.fixture
def ingestor(engine: Engine) -> Ingestor:
    return Ingestor(
        session_factory(engine),
        TEST_PLATFORM_KEYS,
        SHARED_CATALOGS,
        ZoneInfo("Asia/Shanghai"),
        lambda: datetime.now(UTC),
    )
