"""Polls the ID card reader on its own thread and reports placements as Qt signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from drivers.idcard import CardPlaced, CardRemoved, CardWatcher, IdCardReader, WatcherFault
from ui.device_thread import DeviceThread

# A resident placing a card expects a reaction within about half a second.
POLL_INTERVAL_MS = 300


class _Poller(QObject):
    card_placed = Signal(object)
    card_removed = Signal()
    fault = Signal(str)

    def __init__(self, reader: IdCardReader) -> None:
        super().__init__()
        self._reader = reader
        self._watcher: CardWatcher | None = None
        self._timer: QTimer | None = None

    @Slot()
    def start(self) -> None:
        if self._timer is None:
            self._timer = QTimer(self)
            self._timer.setInterval(POLL_INTERVAL_MS)
            self._timer.timeout.connect(self._poll)
        self._watcher = CardWatcher(self._reader)
        self._timer.start()

    @Slot()
    def stop(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._watcher = None

    @Slot()
    def _poll(self) -> None:
        if self._watcher is None:
            return
        event = self._watcher.poll()
        if isinstance(event, CardPlaced):
            self.card_placed.emit(event.record)
        elif isinstance(event, CardRemoved):
            self.card_removed.emit()
        elif isinstance(event, WatcherFault):
            self.fault.emit(event.fault.message)


class CardPolling(DeviceThread):
    """Start polling when a screen needs the card, stop when it no longer does."""

    card_placed = Signal(object)
    card_removed = Signal()
    fault = Signal(str)

    def __init__(self, reader: IdCardReader, parent: QObject | None = None) -> None:
        poller = _Poller(reader)
        super().__init__(poller, "card-polling", parent)
        poller.card_placed.connect(self.card_placed)
        poller.card_removed.connect(self.card_removed)
        poller.fault.connect(self.fault)
