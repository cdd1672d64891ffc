"""Progress lookup (办件查询): a case number typed or scanned from the receipt's QR code, or the
ID card placed, shows the resident's cases."""

from __future__ import annotations

from PySide6.QtCore import QObject

from drivers.idcard import IdCardRecord
from kiosk.submissions.progress import ProgressLookup
from ui.card_polling import CardPolling
from ui.modes import Event
from ui.navigator import Stage
from ui.scan_polling import ScanPolling


class LookupFlow(QObject):
    def __init__(
        self,
        stage: Stage,
        progress: ProgressLookup,
        card_polling: CardPolling,
        scan_polling: ScanPolling | None,
    ) -> None:
        screens, visit, navigator = stage.screens, stage.visit, stage.navigator
        super().__init__(navigator)
        lookup = screens.lookup
        self._screen, self._visit, self._navigator = lookup, visit, navigator
        self._progress = progress
        self._card_polling, self._scan_polling = card_polling, scan_polling
        screens.attract.lookup_requested.connect(self.begin)
        lookup.typed.connect(self.look_up_text)
        navigator.lookup_card.connect(self.look_up_card)
        navigator.lookup_code.connect(self.look_up_text)
        navigator.lookup_fault.connect(lookup.show_problem)
        navigator.left.connect(lambda _mode: self._listen(False))

    def begin(self) -> None:
        self._screen.reset()
        self._visit.look_up()
        self._navigator.handle(Event.START_VISIT)
        self._screen.start()
        self._listen(True)

    def look_up_text(self, text: str) -> None:
        self._screen.show_results(self._progress.by_text(text))

    def look_up_card(self, record: IdCardRecord) -> None:
        self._screen.show_results(self._progress.by_id_number(record.id_number))

    def _listen(self, listening: bool) -> None:
        """The devices the lookup reads while it is on screen: the card reader and scanner."""
        for device in (self._card_polling, self._scan_polling):
            if device is None:
                continue
            if listening:
                device.start()
            else:
                device.stop()
