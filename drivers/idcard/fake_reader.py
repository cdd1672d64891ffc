"""An in-memory ID card reader for UI work and tests that need no pty or thread.

It behaves like the serial reader as the kiosk sees it: after a card has been read it
reports no card until the card is placed again (``quiet_after_read``), as real readers do.
For byte-level behaviour use ``SamSimulator`` with the real ``SamSerialReader`` instead.
"""

from __future__ import annotations

import threading

from drivers.idcard.interface import CardPresent, CardRead, NoCard, ReaderFault
from drivers.idcard.record import IdCardRecord


class FakeIdCardReader:
    """Implements ``IdCardReader``; tests and demo controls move cards and faults around."""

    def __init__(self, *, quiet_after_read: bool = True) -> None:
        self._lock = threading.Lock()  # the UI thread moves cards while a worker polls
        self._quiet_after_read = quiet_after_read
        self._card: IdCardRecord | None = None
        self._already_read = False
        self._fault: ReaderFault | None = None
        self.reads = 0
        self.closed = False

    def place_card(self, record: IdCardRecord) -> None:
        with self._lock:
            self._card = record
            self._already_read = False

    def remove_card(self) -> None:
        with self._lock:
            self._card = None

    def set_fault(self, fault: ReaderFault | None) -> None:
        with self._lock:
            self._fault = fault

    def read_card(self) -> CardRead:
        with self._lock:
            self.reads += 1
            self.closed = False
            if self._fault is not None:
                return self._fault
            if self._card is None or (self._quiet_after_read and self._already_read):
                return NoCard()
            self._already_read = True
            return CardPresent(self._card)

    def close(self) -> None:
        with self._lock:
            self.closed = True
