"""A kiosk database as a test inspects it: its submission rows, and its bytes on disk."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from kiosk.storage.tables import SubmissionRow


def rows(engine: Engine) -> list[SubmissionRow]:
    """Every stored submission, in the order it was added."""
    with Session(engine) as session:
        return list(session.scalars(select(SubmissionRow).order_by(SubmissionRow.id)))


def raw_bytes(path: Path) -> bytes:
    """The database file and its write-ahead log, as a disk image would show them."""
    wal = path.with_name(path.name + "-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
