"""The SQLAlchemy engine, set up for a kiosk that may lose power at any moment.

Every connection carries the pragmas of kiosk.storage.sqlite (WAL, synchronous=FULL,
busy_timeout, secure_delete), and every ORM transaction begins IMMEDIATE unless it asks for
READ_ONLY, for the reasons given there. The engine is also a kiosk.storage.sqlite.Database:
plain-SQL code runs on its pooled connections unchanged.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import Connection

from kiosk.storage.sqlite import configure_connection

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
    configure_connection(dbapi_connection)


def _begin(connection: Connection) -> None:
    mode = connection.get_execution_options().get("kiosk_begin", "IMMEDIATE")
    connection.exec_driver_sql(f"BEGIN {mode}")
