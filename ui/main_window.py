"""The kiosk's only window: a stack of full-screen steps driven by the journey, with the idle
countdown laid over it."""

from __future__ import annotations

from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget

from drivers.idcard import IdCardReader
from drivers.qr import QrScanner
from kiosk.wiring.services import KioskServices
from ui.card_polling import CardPolling
from ui.idle import IdleDialog, IdleWatch
from ui.journey import Helpers, Journey
from ui.language import LanguageSwitcher
from ui.scan_polling import ScanPolling
from ui.voice import VoiceGuide


class KioskWindow(QMainWindow):
    def __init__(
        self,
        services: KioskServices,
        reader: IdCardReader,
        scanner: QrScanner | None = None,
        voice: VoiceGuide | None = None,
    ) -> None:
        super().__init__()
        self.setObjectName("kiosk_window")
        self.setWindowTitle(self.tr("政务服务自助终端"))
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        ui = services.settings.ui
        stack = QStackedWidget()
        self.setCentralWidget(stack)
        self.idle = IdleWatch(ui.idle_timeout_s, ui.idle_warning_s, self)
        app.installEventFilter(self.idle)
        self.helpers = Helpers(
            card_polling=CardPolling(reader, self),
            scan_polling=ScanPolling(scanner, self) if scanner is not None else None,
            voice=voice or VoiceGuide(ui.tts_command, ui.language, self),
            language=LanguageSwitcher(app, self),
            idle=self.idle,
            idle_dialog=IdleDialog(self),
        )
        self.journey = Journey(stack, services, self.helpers)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        self.helpers.idle_dialog.setGeometry(self.rect())
        super().resizeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.shutdown()
        super().closeEvent(event)

    def shutdown(self) -> None:
        """Stop the device threads and speech; wait for any submission being committed."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self.idle)
        self.idle.disarm()
        self.helpers.card_polling.shutdown()
        if self.helpers.scan_polling is not None:
            self.helpers.scan_polling.shutdown()
        self.helpers.voice.shutdown()
        self.helpers.language.shutdown()
        self.journey.shutdown()
