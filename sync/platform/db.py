"""The platform's database: an engine from a URL, the schema, and the lock that keeps the
status cursor honest.

PostgreSQL is the store (`postgresql+psycopg://...`); `sqlite:///path` serves quick local runs
and gets WAL, a busy timeout and BEGIN IMMEDIATE so concurrent requests queue instead of
failing with "database is locked".
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect, text, update
from sqlalchemy.engine import Connection, make_url
from sqlalchemy.orm import Session, sessionmaker

from sync.platform.tables import IdempotencyConflictRow, PlatformBase, RatingRow

SQLITE_BUSY_TIMEOUT_MS = 10_000
# Any constant will do: every transaction that writes case events takes this one lock.
_EVENT_LOCK_KEY = 0x6B696F736B


class BadDatabaseUrl(ValueError):
    """The URL names no database the platform can use."""


def open_platform_engine(url: str) -> Engine:
    """An engine for `url`; a bare postgresql:// URL gets the psycopg driver we ship."""
    try:
        parsed = make_url(url)
    except Exception as exc:  # sqlalchemy raises ArgumentError, ValueError...
        raise BadDatabaseUrl(f"not a database URL: {url!r}") from exc
    if parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "postgresql":
        return create_engine(parsed, pool_pre_ping=True, pool_size=10, max_overflow=20)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed)
        event.listen(engine, "connect", _configure_sqlite)
        event.listen(engine, "begin", _begin_immediate)
        return engine
    raise BadDatabaseUrl(f"use postgresql+psycopg://... or sqlite:///path, not {url!r}")


def create_schema(engine: Engine) -> None:
    """The platform's tables, created where missing; a database from before ratings had their
    one name keeps its rows (the platform has no migrations: create_all never alters)."""
    with engine.begin() as connection:
        _carry_renamed_ratings(connection)
        PlatformBase.metadata.create_all(connection)


# The ratings table, and the kind of their idempotency conflicts, as platforms before the one
# name for 好差评 (rating) created them.
_RATINGS_BEFORE = "evaluations"
_RATING_CONFLICTS_BEFORE = "evaluation"


def _carry_renamed_ratings(connection: Connection) -> None:
    """Rename the old ratings table, rows and indexes alike, and the kind its idempotency
    conflicts were filed under; nothing to do on a new or already renamed database."""
    tables = set(inspect(connection).get_table_names())
    if _RATINGS_BEFORE not in tables or RatingRow.__tablename__ in tables:
        return
    connection.execute(text(f"ALTER TABLE {_RATINGS_BEFORE} RENAME TO {RatingRow.__tablename__}"))
    if IdempotencyConflictRow.__tablename__ in tables:
        connection.execute(
            update(IdempotencyConflictRow)
            .where(IdempotencyConflictRow.kind == _RATING_CONFLICTS_BEFORE)
            .values(kind="rating")
        )


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False)


def lock_event_sequence(session: Session) -> None:
    """Serialise writers of case events until commit.

    PostgreSQL hands out sequence numbers at insert, not at commit: without this, a kiosk
    could read event 11 while event 10 is still uncommitted, move its cursor past 10 and
    never see it. SQLite already has one writer at a time.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _EVENT_LOCK_KEY})


def _configure_sqlite(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # let _begin_immediate open transactions
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
    finally:
        cursor.close()


def _begin_immediate(connection: Connection) -> None:
    # A deferred transaction that reads and then writes cannot wait for the lock; this can.
    connection.exec_driver_sql("BEGIN IMMEDIATE")
