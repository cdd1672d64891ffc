"""The end of every visit, whatever ends it (finished, cancelled, timed out, failed, the kiosk
taken out of service, staff opening their entry): leaving the VISIT mode wipes the visit and
every screen and restores the kiosk's defaults, and so does opening the staff entry. The idle
watch runs while a visit does and asks "需要更多时间吗?" first."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject

from ui.idle import IdleDialog, IdleWatch
from ui.modes import Event, Mode
from ui.navigator import Stage
from ui.preferences import Preferences
from ui.voice import VoiceGuide

log = logging.getLogger(__name__)


class VisitKeeper(QObject):
    def __init__(
        self,
        stage: Stage,
        preferences: Preferences,
        idle: IdleWatch,
        dialog: IdleDialog,
        voice: VoiceGuide,
    ) -> None:
        screens, navigator = stage.screens, stage.navigator
        super().__init__(navigator)
        self._screens, self._visit, self._preferences = screens, stage.visit, preferences
        self._idle, self._dialog, self._voice = idle, dialog, voice
        navigator.entered.connect(self._entered)
        navigator.left.connect(self._left)
        idle.warning.connect(self._warning)
        idle.resumed.connect(dialog.hide)
        idle.expired.connect(self._timed_out)
        dialog.continue_requested.connect(idle.poke)
        self._navigator = navigator
        end = self.end_visit
        for request in (
            screens.matters.back_requested,
            screens.identify.cancel_requested,
            screens.thanks.done_requested,
            screens.rating.skip_requested,
            screens.lookup.back_requested,
            screens.problem.home_requested,
        ):
            request.connect(end)

    def end_visit(self) -> None:
        self._navigator.handle(Event.END_VISIT)

    def wipe(self) -> None:
        """Forget the resident: the visit, every screen, the countdown, their settings."""
        self._idle.disarm()
        self._dialog.hide()
        self._visit.end()
        for screen in self._screens:
            screen.reset()
        self._preferences.apply()

    def _entered(self, mode: Mode) -> None:
        if mode is Mode.VISIT:
            self._idle.arm(self._preferences.idle_factor)
        elif mode is Mode.STAFF_ENTRY:
            self.wipe()  # whatever a resident left, even on the attract screen

    def _left(self, mode: Mode) -> None:
        if mode is Mode.VISIT:
            self.wipe()

    def _timed_out(self) -> None:
        log.info("visit ended after inactivity")
        self._navigator.handle(Event.TIMED_OUT)

    def _warning(self, seconds: int) -> None:
        dialog = self._dialog
        dialog.show_seconds(seconds)
        if not dialog.isVisible():
            parent = dialog.parentWidget()
            if parent is not None:
                dialog.setGeometry(parent.rect())
            dialog.show()
            dialog.raise_()
            self._voice.speak(dialog.question.text())
