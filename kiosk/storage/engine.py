"""The SQLite engine, set up for a kiosk that may lose power at any moment.

WAL with synchronous=FULL syncs every commit; busy_timeout and BEGIN IMMEDIATE let the UI,
the sync agent and `kiosk submit` share one file without "database is locked" errors
(a deferred BEGIN that later writes cannot wait for the lock, an immediate one can).
secure_delete zeroes whatever a write removes, so data the kiosk purges is erased from the
file, not merely unlinked.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection

BUSY_TIMEOUT_MS = 10_000
# Execution option for read-only work that need not take the write lock.
READ_ONLY = {"kiosk_begin": "DEFERRED"}


def open_engine(path: Path) -> Engine:
    """An engine whose every connection carries the kiosk's pragmas."""
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(f"sqlite+pysqlite:///{path}", pool_pre_ping=False)
    event.listen(engine, "connect", _configure_connection)
    event.listen(engine, "begin", _begin)
    return engine


def _configure_connection(dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control away from the sqlite3 module so "begin" below decides.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA secure_delete = ON")
    finally:
        cursor.close()


def _begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get("kiosk_begin", "IMMEDIATE")
    connection.exec_driver_sql(f"BEGIN {mode}")


def flush_wal(engine: Engine) -> None:
    """Copy the write-ahead log into the database file and empty it: old WAL frames still
    hold what the newest pages no longer do. Waits (busy timeout) for readers to move on."""
    _run_outside_transaction(engine, "PRAGMA wal_checkpoint(TRUNCATE)")


def rewrite_file(engine: Engine) -> None:
    """Rebuild the file without free pages, then empty the WAL: pages freed before
    secure_delete was on may still hold what they once stored."""
    _run_outside_transaction(engine, "VACUUM")
    flush_wal(engine)


def _run_outside_transaction(engine: Engine, statement: str) -> None:
    # The DB-API connection runs in autocommit (see above), so no BEGIN wraps the statement.
    connection = engine.raw_connection()
    try:
        cursor = connection.cursor()
        try:
            cursor.execute(statement)
            cursor.fetchall()
        finally:
            cursor.close()
    finally:
        connection.close()
