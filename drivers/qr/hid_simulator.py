"""A keyboard-wedge QR scanner simulated on a FIFO (the fakes layer of ``hid_scanner``).

``HidQrScanner`` opens the FIFO as it opens a scanner's evdev node and reads the same
``struct input_event`` records the kernel would write (``key_events``), so tests and demos run
the real driver. A FIFO cannot be grabbed (EVIOCGRAB is for evdev nodes), so the scanner on
it is opened with ``grab=False``. The simulator holds the FIFO open for writing itself, so a
reader never sees end of file between codes.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from drivers.closing import StopsOnExit
from drivers.qr.hid_scanner import key_events


class HidScannerSimulator(StopsOnExit):
    """Types codes into a FIFO; hand ``start()``'s path to ``HidQrScanner(path, grab=False)``."""

    def __init__(self) -> None:
        self._directory: Path | None = None
        self._fd = -1

    def start(self) -> str:
        """Create the FIFO and return its path."""
        if self._directory is None:
            self._directory = Path(tempfile.mkdtemp(prefix="kiosk-hid-"))
            fifo = self._directory / "event-kbd"
            os.mkfifo(fifo, 0o600)
            # Read-write: opening a FIFO for writing alone waits for a reader, and this end
            # must stay open while scanners come and go.
            self._fd = os.open(fifo, os.O_RDWR | os.O_CLOEXEC)
        return self.path

    def stop(self) -> None:
        """Close and remove the FIFO; a scanner reading it sees the device go away."""
        if self._directory is None:
            return
        os.close(self._fd)
        self._fd = -1
        shutil.rmtree(self._directory, ignore_errors=True)
        self._directory = None

    @property
    def path(self) -> str:
        """The FIFO a scanner should open; empty before ``start``."""
        return str(self._directory / "event-kbd") if self._directory is not None else ""

    def scan(self, text: str) -> None:
        """Type ``text`` and Enter, as a scanner in US keyboard mode does."""
        self.send_raw(key_events(text))

    def send_raw(self, data: bytes) -> None:
        """Write exactly these bytes (part of a record, a SYN_DROPPED, …)."""
        if self._directory is None:
            raise RuntimeError("the HID scanner simulator is not started")
        view = memoryview(data)
        while view:
            view = view[os.write(self._fd, view) :]
