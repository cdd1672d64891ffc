"""The kiosk's only window: a stack of full-screen steps driven by the journey."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QMainWindow, QStackedWidget

from drivers.idcard import IdCardReader
from kiosk.wiring.services import KioskServices
from ui.card_polling import CardPolling
from ui.journey import Journey


class KioskWindow(QMainWindow):
    def __init__(self, services: KioskServices, reader: IdCardReader) -> None:
        super().__init__()
        self.setObjectName("kiosk_window")
        self.setWindowTitle(self.tr("政务服务自助终端"))
        self.polling = CardPolling(reader, self)
        stack = QStackedWidget()
        self.setCentralWidget(stack)
        terminal = services.settings.terminal
        self.journey = Journey(
            stack,
            submissions=services.submissions,
            catalogs=services.catalogs,
            polling=self.polling,
            hall_name=terminal.hall_name,
            hotline=terminal.hotline,
            thanks_timeout_s=services.settings.ui.thanks_timeout_s,
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop the reader thread and wait for any submission still being committed."""
        self.polling.shutdown()
        self.journey.shutdown()
