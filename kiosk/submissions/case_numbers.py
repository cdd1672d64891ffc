"""Case numbers (办件编号) unique across kiosks and restarts, issued without any network.

Shape: <terminal id>-<local date YYYYMMDD>-<6-digit sequence>, e.g. T3F9A0C21-20261123-000042.
The terminal id makes numbers unique between kiosks; the sequence lives in the database and is
advanced in the same transaction that stores the submission, so it survives restarts and two
processes writing at once.
"""

from __future__ import annotations

import secrets
from datetime import date

from kiosk.storage.sqlite import Cursor

_TERMINAL_ID_KEY = "terminal_id"


def format_case_number(terminal_id: str, day: date, sequence: int) -> str:
    return f"{terminal_id}-{day:%Y%m%d}-{sequence:06d}"


def terminal_of(case_number: str) -> str:
    """The terminal that issued a case number (terminal ids contain no hyphen)."""
    return case_number.split("-", 1)[0]


def allocate_sequence(cursor: Cursor, terminal_id: str, day: date) -> int:
    """The next sequence number for this terminal and day; call inside the storing transaction."""
    key = f"{day:%Y%m%d}"
    row = cursor.execute(
        "SELECT last_value FROM case_sequence WHERE terminal_id = ? AND day = ?", (terminal_id, key)
    ).fetchone()
    if row is None:
        cursor.execute(
            "INSERT INTO case_sequence (terminal_id, day, last_value) VALUES (?, ?, 1)",
            (terminal_id, key),
        )
        return 1
    sequence = int(row[0]) + 1
    cursor.execute(
        "UPDATE case_sequence SET last_value = ? WHERE terminal_id = ? AND day = ?",
        (sequence, terminal_id, key),
    )
    return sequence


def terminal_id_for(cursor: Cursor, configured: str | None) -> str:
    """The configured terminal id, or one generated once and kept in this data dir."""
    if configured:
        return configured
    stored = meta_value(cursor, _TERMINAL_ID_KEY)
    if stored:
        return stored
    generated = "T" + secrets.token_hex(4).upper()
    cursor.execute(
        "INSERT INTO kiosk_meta (key, value) VALUES (?, ?)", (_TERMINAL_ID_KEY, generated)
    )
    return generated


def meta_value(cursor: Cursor, key: str) -> str | None:
    """A small fact kept in kiosk_meta, or None."""
    row = cursor.execute("SELECT value FROM kiosk_meta WHERE key = ?", (key,)).fetchone()
    return None if row is None else str(row[0])
