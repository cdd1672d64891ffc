"""Runs a device worker on its own thread, started and stopped from the GUI thread.

Device I/O blocks (a card read takes ~120 ms at 115200 baud, a scanner read waits for a
code), so it never runs on the GUI thread; the worker reports through its own signals.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThread, Signal


class DeviceThread(QObject):
    """Owns the thread; `worker` must have `start` and `stop` slots."""

    _start_requested = Signal()
    _stop_requested = Signal()

    def __init__(self, worker: QObject, name: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self._thread.setObjectName(name)
        # Held here: a worker moved to another thread has no parent to keep it alive.
        self._worker = worker
        worker.moveToThread(self._thread)
        self._start_requested.connect(worker.start)  # type: ignore[attr-defined]
        self._stop_requested.connect(worker.stop)  # type: ignore[attr-defined]
        self._thread.finished.connect(worker.deleteLater)
        self._thread.start()

    def start(self) -> None:
        self._start_requested.emit()

    def stop(self) -> None:
        self._stop_requested.emit()

    def shutdown(self) -> None:
        self.stop()
        self._thread.quit()
        self._thread.wait()
