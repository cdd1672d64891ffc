"""Settings a technician changed at the console, applied to the running window without a
restart: the hall's name and hotline on the screens that show them, the idle timeouts, and
the language and voice every visit starts from.

A visit in progress keeps what it started with; the new defaults take over when it ends (or at
once, when nobody is being served). The holder may announce a change from any thread: the
change is handed to the GUI thread by a queued signal.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from kiosk.config import KioskSettings
from kiosk.config_edit.holder import SettingsHolder
from ui.idle import IdleWatch
from ui.modes import Mode
from ui.navigator import Stage
from ui.preferences import Preferences
from ui.visit_keeper import VisitKeeper


class LiveSettings(QObject):
    applied = Signal(object)  # the KioskSettings now shown
    _arrived = Signal(object)

    def __init__(
        self,
        holder: SettingsHolder,
        stage: Stage,
        preferences: Preferences,
        keeper: VisitKeeper,
        idle: IdleWatch,
        *,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._stage, self._preferences, self._keeper, self._idle = stage, preferences, keeper, idle
        self._arrived.connect(self._apply)
        holder.subscribe(self._arrived.emit)

    def _apply(self, settings: KioskSettings) -> None:
        terminal, ui = settings.terminal, settings.ui
        screens, visit = self._stage.screens, self._stage.visit
        screens.attract.show_hall(terminal.hall_name, terminal.hotline)
        screens.out_of_service.show_hall(terminal.hall_name, terminal.hotline)
        screens.thanks.show_hotline(terminal.hotline)
        self._idle.configure(ui.idle_timeout_s, ui.idle_warning_s)
        self._preferences.use(ui)
        visit.set_defaults(ui.language, ui.voice)
        if self._stage.navigator.mode is not Mode.VISIT:
            self._keeper.wipe()  # nobody is served: show the new defaults now
        self.applied.emit(settings)
