"""Brings a database to the newest schema; the only way the schema is created or changed.

Most processes find the schema already current, so the check is cheap: the database's stored
revision is read with the standard sqlite3 module and compared with the newest revision named
in the migration scripts. Alembic, hundreds of modules, is imported only to actually upgrade.
"""

from __future__ import annotations

import logging
import re
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Connection, Engine

_SCRIPTS = Path(__file__).with_name("migrations")
# `revision = "0005"` and `down_revision = "0004"` (or None) at the top of every script.
_REVISION_LINE = re.compile(
    r'^(revision|down_revision)\s*(?::[^=\n]*)?=\s*(?:"([^"]+)"|None)', re.MULTILINE
)
log = logging.getLogger(__name__)


def head_revision() -> str:
    """The newest shipped revision: the one no script names as its predecessor."""
    revisions: set[str] = set()
    predecessors: set[str] = set()
    for script in (_SCRIPTS / "versions").glob("*.py"):
        for name, value in _REVISION_LINE.findall(script.read_text(encoding="utf-8")):
            if value:
                (revisions if name == "revision" else predecessors).add(value)
    heads = revisions - predecessors
    if len(heads) != 1:
        raise RuntimeError(f"the migration scripts must have exactly one head, found {heads}")
    return heads.pop()


def stored_revision(path: Path) -> str | None:
    """The revision recorded in the database file, or None for a file with no schema yet."""
    if not path.exists():
        return None
    with closing(sqlite3.connect(path, timeout=10)) as connection:
        try:
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        except sqlite3.OperationalError:  # no alembic_version table: nothing migrated yet
            return None
    return rows[0][0] if len(rows) == 1 else None


def ensure_current_schema(path: Path) -> None:
    """Run any pending migration on the database at `path`; one query when there is none."""
    if stored_revision(path) == head_revision():
        return
    from kiosk.storage.engine import open_engine

    engine = open_engine(path)
    try:
        upgrade_to_head(engine)
    finally:
        engine.dispose()


def open_database(path: Path) -> Engine:
    """Open the kiosk's database and run any pending migration: the schema is always current."""
    from kiosk.storage.engine import open_engine

    ensure_current_schema(path)
    return open_engine(path)


def upgrade_to_head(engine: Engine) -> None:
    """Run every migration the database has not seen yet."""
    before, head = schema_revision(engine)
    if before == head:
        return
    upgrade_to(engine, "head")
    log.info("database schema upgraded", extra={"from_revision": before, "to_revision": head})


def upgrade_to(engine: Engine, revision: str) -> None:
    """Run the migrations up to `revision` only: how tests build a database as an older
    kiosk left it."""
    from alembic import command

    config = _alembic_config()
    with engine.connect() as connection:
        # A batch migration copies a table and drops the old one; with foreign keys enforced,
        # the drop fails once other rows refer to it (submission_events → submissions).
        # SQLite only honours this outside a transaction, hence before the first statement;
        # env.py checks every reference still holds before the migration commits.
        _set_foreign_keys(connection, on=False)
        try:
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
            connection.commit()
        finally:
            _set_foreign_keys(connection, on=True)


def schema_revision(engine: Engine) -> tuple[str | None, str | None]:
    """(the database's revision, the newest revision shipped), both as Alembic sees them."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    return current, head


def _alembic_config() -> Config:
    from alembic.config import Config

    # Alembic announces its SQLite dialect on every start; only real upgrades are worth a line.
    logging.getLogger("alembic.runtime.migration").setLevel(logging.WARNING)
    config = Config()
    config.set_main_option("script_location", str(_SCRIPTS))
    return config


def _set_foreign_keys(connection: Connection, *, on: bool) -> None:
    cursor = connection.connection.cursor()
    try:
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")
    finally:
        cursor.close()
