"""What the provisioning screen does: watch the USB sticks for a provisioning file, listen to
the scanner for a provisioning QR code, provision from the first one found (on a worker
thread: the platform check may wait seconds on the network), and once provisioned start the
kiosk again, into the resident flow, by the restart path systemd knows (exit 75)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.provisioning.outcome import Outcome, Provisioned
from ui.scan_polling import ScanPolling
from ui.screens.provisioning import ProvisioningScreen

log = logging.getLogger(__name__)

# Sticks are looked for this often: a technician waits at most this long after plugging one.
LOOK_EVERY_MS = 2000
# Time for the province's operator to scan the enrolment code before the kiosk starts.
START_AFTER_S = 300

Provision = Callable[[str, str], Outcome]  # (the bundle's text, where it came from)
FindFiles = Callable[[], list[Path]]


class _Relay(QObject):
    """Carries the worker's outcome to the GUI thread (queued: it lives on that thread)."""

    finished = Signal(object)  # an Outcome
    failed = Signal(str)


class ProvisioningFlow(QObject):
    restart_requested = Signal()

    def __init__(
        self,
        screen: ProvisioningScreen,
        provision: Provision,
        find_files: FindFiles,
        scanning: ScanPolling | None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._screen, self._provision, self._find_files = screen, provision, find_files
        self._scanning = scanning
        self._tried: set[tuple[str, int, int]] = set()  # files refused: (path, mtime, size)
        self._worker: threading.Thread | None = None
        self._done = False
        self._seconds_left = START_AFTER_S
        self._relay = _Relay(self)
        self._relay.finished.connect(self._finished)
        self._relay.failed.connect(self._failed)
        self._look = QTimer(self)
        self._look.setInterval(LOOK_EVERY_MS)
        self._look.timeout.connect(self.look_for_files)
        self._countdown = QTimer(self)
        self._countdown.setInterval(1000)
        self._countdown.timeout.connect(self._tick)
        screen.start_requested.connect(self._start_now)
        if scanning is not None:
            scanning.scanned.connect(self.scanned)

    def start(self) -> None:
        self._look.start()
        if self._scanning is not None:
            self._scanning.start()
        self.look_for_files()

    @property
    def busy(self) -> bool:
        return self._worker is not None and self._worker.is_alive()

    def look_for_files(self) -> None:
        if self.busy or self._done:
            return
        for path in self._find_files():
            try:
                stat = path.stat()
                seen = (str(path), stat.st_mtime_ns, stat.st_size)
                if seen in self._tried:
                    continue
                self._tried.add(seen)
                text = path.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue  # pulled out while being read: the next look finds it again
            self._attempt(text, f"usb:{path}")
            return

    def scanned(self, text: str) -> None:
        if not (self.busy or self._done):
            self._attempt(text, "qr")

    def _attempt(self, text: str, origin: str) -> None:
        log.info("provisioning bundle found", extra={"origin": origin})
        self._screen.show_checking()
        self._worker = threading.Thread(
            target=self._run, args=(text, origin), name="provisioning", daemon=True
        )
        self._worker.start()

    def _run(self, text: str, origin: str) -> None:
        try:
            outcome = self._provision(text, origin)
        except Exception as exc:  # shown to the technician, not a crash of the screen
            log.exception("provisioning failed")
            self._relay.failed.emit(str(exc))
        else:
            self._relay.finished.emit(outcome)

    def _finished(self, outcome: Outcome) -> None:
        if isinstance(outcome, Provisioned):
            self._done = True
            self._look.stop()
            if self._scanning is not None:
                self._scanning.stop()
            self._screen.show_provisioned(outcome, self._seconds_left)
            self._countdown.start()
            return
        log.info(
            "provisioning bundle refused", extra={"codes": [r.code.value for r in outcome.refusals]}
        )
        self._screen.show_refused(outcome.refusals)

    def _failed(self, message: str) -> None:
        self._screen.show_failure(message)

    def _tick(self) -> None:
        self._seconds_left -= 1
        self._screen.count_down(self._seconds_left)
        if self._seconds_left <= 0:
            self._start_now()

    def _start_now(self) -> None:
        if self._done:
            self._countdown.stop()
            self.restart_requested.emit()

    def shutdown(self) -> None:
        self._look.stop()
        self._countdown.stop()
        if self._worker is not None:
            self._worker.join()
        if self._scanning is not None:
            self._scanning.shutdown()
