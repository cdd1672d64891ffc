"""The kiosk's only window: a stack of full-screen steps with the idle countdown laid over it.

Here the resident's side is put together: the screens, the visit, the navigator that decides
which screen shows, and the flows that record what the resident does. Everything it reaches
outside ui/ comes in as narrow collaborators, built by the composition root."""

from __future__ import annotations

import logging
from functools import partial

from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget

from drivers.idcard import IdCardReader
from drivers.qr import QrScanner
from kiosk.help_requests import HelpCall
from ui.card_polling import CardPolling
from ui.collaborators import Collaborators
from ui.console.collaborators import StaffCollaborators
from ui.console.staff_flow import StaffFlow
from ui.console.staff_screens import StaffScreens
from ui.idle import IdleDialog, IdleWatch
from ui.language import LanguageSwitcher
from ui.live_settings import LiveSettings
from ui.lookup_flow import LookupFlow
from ui.navigator import Navigator, Stage
from ui.notice_printing import NoticePrinting
from ui.preferences import Preferences
from ui.resident_flow import ResidentFlow
from ui.result_flow import ResultFlow
from ui.scan_polling import ScanPolling
from ui.screen_set import ScreenSet
from ui.screens.base import Screen, StaffCall
from ui.visit import Visit
from ui.visit_keeper import VisitKeeper
from ui.voice import VoiceGuide
from ui.workers import BackgroundRunner

log = logging.getLogger(__name__)


class KioskWindow(QMainWindow):
    def __init__(
        self,
        collaborators: Collaborators,
        reader: IdCardReader,
        scanner: QrScanner | None,
        staff: StaffCollaborators,
    ) -> None:
        super().__init__()
        self.setObjectName("kiosk_window")
        self.setWindowTitle(self.tr("政务服务自助终端"))
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        ui, self._collaborators = collaborators.ui, collaborators
        stack = QStackedWidget()
        self.setCentralWidget(stack)
        self.idle = IdleWatch(ui.idle_timeout_s, ui.idle_warning_s, self)
        app.installEventFilter(self.idle)
        self.idle_dialog = IdleDialog(self)
        self._card_polling = CardPolling(reader, self)
        self._scan_polling = ScanPolling(scanner, self) if scanner is not None else None
        self.voice = VoiceGuide(ui.tts_command, ui.language, self)
        self._language = LanguageSwitcher(app, self)
        self._runner = BackgroundRunner(self)

        self.visit = Visit(ui.language, ui.voice)
        self.screens = ScreenSet(stack, collaborators.terminal, self._scan_polling)
        self.staff_screens = StaffScreens(stack, staff.pages)
        self.navigator = Navigator(
            stack, self.screens, self.visit, self.staff_screens, staff.badge_prefix
        )
        self._connect_devices()
        self.navigator.shown.connect(lambda screen: self.voice.speak(screen.instruction()))
        stage = Stage(self.screens, self.visit, self.navigator)
        language = self._language
        preferences = Preferences(stage, language, self.voice, self.idle, ui)
        self.keeper = VisitKeeper(stage, preferences, self.idle, self.idle_dialog, self.voice)
        self.live_settings = LiveSettings(
            collaborators.live_settings, stage, preferences, self.keeper, self.idle, parent=self
        )
        resident = ResidentFlow(stage, collaborators, self._card_polling, self._runner, language)
        result = ResultFlow(stage, collaborators, language)
        resident.accepted.connect(result.show)
        NoticePrinting(self.screens.guide, self.visit, collaborators, self._runner)
        LookupFlow(stage, collaborators.progress, self._card_polling, self._scan_polling)
        for screen in self.screens:
            screen.staff_requested.connect(partial(self._call_staff, screen))
        self.staff = StaffFlow(self, self.navigator, self.staff_screens, staff, self._scan_polling)
        self.staff.install(app)
        self.keeper.wipe()  # the defaults shown, before anyone came
        self.navigator.refresh()

    def _connect_devices(self) -> None:
        """Devices report to the navigator, which hands each event to the step waiting for it."""
        self._card_polling.card_placed.connect(self.navigator.card_placed)
        self._card_polling.fault.connect(self.navigator.card_fault)
        if self._scan_polling is not None:
            self._scan_polling.scanned.connect(self.navigator.scanned)
            self._scan_polling.fault.connect(self.navigator.scan_fault)

    def _call_staff(self, screen: Screen) -> None:
        """Record the help request off the GUI thread; the screen says what came of it."""
        name = screen.objectName()

        def tell(call: StaffCall) -> None:
            if screen.isVisible():  # not on a screen the resident has left meanwhile
                screen.show_staff_call(call)

        def done(call: HelpCall) -> None:
            if not call.already_called:
                log.warning("staff called to the kiosk", extra={"screen": name})
            tell(StaffCall.ALREADY_CALLED if call.already_called else StaffCall.CALLED)

        def failed(exc: Exception) -> None:
            log.error("help request not recorded", extra={"screen": name, "error": repr(exc)})
            tell(StaffCall.FAILED)

        self._runner.run(partial(self._collaborators.call_staff, name), done, failed)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        self.idle_dialog.setGeometry(self.rect())
        super().resizeEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt's name)
        self.shutdown()
        super().closeEvent(event)

    @property
    def scan_polling(self) -> ScanPolling | None:
        """The scanner's listening thread, whose signals say a code was read."""
        return self._scan_polling

    def shutdown(self) -> None:
        """Stop the device threads and speech; wait for any submission being committed."""
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.removeEventFilter(self.idle)
            self.staff.uninstall(app)
        self.idle.disarm()
        self._card_polling.shutdown()
        if self._scan_polling is not None:
            self._scan_polling.shutdown()
        self.voice.shutdown()
        self._language.shutdown()
        self._runner.wait_for_all()
