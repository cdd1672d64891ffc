"""The staff console in UI tests: two small pages (one for technicians only), the staff on
the roster, a clock the test moves, and the staff's gestures: holding the hidden corner and
typing on the PIN pad."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLabel

from kiosk.staff.rights import Verb
from tests.helpers.ui.visits import RunningKiosk
from ui.console.page import ConsolePage

BADGE_PREFIX = "KIOSK-STAFF:"
STAFF_NUMBER, STAFF_PIN = "1001", "275931"
TECHNICIAN_NUMBER, TECHNICIAN_PIN = "2002", "864213"
WRONG_PIN = "999000"


class HealthPage(ConsolePage):
    """Any staff member sees it; counts how often it was refreshed."""

    verb = Verb.VIEW_HEALTH

    def __init__(self) -> None:
        super().__init__("test_health")
        self.refreshed = 0
        self.body.addWidget(QLabel("health"))

    def title(self) -> str:
        return "Health"

    def refresh(self) -> None:
        self.refreshed += 1


class SettingsPage(ConsolePage):
    """Only a technician sees it."""

    verb = Verb.SET_CONFIG

    def __init__(self) -> None:
        super().__init__("test_settings")

    def title(self) -> str:
        return "Settings"


class Clock:
    """The staff access service's clock, moved by the test instead of waited for."""

    def __init__(self) -> None:
        self.now = datetime(2026, 12, 7, 22, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


def press_the_corner(kiosk: RunningKiosk) -> None:
    """A finger down in the window's top-left corner (and kept there)."""
    kiosk.driver.qtbot.mousePress(kiosk.window, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))


def hold_the_corner(kiosk: RunningKiosk) -> None:
    """The hidden entry: the corner held for its whole hold time (the timer's end, not a wait)."""
    press_the_corner(kiosk)
    corner = kiosk.window.staff.corner
    assert corner.hold.isActive()
    corner.hold.timeout.emit()
    corner.hold.stop()
    kiosk.driver.qtbot.mouseRelease(kiosk.window, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))


def type_on_pad(kiosk: RunningKiosk, digits: str) -> None:
    kiosk.driver.tap_keys(*(f"pin_key_{digit}" for digit in digits))


def enter(kiosk: RunningKiosk, number: str, pin: str) -> None:
    """Type the staff number and PIN on the pad shown, then 确定."""
    drive = kiosk.driver
    number_field = kiosk.window.staff_screens.pin_pad.number_field
    if not number_field.text():
        type_on_pad(kiosk, number)
        drive.tap("pin_confirm")  # on to the PIN
    type_on_pad(kiosk, pin)
    drive.tap("pin_confirm")
