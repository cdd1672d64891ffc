"""Device health: each device's last known state, and guards that keep a failing device from
crashing or freezing the kiosk.

The kiosk process writes the board to a small JSON file whenever a state changes, so
`kiosk doctor` and the staff console (other processes) see what the touchscreen sees. A
guarded device that fails is retried with exponential backoff rather than on every poll:
an unplugged reader is not hammered, and a replugged one is picked up within the backoff.
"""

from __future__ import annotations

import json
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

from drivers.idcard.interface import CardRead, FaultKind, IdCardReader, ReaderFault
from drivers.qr.interface import QrScanner, ScannerFault, ScannerFaultKind, ScanRead

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DeviceState:
    ok: bool
    message: str
    since: str  # ISO time of the change


class HealthBoard:
    """The state of every device, changed only when it really changes."""

    def __init__(self, path: Path | None = None) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._states: dict[str, DeviceState] = {}

    def report(self, device: str, ok: bool, message: str = "") -> None:
        with self._lock:
            current = self._states.get(device)
            if current is not None and (current.ok, current.message) == (ok, message):
                return
            state = DeviceState(ok, message, datetime.now(UTC).isoformat(timespec="seconds"))
            self._states[device] = state
            snapshot = dict(self._states)
        log.log(
            logging.INFO if ok else logging.WARNING,
            "device state changed",
            extra={"device": device, "ok": ok, "detail": message},
        )
        self._write(snapshot)

    def snapshot(self) -> dict[str, DeviceState]:
        with self._lock:
            return dict(self._states)

    def _write(self, states: dict[str, DeviceState]) -> None:
        if self._path is None:
            return
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            temporary = self._path.with_suffix(".tmp")
            temporary.write_text(
                json.dumps({k: asdict(v) for k, v in states.items()}, ensure_ascii=False),
                encoding="utf-8",
            )
            os.replace(temporary, self._path)
        except OSError:
            log.warning("device health file not written", extra={"path": str(self._path)})


def read_health_file(path: Path) -> dict[str, DeviceState]:
    """The states last written by a running kiosk; empty when there is none."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {name: DeviceState(**state) for name, state in data.items()}
    except (OSError, ValueError, TypeError):
        return {}


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
