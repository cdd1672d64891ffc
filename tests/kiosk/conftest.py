"""Fixtures shared by the kiosk's domain tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from kiosk.storage.engine import open_engine
from kiosk.storage.migrate import upgrade_to_head


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    """A kiosk database at the schema's head, in `tmp_path / "kiosk.db"`."""
    engine = open_engine(tmp_path / "kiosk.db")
    upgrade_to_head(engine)
    yield engine
    engine.dispose()
