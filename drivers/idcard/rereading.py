"""Read a card once more when its content fails the read-time check, then call it a bad read.

The frame's check byte misses many corruptions, so a record that is not what its card type
carries is most likely a damaged read, not a damaged card: one more read usually gives the
true content. Every reader (serial SAM protocol, vendor SDK) follows this one policy; each
says which of its faults belong to the port or the line and are reported as they are.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Collection
from dataclasses import dataclass

from drivers.idcard.interface import CardPresent, CardRead, FaultKind, ReaderFault

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BadRead:
    """Why a read's content is not what a card carries (no personal data: it is logged)."""

    reason: str

    def __str__(self) -> str:
        return self.reason


def read_checked(
    read: Callable[[], CardRead | BadRead],
    reader: str,
    passed_through: Collection[FaultKind],
) -> CardRead:
    """`read`, and once more if its content failed the check; failing twice is BAD_READ.

    A second answer that is a fault of `passed_through` (the port, the line) is reported as
    it is; any other fault of a second read of one card counts as a bad read too.
    """
    first = read()
    if not isinstance(first, BadRead):
        return first
    logger.info("ID card reader %s: bad read (%s), reading again", reader, first)
    second = read()
    if isinstance(second, CardPresent):
        return second
    if isinstance(second, ReaderFault) and second.kind in passed_through:
        return second
    why = second.detail if isinstance(second, ReaderFault) else str(second)
    return ReaderFault.of(FaultKind.BAD_READ, f"read twice: {first}; {why}")
