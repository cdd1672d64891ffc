"""The line a province operator runs to enrol this terminal's signing key on the platform."""

from __future__ import annotations


def enrolment_line(terminal_id: str, public_key: str, suite: str) -> str:
    return (
        f"kiosk platform enrol --terminal {terminal_id} --public-key {public_key} --suite {suite}"
    )
