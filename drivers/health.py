"""Device health: each device's last known state, as the device wrappers report it.

The kiosk process writes the board to a small JSON file whenever a state changes, so
`kiosk doctor` and the staff console (other processes) see what the touchscreen sees. The
board knows no driver, so a process that only prints (`kiosk submit`) reports the printer
without loading the card reader's and scanner's.
"""

from __future__ import annotations

import json
import logging
import os
import threading
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path

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
