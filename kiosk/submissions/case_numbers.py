"""Case numbers (办件编号) unique across kiosks and restarts, issued without any network.

Shape: <terminal id>-<local date YYYYMMDD>-<6-digit sequence>, e.g. T3F9A0C21-20261123-000042.
The terminal id makes numbers unique between kiosks; the sequence lives in the database and is
advanced in the same transaction that stores the submission, so it survives restarts and two
processes writing at once.
"""

from __future__ import annotations

import secrets
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.storage.tables import CaseSequence, MetaValue

_TERMINAL_ID_KEY = "terminal_id"


def format_case_number(terminal_id: str, day: date, sequence: int) -> str:
    return f"{terminal_id}-{day:%Y%m%d}-{sequence:06d}"


def terminal_of(case_number: str) -> str:
    """The terminal that issued a case number (terminal ids contain no hyphen)."""
    return case_number.split("-", 1)[0]


def allocate_sequence(session: Session, terminal_id: str, day: date) -> int:
    """The next sequence number for this terminal and day; call inside the storing transaction."""
    key = f"{day:%Y%m%d}"
    row = session.get(CaseSequence, (terminal_id, key))
    if row is None:
        row = CaseSequence(terminal_id=terminal_id, day=key, last_value=0)
        session.add(row)
    row.last_value += 1
    return row.last_value


def terminal_id_for(session: Session, configured: str | None) -> str:
    """The configured terminal id, or one generated once and kept in this data dir."""
    if configured:
        return configured
    stored = session.scalar(select(MetaValue.value).where(MetaValue.key == _TERMINAL_ID_KEY))
    if stored:
        return stored
    generated = "T" + secrets.token_hex(4).upper()
    session.add(MetaValue(key=_TERMINAL_ID_KEY, value=generated))
    return generated
