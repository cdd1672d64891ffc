"""The staff's way in and out: the hidden corner or a badge opens the PIN pad, the access
service (kiosk/staff) decides on each PIN, and the navigator's mode follows what it decided.

Opening the entry is a mode change (Event.STAFF_ENTRY), so a resident's visit in progress ends
and is wiped on the way, by the same `left`/`entered` path as every other ending. Leaving, by
the button, the pad's "back" or idling, goes to the attract screen or, when the kiosk is out of
service, to that screen. The console's idle time is its own: the resident's countdown is not
armed on the staff's side.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.staff.access import CheckingPin, LoggedIn, LoggedOut
from ui.console.collaborators import StaffCollaborators
from ui.console.corner_press import CornerPress
from ui.console.staff_screens import StaffScreens
from ui.modes import STAFF_MODES, Event, Mode
from ui.navigator import Navigator
from ui.scan_polling import ScanPolling

_ACTIVITY = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress}
# Where a staff badge can be scanned without a resident asking for the scanner.
_BADGE_MODES = frozenset({Mode.ATTRACT, Mode.OUT_OF_SERVICE})


class StaffFlow(QObject):
    def __init__(
        self,
        window: QWidget,
        navigator: Navigator,
        screens: StaffScreens,
        staff: StaffCollaborators,
        scan_polling: ScanPolling | None,
    ) -> None:
        super().__init__(window)
        self._navigator, self._screens, self._staff = navigator, screens, staff
        self._access = staff.access
        self.corner = CornerPress(window, lambda: navigator.mode not in STAFF_MODES)
        self.corner.held.connect(lambda: self.open_entry(None))
        navigator.staff_badge.connect(self.open_entry)
        screens.pin_pad.submitted.connect(self.submit)
        screens.pin_pad.cancelled.connect(self.cancel)
        screens.console.leave_requested.connect(self.leave)
        # The staff side's own idle time: the pad and the console close when left alone.
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self._idle_expired)
        # The visible countdown while the entry is locked.
        self.countdown = QTimer(self)
        self.countdown.setInterval(1000)
        self.countdown.timeout.connect(self._count_down)
        self._badge_scanner = (
            scan_polling
            if staff.badge_prefix and scan_polling is not None and scan_polling.preview is None
            else None  # a camera is never left filming the hall just to wait for a badge
        )
        navigator.entered.connect(self._entered)
        navigator.left.connect(self._left)
        self._entered(navigator.mode)  # the kiosk starts on the attract screen

    def install(self, app: QApplication) -> None:
        app.installEventFilter(self.corner)
        app.installEventFilter(self)

    def uninstall(self, app: QApplication) -> None:
        app.removeEventFilter(self.corner)
        app.removeEventFilter(self)

    def open_entry(self, staff_number: str | None) -> None:
        """The PIN pad, for `staff_number` when a badge said who; ends any visit first."""
        if self._navigator.mode in STAFF_MODES:
            return
        self._access.open_entry(staff_number)
        self._screens.pin_pad.start(staff_number)
        self._navigator.handle(Event.STAFF_ENTRY)
        self._show_lock()
        self._arm_idle(self._staff.console_idle_s)

    def submit(self, staff_number: str, pin: str) -> None:
        state = self._access.enter_pin(staff_number, pin)
        pad = self._screens.pin_pad
        if isinstance(state, LoggedIn):
            pad.reset()
            self._screens.console.open_session(state.staff_number, state.role)
            self._navigator.handle(Event.STAFF_LOGGED_IN)
            self._arm_idle(self._access.seconds_until_idle())
        elif isinstance(state, CheckingPin) and not self._show_lock():
            pad.show_refused(state.lockout.tries_left())

    def cancel(self) -> None:
        self._access.cancel()
        self._close()

    def leave(self) -> None:
        self._access.leave()
        self._close()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in _ACTIVITY and self._navigator.mode in STAFF_MODES:
            self._touched()
        return False

    def _touched(self) -> None:
        if self._navigator.mode is Mode.STAFF_ENTRY:
            self._arm_idle(self._staff.console_idle_s)
            return
        if isinstance(self._access.touched(), LoggedOut):
            self._close()  # touched only after the console had already expired
        else:
            self._arm_idle(self._access.seconds_until_idle())

    def _idle_expired(self) -> None:
        mode = self._navigator.mode
        if mode is Mode.STAFF_ENTRY:
            self.cancel()
        elif mode is Mode.CONSOLE:
            if isinstance(self._access.check_idle(), LoggedOut):
                self._close()
            else:
                self._arm_idle(self._access.seconds_until_idle())

    def _arm_idle(self, seconds: float) -> None:
        self.idle.start(max(1, round(seconds * 1000)))

    def _show_lock(self) -> bool:
        """Show the lock's countdown if the entry is locked; whether it is."""
        seconds = self._access.seconds_locked()
        if not seconds:
            return False
        self._screens.pin_pad.show_locked(seconds)
        self.countdown.start()
        return True

    def _count_down(self) -> None:
        seconds = self._access.seconds_locked()
        if seconds:
            self._screens.pin_pad.show_locked(seconds)
            return
        self.countdown.stop()
        self._screens.pin_pad.unlock()

    def _close(self) -> None:
        """Forget the session on every staff screen, then show the resident's side."""
        self.idle.stop()
        self.countdown.stop()
        self._screens.console.close_session()
        self._screens.pin_pad.reset()
        in_service = self._staff.service.in_service
        self._navigator.handle(Event.STAFF_LEFT if in_service else Event.STAFF_LEFT_OUT_OF_SERVICE)

    def _entered(self, mode: Mode) -> None:
        if mode in _BADGE_MODES and self._badge_scanner is not None:
            self._badge_scanner.start()

    def _left(self, mode: Mode) -> None:
        if mode in _BADGE_MODES and self._badge_scanner is not None:
            self._badge_scanner.stop()
