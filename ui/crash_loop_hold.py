"""Shows the crash-loop guard's decision (kiosk/crash_loop.py): a start in a crash loop opens
on the out-of-service screen with a note for staff, never on the attract screen, and the
calm period's timer puts the kiosk back in service on the GUI thread."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from kiosk.crash_loop import CALM_PERIOD, CrashLoopGuard
from ui.modes import Event, Mode
from ui.navigator import Navigator
from ui.screens.out_of_service import OutOfServiceScreen

log = logging.getLogger(__name__)

CALM_MS = int(CALM_PERIOD.total_seconds() * 1000)


class CrashLoopHold(QObject):
    """Holds the window out of service while `guard` says so; call before the window is
    shown, so its first paint is already the out-of-service screen."""

    def __init__(
        self,
        navigator: Navigator,
        screen: OutOfServiceScreen,
        guard: CrashLoopGuard,
        calm_ms: int = CALM_MS,
    ) -> None:
        super().__init__(navigator)
        self._navigator, self._screen, self._guard = navigator, screen, guard
        self._calm = QTimer(self)
        self._calm.setSingleShot(True)
        self._calm.setInterval(calm_ms)
        self._calm.timeout.connect(self._calm_period_over)
        navigator.left.connect(self._left)
        if guard.holding:
            screen.show_crash_loop(True)
            navigator.handle(Event.OUT_OF_SERVICE)
            self._calm.start()

    @property
    def waiting_for_calm(self) -> bool:
        return self._calm.isActive()

    def _calm_period_over(self) -> None:
        if self._guard.calm():
            log.info("calm after a crash loop: back in service")
            self._navigator.handle(Event.BACK_IN_SERVICE)

    def _left(self, mode: Mode) -> None:
        if mode is Mode.OUT_OF_SERVICE:  # staff put it back, or the calm period did
            self._calm.stop()
            self._screen.show_crash_loop(False)
            self._guard.forget_if_served()
