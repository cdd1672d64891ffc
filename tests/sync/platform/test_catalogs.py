"""Publishing catalogs: validated first, signed, fixed per version, newest served."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, event
from sqlalchemy.orm import Session

from kiosk.catalog import CatalogError
from kiosk.catalog.signed import verify_catalog
from sync.platform.catalogs import CatalogCache, CatalogConflict, current_catalog, publish_catalog
from tests.helpers.data import every_field_matter_data, write_catalog
from tests.helpers.platform.reference import TEST_PLATFORM_KEYS, prepared_engine
from tests.helpers.platform_keys import TEST_PLATFORM

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)


@pytest.fixture
def bare(postgres_url: str) -> Engine:
    return prepared_engine(postgres_url, publish=False)


def publish(engine: Engine, directory: Path, at: datetime = NOW) -> bool:
    with Session(engine) as session, session.begin():
        return publish_catalog(session, TEST_PLATFORM_KEYS, directory, at)[1]


def test_a_published_catalog_is_served_signed_and_the_newest_wins(
    bare: Engine, tmp_path: Path
) -> None:
    publish(bare, write_catalog(tmp_path / "a", "2027.1.1", [every_field_matter_data()]))
    later = NOW + timedelta(days=1)
    publish(bare, write_catalog(tmp_path / "b", "2027.2.1", [every_field_matter_data()]), later)
    with Session(bare) as session:
        current = current_catalog(session)
    assert current is not None and current.version == "2027.2.1"
    verify_catalog(TEST_PLATFORM.suite, TEST_PLATFORM.catalog_signing.public, current)


def test_publishing_the_same_version_again_changes_nothing(bare: Engine, tmp_path: Path) -> None:
    directory = write_catalog(tmp_path / "a", "2027.1.1", [every_field_matter_data()])
    assert publish(bare, directory) is True
    assert publish(bare, directory) is False


def test_a_version_cannot_be_published_again_with_other_files(bare: Engine, tmp_path: Path) -> None:
    publish(bare, write_catalog(tmp_path / "a", "2027.1.1", [every_field_matter_data()]))
    changed = write_catalog(
        tmp_path / "b", "2027.1.1", [every_field_matter_data(department="另一个局")]
    )
    with pytest.raises(CatalogConflict):
        publish(bare, changed)


def test_an_invalid_catalog_is_not_published(bare: Engine, tmp_path: Path) -> None:
    with pytest.raises(CatalogError):
        publish(bare, write_catalog(tmp_path / "a", "2027.1.1", [{"code": "BROKEN"}]))
    with Session(bare) as session:
        assert current_catalog(session) is None


def test_the_cache_loads_a_published_version_once_and_knows_no_other(
    bare: Engine, tmp_path: Path
) -> None:
    publish(bare, write_catalog(tmp_path / "a", "2027.1.1", [every_field_matter_data()]))
    cache = CatalogCache()
    with Session(bare) as session:
        first = cache.get(session, "2027.1.1")
        assert first is not None and first.matter("TEST-EVERY-0001") is not None
        assert cache.get(session, "2027.1.1") is first
        assert cache.get(session, "1999.1.1") is None


def test_a_cached_version_is_served_without_reading_its_files_again(
    bare: Engine, tmp_path: Path
) -> None:
    publish(bare, write_catalog(tmp_path / "a", "2027.1.1", [every_field_matter_data()]))
    cache = CatalogCache()
    with Session(bare) as session:
        first = cache.get(session, "2027.1.1")
    statements: list[str] = []

    def record(_connection: object, _cursor: object, statement: str, *_: object) -> None:
        statements.append(statement)

    event.listen(bare, "before_cursor_execute", record)
    try:
        with Session(bare) as session:
            assert cache.get(session, "2027.1.1") is first
    finally:
        event.remove(bare, "before_cursor_execute", record)
    reads = [s for s in statements if "catalogs" in s]
    assert len(reads) == 1 and "files" not in reads[0]
