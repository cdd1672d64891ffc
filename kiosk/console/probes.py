"""The devices as a console test sees them: one read within a time limit, its result a value.

Ports only: kiosk/wiring adapts the real (guarded) drivers to them, so the console's services
never touch a driver. A card read hands over the masked name and number alone; the record
itself is forgotten by the adapter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, TypeAlias

from kiosk.i18n import Message


@dataclass(frozen=True)
class CardSeen:
    """A card was read; only its holder's masked name and number are kept."""

    name_masked: str
    number_masked: str


@dataclass(frozen=True)
class CodeSeen:
    """One code was scanned; `text` is what it carries."""

    text: str


@dataclass(frozen=True)
class NothingSeen:
    """The device works and saw nothing within the time allowed."""


@dataclass(frozen=True)
class DeviceFailed:
    """The device failed; `problem` says what to check."""

    problem: Message


CardProbeResult: TypeAlias = CardSeen | NothingSeen | DeviceFailed
CodeProbeResult: TypeAlias = CodeSeen | NothingSeen | DeviceFailed


class CardProbe(Protocol):
    def read_one(self, timeout_s: float) -> CardProbeResult:
        """Wait up to `timeout_s` for a card on the reader; never raises for device trouble."""
        ...


class CodeProbe(Protocol):
    def read_one(self, timeout_s: float) -> CodeProbeResult:
        """Wait up to `timeout_s` for one scanned code; never raises for device trouble."""
        ...
