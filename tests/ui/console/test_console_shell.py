"""The console's shell: pages by role, the way out by button or by idling, the resident's side
afterwards showing nothing of the session, and the resident's countdown kept out of it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QAbstractButton, QLabel

from kiosk.audit.events import AuditEvent
from tests.helpers.audit import snapshot
from tests.helpers.ui.console import (
    STAFF_NUMBER,
    STAFF_PIN,
    TECHNICIAN_NUMBER,
    TECHNICIAN_PIN,
    Clock,
    HealthPage,
    enter,
    hold_the_corner,
)
from tests.helpers.ui.layout_check import TEXT_PX, problems_on_screen
from tests.helpers.ui.visits import RunningKiosk
from ui.modes import Mode


def log_in(kiosk: RunningKiosk, number: str, pin: str) -> None:
    hold_the_corner(kiosk)
    enter(kiosk, number, pin)
    assert kiosk.driver.on(kiosk.window.staff_screens.console)


def tabs_shown(kiosk: RunningKiosk) -> list[str]:
    return [page.objectName() for page in kiosk.window.staff_screens.console.visible_pages()]


def test_staff_see_no_technicians_page(kiosk: RunningKiosk, clock: Clock) -> None:
    log_in(kiosk, STAFF_NUMBER, STAFF_PIN)

    assert tabs_shown(kiosk) == ["test_health"]
    console = kiosk.window.staff_screens.console
    page = console.page_on_show
    assert isinstance(page, HealthPage) and page.refreshed == 1


def test_a_technician_sees_the_technicians_page_too(kiosk: RunningKiosk, clock: Clock) -> None:
    log_in(kiosk, TECHNICIAN_NUMBER, TECHNICIAN_PIN)

    assert tabs_shown(kiosk) == ["test_health", "test_settings"]
    assert "技术员" in kiosk.driver.text_of("console_who")
    kiosk.driver.tap("console_tab_test_settings")
    page = kiosk.window.staff_screens.console.page_on_show
    assert page is not None and page.objectName() == "test_settings"


def test_the_staff_side_offers_none_of_the_residents_top_bar_buttons(
    kiosk: RunningKiosk, clock: Clock
) -> None:
    log_in(kiosk, STAFF_NUMBER, STAFF_PIN)
    screens = kiosk.window.staff_screens

    for screen in (screens.pin_pad, screens.console):
        for button in (screen.staff_button, screen.elder_button, screen.language_button):
            assert not button.isVisibleTo(screen)


def test_the_leave_button_returns_to_the_attract_screen(kiosk: RunningKiosk, clock: Clock) -> None:
    log_in(kiosk, STAFF_NUMBER, STAFF_PIN)

    kiosk.driver.tap("console_leave")

    assert kiosk.driver.on(kiosk.window.screens.attract)
    assert kiosk.services.staff_access.actor is None


def test_an_untouched_console_returns_to_the_attract_screen(
    kiosk: RunningKiosk, clock: Clock
) -> None:
    log_in(kiosk, STAFF_NUMBER, STAFF_PIN)
    flow = kiosk.window.staff

    clock.advance(60)
    flow.idle.timeout.emit()  # early: the console stays, rearmed for the rest
    assert kiosk.driver.on(kiosk.window.staff_screens.console)
    assert 59_000 <= flow.idle.interval() <= 60_000
    clock.advance(60)
    flow.idle.timeout.emit()

    assert kiosk.driver.on(kiosk.window.screens.attract)
    audit = snapshot(kiosk.services.audit)
    assert audit.events[-1].event is AuditEvent.STAFF_LOGOUT
    assert audit.events[-1].details == {"reason": "idle"}


def test_a_pin_pad_left_alone_closes_too(kiosk: RunningKiosk, clock: Clock) -> None:
    hold_the_corner(kiosk)
    kiosk.window.staff.idle.timeout.emit()
    assert kiosk.driver.on(kiosk.window.screens.attract)


def test_leaving_while_out_of_service_shows_out_of_service(
    kiosk: RunningKiosk, clock: Clock
) -> None:
    log_in(kiosk, STAFF_NUMBER, STAFF_PIN)
    kiosk.services.service_switch.set_in_service(False, actor=STAFF_NUMBER)

    kiosk.driver.tap("console_leave")

    assert kiosk.window.navigator.mode is Mode.OUT_OF_SERVICE
    assert kiosk.driver.on(kiosk.window.screens.out_of_service)


def test_after_leaving_no_screen_shows_anything_of_the_session(
    kiosk: RunningKiosk, clock: Clock
) -> None:
    log_in(kiosk, TECHNICIAN_NUMBER, TECHNICIAN_PIN)
    kiosk.driver.tap("console_leave")
    kiosk.driver.tap("start_button")

    window = kiosk.window
    shown = [w.text() for w in window.findChildren(QLabel) if w.isVisible()]
    shown += [w.text() for w in window.findChildren(QAbstractButton) if w.isVisible()]
    assert not any(TECHNICIAN_NUMBER in text or "技术员" in text for text in shown)
    console = window.staff_screens.console
    assert console.who.text() == "" and console.visible_pages() == []
    assert console.page_on_show is None


def test_the_residents_countdown_never_runs_in_the_console(
    kiosk: RunningKiosk, clock: Clock
) -> None:
    kiosk.driver.tap("start_button")  # a visit: the resident's countdown runs
    log_in(kiosk, STAFF_NUMBER, STAFF_PIN)

    idle = kiosk.window.idle
    assert not any(timer.isActive() for timer in idle.findChildren(QTimer))
    idle.expired.emit()  # even if it fired, the console stays
    assert kiosk.driver.on(kiosk.window.staff_screens.console)
    assert not kiosk.window.idle_dialog.isVisible()


@pytest.mark.parametrize("panel", ["1920x1080", "1080x1920", "1366x768", "1280x1024"])
def test_the_pin_pad_and_console_fit_the_panel(
    kiosk: RunningKiosk, clock: Clock, panel: str
) -> None:
    """Laid out without clipping, text large enough to read, targets large enough to tap."""
    size = kiosk.driver.on_panel(panel)
    hold_the_corner(kiosk)
    enter(kiosk, STAFF_NUMBER, "999000")
    assert problems_on_screen(kiosk.window, size, TEXT_PX[False]) == []

    enter(kiosk, STAFF_NUMBER, STAFF_PIN)
    assert problems_on_screen(kiosk.window, size, TEXT_PX[False]) == []
