"""Polls the ID card reader on its own thread and reports placements as Qt signals."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from drivers.idcard import (
    CardPlaced,
    CardRemoved,
    CardWatcher,
    FaultKind,
    IdCardReader,
    ReaderFault,
    WatcherFault,
)
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
            self.fault.emit(self._fault_text(event.fault))

    def _fault_text(self, fault: ReaderFault) -> str:
        """What the resident reads; a bad read is theirs to fix, so it is translated."""
        if fault.kind is FaultKind.BAD_READ:
            return self.tr(
                "证件信息读取有误，请重新放置证件：拿起证件后重新平放在读卡区，读卡时不要移动。"
            )
        return fault.message


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
