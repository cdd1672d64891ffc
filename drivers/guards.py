"""Guards that keep a failing device from crashing or freezing the kiosk.

A guarded device reports its state to the health board (drivers.health). One that fails is
retried with exponential backoff rather than on every poll: an unplugged reader is not
hammered, and a replugged one is picked up within the backoff.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

from drivers.health import HealthBoard
from drivers.idcard.interface import CardRead, FaultKind, IdCardReader, ReaderFault
from drivers.qr.interface import QrScanner, ScannerFault, ScannerFaultKind, ScanRead

log = logging.getLogger(__name__)


class Backoff:
    """Waits that double after each failure, from `initial` up to `maximum` seconds."""

    def __init__(
        self,
        initial: float = 0.5,
        maximum: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._initial, self._maximum, self._clock = initial, maximum, clock
        self._delay = 0.0
        self._not_before = 0.0

    def ready(self) -> bool:
        return self._clock() >= self._not_before

    def failed(self) -> None:
        self._delay = min(self._maximum, self._delay * 2 or self._initial)
        self._not_before = self._clock() + self._delay

    def succeeded(self) -> None:
        self._delay = 0.0
        self._not_before = 0.0


class GuardedReader:
    """An IdCardReader that reports health, backs off after failures and never raises."""

    def __init__(
        self, reader: IdCardReader, board: HealthBoard, backoff: Backoff | None = None
    ) -> None:
        self._reader, self._board = reader, board
        self._backoff = backoff or Backoff()
        self._last_fault: ReaderFault | None = None

    def read_card(self) -> CardRead:
        if self._last_fault is not None and not self._backoff.ready():
            return self._last_fault
        try:
            result = self._reader.read_card()
        except Exception:  # a driver bug must not take the kiosk down
            log.exception("id card reader raised")
            result = ReaderFault.of(FaultKind.READ_FAILED, "driver error")
        if isinstance(result, ReaderFault) and result.kind in _DEVICE_FAULTS:
            self._last_fault = result
            self._backoff.failed()
            self._board.report("id_reader", False, result.message)
        else:
            self._last_fault = None
            self._backoff.succeeded()
            self._board.report("id_reader", True)
        return result

    def close(self) -> None:
        self._reader.close()


# Faults of the reader itself, as opposed to a card badly placed or unreadable.
_DEVICE_FAULTS = frozenset({FaultKind.PORT_UNAVAILABLE, FaultKind.NO_RESPONSE, FaultKind.SAM_FAULT})


class GuardedScanner:
    """A QrScanner that reports health, backs off after port failures and never raises."""

    def __init__(
        self, scanner: QrScanner, board: HealthBoard, backoff: Backoff | None = None
    ) -> None:
        self._scanner, self._board = scanner, board
        self._backoff = backoff or Backoff()
        self._last_fault: ScannerFault | None = None

    @property
    def guarded(self) -> QrScanner:
        """The scanner itself, for what a guard does not pass on (a camera's picture)."""
        return self._scanner

    def read(self, timeout: float) -> ScanRead:
        if self._last_fault is not None and not self._backoff.ready():
            time.sleep(timeout)  # the caller polls in a loop on its own thread
            return self._last_fault
        try:
            result = self._scanner.read(timeout)
        except Exception:  # a driver bug must not take the kiosk down
            log.exception("qr scanner raised")
            result = ScannerFault.of(ScannerFaultKind.PORT_UNAVAILABLE, "driver error")
        if isinstance(result, ScannerFault) and result.kind is ScannerFaultKind.PORT_UNAVAILABLE:
            self._last_fault = result
            self._backoff.failed()
            self._board.report("qr_scanner", False, result.message)
        else:
            self._last_fault = None
            self._backoff.succeeded()
            self._board.report("qr_scanner", True)
        return result

    def flush(self) -> None:
        try:
            self._scanner.flush()
        except Exception:
            log.exception("qr scanner flush raised")

    def close(self) -> None:
        self._scanner.close()
