"""Listens to the QR scanner on its own thread while a screen wants scans; with a camera, also
shows its picture (``preview``) and keeps the camera open only for as long."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from drivers.qr import NothingScanned, QrScanner, Scanned, ScannerFault
from ui.camera_preview import CameraPreview, frame_provider
from ui.device_thread import DeviceThread

# One read waits this long for a code; short enough to stop promptly when asked.
READ_WINDOW_S = 0.2


class _Listener(QObject):
    scanned = Signal(str)
    fault = Signal(str)

    def __init__(self, scanner: QrScanner, release_on_stop: bool) -> None:
        super().__init__()
        self._scanner = scanner
        self._release_on_stop = release_on_stop
        self._timer: QTimer | None = None
        self._last_fault = ""

    @Slot()
    def start(self) -> None:
        if self._timer is None:
            self._timer = QTimer(self)
            self._timer.setInterval(0)
            self._timer.timeout.connect(self._read)
        self._scanner.flush()  # a code scanned before this screen is not a request; opens it
        self._timer.start()

    @Slot()
    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        if self._release_on_stop:
            self._scanner.close()

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
    """Listen while a screen wants scans (the lookup screen), not otherwise.

    A camera is closed when listening stops, so its light is off between visits and it films
    nobody who is not scanning; the next start opens it again. A serial or HID scanner stays
    open: it costs nothing idle, and a HID scanner let go would type into the screen.
    """

    scanned = Signal(str)
    fault = Signal(str)

    def __init__(self, scanner: QrScanner, parent: QObject | None = None) -> None:
        frames = frame_provider(scanner)
        listener = _Listener(scanner, release_on_stop=frames is not None)
        super().__init__(listener, "qr-scanning", parent)
        listener.scanned.connect(self.scanned)
        listener.fault.connect(self.fault)
        # The camera's picture while listening; None for a scanner without a camera.
        self.preview = CameraPreview(frames, self) if frames is not None else None

    def start(self) -> None:
        super().start()
        if self.preview is not None:
            self.preview.start()

    def stop(self) -> None:
        if self.preview is not None:
            self.preview.stop()
        super().stop()

    def shutdown(self) -> None:
        if self.preview is not None:
            self.preview.shutdown()
        super().shutdown()
