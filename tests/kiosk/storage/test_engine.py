from __future__ import annotations

from pathlib import Path

from sqlalchemy import inspect
from sqlalchemy.engine import Inspector

from kiosk.storage.engine import open_engine
from kiosk.storage.migrate import schema_revision, upgrade_to_head
from kiosk.storage.sqlite import BUSY_TIMEOUT_MS
from kiosk.storage.tables import Base


def test_every_connection_uses_wal_full_sync_and_a_busy_timeout(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "k.db")
    with engine.connect() as connection:
        pragma = connection.exec_driver_sql
        assert pragma("PRAGMA journal_mode").scalar() == "wal"
        assert pragma("PRAGMA synchronous").scalar() == 2  # FULL
        assert pragma("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS


def test_every_connection_zeroes_what_it_deletes(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "k.db")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA secure_delete").scalar() == 1


def test_migrations_create_exactly_the_declared_schema(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "k.db")
    upgrade_to_head(engine)
    inspector = inspect(engine)
    for table in Base.metadata.sorted_tables:
        migrated = {
            column["name"]: column["nullable"] for column in inspector.get_columns(table.name)
        }
        declared = {column.name: column.nullable for column in table.columns}
        assert migrated == declared, table.name
        assert indexed_columns(inspector, table.name) == {
            (column.name, bool(column.unique)) for column in table.columns if column.index
        } | {(column.name, True) for column in table.columns if column.unique}, table.name
    current, head = schema_revision(engine)
    assert current == head


def test_upgrading_twice_changes_nothing(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "k.db")
    upgrade_to_head(engine)
    upgrade_to_head(engine)
    assert schema_revision(engine)[0] == schema_revision(engine)[1]


def indexed_columns(inspector: Inspector, table: str) -> set[tuple[str, bool]]:
    """(column, unique) for every single-column index or unique constraint of a table."""
    found = {
        (index["column_names"][0], bool(index["unique"]))
        for index in inspector.get_indexes(table)
        if len(index["column_names"]) == 1
    }
    found |= {
        (constraint["column_names"][0], True)
        for constraint in inspector.get_unique_constraints(table)
        if len(constraint["column_names"]) == 1
    }
    return {(name, unique) for name, unique in found if name is not None}
