"""Staff badges: a QR code of a configured prefix and a staff number (工号). A code with the
prefix is a badge whatever follows it, so it never reaches a resident's progress lookup."""

from __future__ import annotations

from kiosk.staff.roster import STAFF_NUMBER


def is_badge(code: str, prefix: str) -> bool:
    """Whether a scanned code is a staff badge; never, when no prefix is configured."""
    return bool(prefix) and code.startswith(prefix)


def badge_number(code: str, prefix: str) -> str | None:
    """The staff number a badge carries, or None if it is no badge or carries none."""
    if not is_badge(code, prefix):
        return None
    number = code[len(prefix) :].strip()
    return number if STAFF_NUMBER.fullmatch(number) else None
