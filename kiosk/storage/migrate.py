"""Brings a database to the newest schema; the only way the schema is created or changed."""

from __future__ import annotations

import logging
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from kiosk.storage.engine import open_engine

_SCRIPTS = Path(__file__).with_name("migrations")
log = logging.getLogger(__name__)
# Alembic announces its SQLite dialect on every start; only real upgrades are worth a line.
logging.getLogger("alembic.runtime.migration").setLevel(logging.WARNING)


def _alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(_SCRIPTS))
    return config


def open_database(path: Path) -> Engine:
    """Open the kiosk's database and run any pending migration: the schema is always current."""
    engine = open_engine(path)
    upgrade_to_head(engine)
    return engine


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


def _set_foreign_keys(connection: Connection, *, on: bool) -> None:
    cursor = connection.connection.cursor()
    try:
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if on else 'OFF'}")
    finally:
        cursor.close()


def schema_revision(engine: Engine) -> tuple[str | None, str | None]:
    """(the database's revision, the newest revision shipped) for `kiosk doctor`."""
    head = ScriptDirectory.from_config(_alembic_config()).get_current_head()
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    return current, head
