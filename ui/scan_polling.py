"""Listens to the QR scanner on its own thread while a screen wants scans."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, QTimer, Signal, Slot

from drivers.qr import NothingScanned, QrScanner, Scanned, ScannerFault

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


class ScanPolling(QObject):
    scanned = Signal(str)
    fault = Signal(str)
    _start_requested = Signal()
    _stop_requested = Signal()

    def __init__(self, scanner: QrScanner, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self._thread.setObjectName("qr-scanning")
        self._listener = _Listener(scanner)
        self._listener.moveToThread(self._thread)
        self._start_requested.connect(self._listener.start)
        self._stop_requested.connect(self._listener.stop)
        self._listener.scanned.connect(self.scanned)
        self._listener.fault.connect(self.fault)
        self._thread.finished.connect(self._listener.deleteLater)
        self._thread.start()

    def start(self) -> None:
        self._start_requested.emit()

    def stop(self) -> None:
        self._stop_requested.emit()

    def shutdown(self) -> None:
        self.stop()
        self._thread.quit()
        self._thread.wait()
