"""Staff entry on the kiosk's own screen: the hidden corner and badges, the PIN pad's right and
wrong PINs, the lockout's growing delays (a moved clock, never a wait), and every attempt
audited."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from drivers.idcard import demo_cards
from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import MemoryAuditTrail
from tests.helpers.audit import snapshot
from tests.helpers.data import ELDERLY_MATTER
from tests.helpers.ui.console import (
    BADGE_PREFIX,
    STAFF_NUMBER,
    STAFF_PIN,
    WRONG_PIN,
    Clock,
    enter,
    hold_the_corner,
    press_the_corner,
    type_on_pad,
)
from tests.helpers.ui.visits import RunningKiosk
from ui.modes import Mode


def audit_of(kiosk: RunningKiosk) -> MemoryAuditTrail:
    return snapshot(kiosk.services.audit)


def test_holding_the_corner_opens_the_pin_pad(kiosk: RunningKiosk, clock: Clock) -> None:
    hold_the_corner(kiosk)

    assert kiosk.driver.on(kiosk.window.staff_screens.pin_pad)
    assert kiosk.window.navigator.mode is Mode.STAFF_ENTRY


def test_a_short_tap_in_the_corner_opens_nothing_and_still_reaches_the_screen(
    kiosk: RunningKiosk, clock: Clock
) -> None:
    press_the_corner(kiosk)
    kiosk.driver.qtbot.mouseRelease(kiosk.window, Qt.MouseButton.LeftButton, pos=QPoint(20, 20))

    assert not kiosk.window.staff.corner.hold.isActive()
    kiosk.driver.tap("start_button")  # the resident's taps work as ever
    assert kiosk.driver.on(kiosk.window.screens.matters)


def test_a_press_elsewhere_never_starts_the_hold(kiosk: RunningKiosk, clock: Clock) -> None:
    window = kiosk.window
    kiosk.driver.qtbot.mousePress(window, Qt.MouseButton.LeftButton, pos=QPoint(400, 400))
    assert not window.staff.corner.hold.isActive()
    kiosk.driver.qtbot.mouseRelease(window, Qt.MouseButton.LeftButton, pos=QPoint(400, 400))


def test_the_right_pin_opens_the_console(kiosk: RunningKiosk, clock: Clock) -> None:
    hold_the_corner(kiosk)
    type_on_pad(kiosk, STAFF_NUMBER)
    kiosk.driver.tap("pin_confirm")
    assert kiosk.window.staff_screens.pin_pad.number_field.text() == STAFF_NUMBER
    type_on_pad(kiosk, STAFF_PIN)
    assert kiosk.window.staff_screens.pin_pad.pin_field.displayText() != STAFF_PIN  # dots
    kiosk.driver.tap("pin_confirm")

    assert kiosk.driver.on(kiosk.window.staff_screens.console)
    assert "1001" in kiosk.driver.text_of("console_who")
    assert "工作人员" in kiosk.driver.text_of("console_who")
    press_the_corner(kiosk)  # inside the console the corner is an ordinary place
    assert not kiosk.window.staff.corner.hold.isActive()


def test_a_wrong_pin_says_how_many_tries_are_left(kiosk: RunningKiosk, clock: Clock) -> None:
    hold_the_corner(kiosk)
    enter(kiosk, STAFF_NUMBER, WRONG_PIN)

    assert kiosk.driver.on(kiosk.window.staff_screens.pin_pad)
    assert "还可以再试 4 次" in kiosk.driver.text_of("staff_pin_message")
    assert kiosk.window.staff_screens.pin_pad.pin_field.text() == ""


def test_five_wrong_pins_lock_with_a_countdown_then_each_wrong_pin_locks_longer(
    kiosk: RunningKiosk, clock: Clock
) -> None:
    drive, flow = kiosk.driver, kiosk.window.staff
    hold_the_corner(kiosk)
    for _ in range(5):
        enter(kiosk, STAFF_NUMBER, WRONG_PIN)

    assert "30 秒后再试" in drive.text_of("staff_pin_message")
    assert not drive.find(QPushButton, "pin_key_1").isEnabled()
    clock.advance(12)
    flow.countdown.timeout.emit()
    assert "18 秒后再试" in drive.text_of("staff_pin_message")
    clock.advance(18)
    flow.countdown.timeout.emit()
    assert drive.find(QPushButton, "pin_key_1").isEnabled()

    enter(kiosk, STAFF_NUMBER, WRONG_PIN)  # the sixth: twice as long
    assert "60 秒后再试" in drive.text_of("staff_pin_message")
    clock.advance(60)
    flow.countdown.timeout.emit()
    enter(kiosk, STAFF_NUMBER, STAFF_PIN)
    assert drive.on(kiosk.window.staff_screens.console)


def test_a_lockout_is_still_there_when_the_entry_opens_again(
    kiosk: RunningKiosk, clock: Clock
) -> None:
    hold_the_corner(kiosk)
    for _ in range(5):
        enter(kiosk, STAFF_NUMBER, WRONG_PIN)
    kiosk.driver.tap("pin_cancel")
    assert kiosk.driver.on(kiosk.window.screens.attract)

    clock.advance(5)
    hold_the_corner(kiosk)
    assert "25 秒后再试" in kiosk.driver.text_of("staff_pin_message")


def test_every_attempt_is_audited_without_a_pin(kiosk: RunningKiosk, clock: Clock) -> None:
    hold_the_corner(kiosk)
    for _ in range(5):
        enter(kiosk, STAFF_NUMBER, WRONG_PIN)
    clock.advance(30)
    kiosk.window.staff.countdown.timeout.emit()
    enter(kiosk, STAFF_NUMBER, STAFF_PIN)
    kiosk.driver.tap("console_leave")

    audit = audit_of(kiosk)
    staff_events = [e for e in audit.events if e.event is not AuditEvent.STAFF_PIN_SET]
    assert [e.event for e in staff_events] == [
        *[AuditEvent.STAFF_PIN_REFUSED] * 5,
        AuditEvent.STAFF_LOCKED_OUT,
        AuditEvent.STAFF_LOGIN,
        AuditEvent.STAFF_LOGOUT,
    ]
    assert all(e.actor == STAFF_NUMBER for e in staff_events)
    assert not any(pin in str(e.details) for e in audit.events for pin in (STAFF_PIN, WRONG_PIN))


def test_a_badge_opens_the_pad_for_its_number(kiosk: RunningKiosk, clock: Clock) -> None:
    kiosk.scanner.scan(f"{BADGE_PREFIX}{STAFF_NUMBER}")
    pad = kiosk.window.staff_screens.pin_pad
    kiosk.driver.wait_for(pad)
    assert pad.number_field.text() == STAFF_NUMBER

    type_on_pad(kiosk, STAFF_PIN)
    kiosk.driver.tap("pin_confirm")
    assert kiosk.driver.on(kiosk.window.staff_screens.console)


def test_a_badge_scanned_at_the_lookup_never_reaches_it(kiosk: RunningKiosk, clock: Clock) -> None:
    looked_up: list[str] = []
    kiosk.window.navigator.lookup_code.connect(looked_up.append)
    kiosk.driver.tap("lookup_button")

    kiosk.window.navigator.scanned(f"{BADGE_PREFIX}{STAFF_NUMBER}")

    assert looked_up == []
    assert kiosk.driver.on(kiosk.window.staff_screens.pin_pad)


def test_opening_the_entry_ends_and_wipes_a_visit_in_progress(
    kiosk: RunningKiosk, clock: Clock
) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    kiosk.card.place_card(demo_cards.ELDERLY_RESIDENT)
    drive.start_matter(ELDERLY_MATTER)
    drive.wait_for(screens.form)
    drive.type_into("field_mobile_input", "13800138000")

    hold_the_corner(kiosk)

    assert drive.on(kiosk.window.staff_screens.pin_pad)
    assert drive.visit.identity == {} and drive.visit.code is None
    assert screens.form.answers() == {}
    assert "13800138000" not in {line.text() for line in screens.form.findChildren(QLineEdit)}
