"""The kiosk's SQLite connections with the standard library alone, and the transactions every
plain-SQL writer runs in.

A `Database` is anything that hands out DB-API connections carrying the kiosk's pragmas: the
SQLAlchemy engine the touchscreen and the sync agent share (kiosk.storage.engine), or a
`SqliteDatabase` for a one-shot command such as `kiosk submit`, which then never imports the
ORM. Both give the same connections, so code written against `Database` behaves the same on
either.

WAL with synchronous=FULL syncs every commit; busy_timeout and BEGIN IMMEDIATE let the UI,
the sync agent and `kiosk submit` share one file without "database is locked" errors
(a deferred BEGIN that later writes cannot wait for the lock, an immediate one can).
secure_delete zeroes whatever a write removes, so data the kiosk purges is erased from the
file, not merely unlinked.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

BUSY_TIMEOUT_MS = 10_000
_PRAGMAS = (
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA secure_delete = ON",
)


class Cursor(Protocol):
    """The part of a DB-API cursor the plain-SQL code uses."""

    @property
    def lastrowid(self) -> int | None: ...

    def execute(self, statement: str, parameters: Sequence[Any] = ..., /) -> Any: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> Sequence[Any]: ...

    def close(self) -> None: ...


class Connection(Protocol):
    def cursor(self) -> Any: ...

    def close(self) -> None: ...


class Database(Protocol):
    """Hands out connections that run in autocommit with the kiosk's pragmas set, so that
    `transaction` alone decides where a transaction begins and ends."""

    def raw_connection(self) -> Connection: ...


def configure_connection(connection: sqlite3.Connection) -> None:
    """Set the kiosk's pragmas, and take transaction control away from the sqlite3 module."""
    connection.isolation_level = None
    cursor = connection.cursor()
    try:
        for pragma in _PRAGMAS:
            cursor.execute(pragma)
    finally:
        cursor.close()


class SqliteDatabase:
    """The kiosk's database file through one standard sqlite3 connection, opened on first use
    and kept until `close`: the transactions of a short-lived command share it. Closing the
    last connection to a WAL database checkpoints it, so closing once, not after every
    transaction, spares each commit a second round of syncs. For one thread."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._connection: sqlite3.Connection | None = None

    def raw_connection(self) -> Connection:
        if self._connection is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_MS / 1000)
            try:
                configure_connection(connection)
            except BaseException:
                connection.close()
                raise
            self._connection = connection
        return _Lent(self._connection)

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


class _Lent:
    """The kept connection, lent for one transaction: closing it gives it back."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self._connection = connection

    def cursor(self) -> sqlite3.Cursor:
        return self._connection.cursor()

    def close(self) -> None:
        """SqliteDatabase.close closes the connection itself."""


@contextmanager
def transaction(database: Database, *, write: bool = True) -> Iterator[Cursor]:
    """One transaction, committed when the block ends and rolled back when it raises.

    A writer begins IMMEDIATE, taking the write lock (or waiting for it) before it reads what
    it will change; a reader begins DEFERRED and never blocks a writer.
    """
    connection = database.raw_connection()
    try:
        cursor: Cursor = connection.cursor()
        try:
            cursor.execute("BEGIN IMMEDIATE" if write else "BEGIN DEFERRED")
            try:
                yield cursor
            except BaseException:
                with suppress(sqlite3.Error):  # SQLite may have rolled back already
                    cursor.execute("ROLLBACK")
                raise
            cursor.execute("COMMIT")
        finally:
            cursor.close()
    finally:
        connection.close()


def flush_wal(database: Database) -> None:
    """Copy the write-ahead log into the database file and empty it: old WAL frames still
    hold what the newest pages no longer do. Waits (busy timeout) for readers to move on."""
    _run_outside_transaction(database, "PRAGMA wal_checkpoint(TRUNCATE)")


def rewrite_file(database: Database) -> None:
    """Rebuild the file without free pages, then empty the WAL: pages freed before
    secure_delete was on may still hold what they once stored."""
    _run_outside_transaction(database, "VACUUM")
    flush_wal(database)


def _run_outside_transaction(database: Database, statement: str) -> None:
    # The connection runs in autocommit (configure_connection), so no BEGIN wraps it.
    connection = database.raw_connection()
    try:
        cursor = connection.cursor()
        try:
            cursor.execute(statement)
            cursor.fetchall()
        finally:
            cursor.close()
    finally:
        connection.close()


def to_column(moment: datetime) -> str:
    """A naive UTC datetime as the tables store it: the text SQLAlchemy's SQLite DateTime
    writes, so rows written either way read back alike."""
    return moment.isoformat(sep=" ", timespec="microseconds")


def from_column(value: str | None) -> datetime | None:
    """The naive datetime stored by `to_column` or by SQLAlchemy, or None."""
    return None if value is None else datetime.fromisoformat(value)
