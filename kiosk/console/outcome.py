"""The answer every console act gives: whether it worked, and in words what happened and what
to do next. An expected failure (no card, no paper) is an outcome, never an exception."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.i18n import Message


@dataclass(frozen=True)
class ActionOutcome:
    ok: bool
    message: Message
