"""Listens to the QR scanner on its own thread while a screen wants scans."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from drivers.qr import NothingScanned, QrScanner, Scanned, ScannerFault
from ui.device_thread import DeviceThread

# One read waits this long for a code; short enough to stop promptly when asked.
READ_WINDOW_S = 0.2


class _Listener(QObject):
    scanned = Signal(str)
    fault = Signal(str)

    def __init__(self, scanner: QrScanner) -> None:
        super().__init__()
        self._scanner = scanner
        self._timer: QTimer | None = None
        self._last_fault = ""

    @Slot()
    def start(self) -> None:
        if self._timer is None:
            self._timer = QTimer(self)
            self._timer.setInterval(0)
            self._timer.timeout.connect(self._read)
        self._scanner.flush()  # a code scanned before this screen is not a request
        self._timer.start()

    @Slot()
    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()

    @Slot()
    def _read(self) -> None:
        result = self._scanner.read(READ_WINDOW_S)
        if isinstance(result, Scanned):
            self._last_fault = ""
            self.scanned.emit(result.text)
        elif isinstance(result, ScannerFault) and result.message != self._last_fault:
            self._last_fault = result.message
            self.fault.emit(result.message)
        elif isinstance(result, NothingScanned):
            return


class ScanPolling(DeviceThread):
    """Listen while a screen wants scans (the lookup screen), not otherwise."""

    scanned = Signal(str)
    fault = Signal(str)

    def __init__(self, scanner: QrScanner, parent: QObject | None = None) -> None:
        listener = _Listener(scanner)
        super().__init__(listener, "qr-scanning", parent)
        listener.scanned.connect(self.scanned)
        listener.fault.connect(self.fault)
