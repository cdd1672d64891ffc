"""The cheap schema check every command runs: one sqlite3 query, Alembic only to upgrade."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from kiosk.storage.engine import open_engine
from kiosk.storage.migrate import (
    ensure_current_schema,
    head_revision,
    schema_revision,
    stored_revision,
    upgrade_to,
    upgrade_to_head,
)


def test_the_head_read_from_the_scripts_is_alembics_head(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "k.db")
    try:
        assert head_revision() == schema_revision(engine)[1]
    finally:
        engine.dispose()


def test_a_missing_database_has_no_revision_and_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    assert stored_revision(path) is None
    assert not path.exists()


def test_the_stored_revision_is_the_one_alembic_recorded(tmp_path: Path) -> None:
    engine = open_engine(tmp_path / "k.db")
    try:
        upgrade_to(engine, "0004")
        assert stored_revision(tmp_path / "k.db") == "0004"
    finally:
        engine.dispose()


def test_a_database_behind_is_still_migrated(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    engine = open_engine(path)
    upgrade_to(engine, "0003")
    engine.dispose()
    ensure_current_schema(path)
    assert stored_revision(path) == head_revision()


def test_a_fresh_database_gets_the_whole_schema(tmp_path: Path) -> None:
    ensure_current_schema(tmp_path / "k.db")
    assert stored_revision(tmp_path / "k.db") == head_revision()


def test_a_current_database_is_checked_without_importing_alembic(tmp_path: Path) -> None:
    path = tmp_path / "k.db"
    engine = open_engine(path)
    upgrade_to_head(engine)
    engine.dispose()
    probe = (
        "import sys; from pathlib import Path; "
        "from kiosk.storage.migrate import open_database; "
        f"open_database(Path({str(path)!r})).dispose(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"
