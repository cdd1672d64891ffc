"""Enrolment: which terminals the platform talks to, and the key each one signs with."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from kiosk.crypto import suite_named
from kiosk.crypto.suite import decode_key, encode_key
from sync.platform.tables import TerminalRow


def enrol_terminal(
    session: Session, terminal_id: str, public_key: str, suite: str, now: datetime
) -> bool:
    """Enrol a terminal or replace its key (a replaced kiosk keeps its id); True if new.

    Raises ValueError for an unknown suite, a key that is not base64, or an id with a
    hyphen (case numbers start with the terminal id up to the first hyphen)."""
    suite_named(suite)
    key = encode_key(decode_key(public_key))
    if not terminal_id or "-" in terminal_id or len(terminal_id) > 64:
        raise ValueError(f"terminal id {terminal_id!r} must be 1-64 characters without '-'")
    row = session.get(TerminalRow, terminal_id)
    if row is None:
        session.add(
            TerminalRow(terminal_id=terminal_id, suite=suite, public_key=key, enrolled_at=now)
        )
        return True
    row.suite, row.public_key, row.enrolled_at = suite, key, now
    return False
