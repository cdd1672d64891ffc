"""Alembic's environment: migrations always run on a connection the kiosk hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from kiosk.storage.tables import Base

connection: Connection = context.config.attributes["connection"]
# render_as_batch lets later migrations alter SQLite tables (copy-and-move).
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
    # Foreign keys are off while tables are copied (see migrate.upgrade_to): check them here.
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        raise RuntimeError(f"migration left rows referring to nothing: {broken[:5]}")
