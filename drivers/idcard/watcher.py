"""Turn a stream of reader polls into card events: placed once, removed once, faults once.

Assumption about real readers: after a card has been read, find-card reports "no card" (or
select fails) while the card still lies on the reader, until it is lifted and placed again.
So after a placement, "no card" cannot tell "lifted" from "still lying there, already read".
The watcher therefore treats ``removal_polls`` consecutive misses after a placement as the
end of that placement and emits ``CardRemoved``. A card that stays put is then simply not
seen again, so it is never re-emitted; lifting it and placing it again is a new placement.
``CardRemoved`` means "this placement is over", not "the resident has taken the card":
the UI should remind them to take it rather than assume they did.

Readers that keep reporting a card that stays put (the in-memory fake can) are handled too:
the same record on every poll is the same placement and is not re-emitted.

Pure Python and single-threaded: call ``poll()`` from one worker thread at a steady pace.
"""

from __future__ import annotations

import logging
from collections import deque
from dataclasses import dataclass
from typing import TypeAlias

from drivers.idcard.interface import (
    CardPresent,
    CardRead,
    FaultKind,
    IdCardReader,
    NoCard,
    ReaderFault,
)
from drivers.idcard.record import IdCardRecord

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CardPlaced:
    """A card was placed and read."""

    record: IdCardRecord


@dataclass(frozen=True)
class CardRemoved:
    """The placement is over (see the module notes on what that means)."""


@dataclass(frozen=True)
class WatcherFault:
    """The reader reports a new kind of trouble."""

    fault: ReaderFault


@dataclass(frozen=True)
class ReaderRecovered:
    """The reader works again after a fault (a ``CardPlaced`` implies this too)."""


CardEvent: TypeAlias = CardPlaced | CardRemoved | WatcherFault | ReaderRecovered


class CardWatcher:
    """Debounces ``reader.read_card()`` results into ``CardEvent`` values.

    One poll reads the reader at most once. When a poll gives rise to two events (a card
    swapped for another between polls: removed, then placed), the second is returned by
    the next ``poll()`` without touching the reader.
    """

    def __init__(self, reader: IdCardReader, removal_polls: int = 2) -> None:
        if removal_polls < 1:
            raise ValueError("removal_polls must be at least 1")
        self._reader = reader
        self._removal_polls = removal_polls
        self._card: IdCardRecord | None = None
        self._misses = 0
        self._fault: ReaderFault | None = None
        self._pending: deque[CardEvent] = deque()

    @property
    def card(self) -> IdCardRecord | None:
        """The card of the current placement, if any."""
        return self._card

    @property
    def fault(self) -> ReaderFault | None:
        """The reader's current trouble, if any."""
        return self._fault

    def poll(self) -> CardEvent | None:
        """Read the reader once (unless an event is queued) and return what changed."""
        if not self._pending:
            self._observe(self._reader.read_card())
        return self._pending.popleft() if self._pending else None

    def _observe(self, result: CardRead) -> None:
        if isinstance(result, ReaderFault):
            self._observe_fault(result)
            return
        if self._fault is not None:
            self._fault = None
            if not (isinstance(result, CardPresent) and result.record != self._card):
                self._emit(ReaderRecovered())
        if isinstance(result, NoCard):
            self._miss()
        else:
            self._observe_card(result.record)

    def _observe_fault(self, fault: ReaderFault) -> None:
        if self._card is not None and fault.kind is FaultKind.SELECT_FAILED:
            # Some readers still find a card they have read but refuse to select it again.
            self._miss()
            return
        if fault != self._fault:
            self._fault = fault
            self._emit(WatcherFault(fault))

    def _observe_card(self, record: IdCardRecord) -> None:
        self._misses = 0
        if record == self._card:
            return
        if self._card is not None:
            self._emit(CardRemoved())
        self._card = record
        self._emit(CardPlaced(record))

    def _miss(self) -> None:
        if self._card is None:
            return
        self._misses += 1
        if self._misses >= self._removal_polls:
            self._card = None
            self._misses = 0
            self._emit(CardRemoved())

    def _emit(self, event: CardEvent) -> None:
        logger.debug("ID card watcher: %s", type(event).__name__)
        self._pending.append(event)
