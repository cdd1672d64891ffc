"""Renders the staff console for the README's hall staff section: the PIN pad (typing, then
locked), the health page with the printer out of paper, the help page with a call open, the
actions page (its top and its end), the technician's settings and the out-of-service screen
at 1920x1080; the PIN pad and the health page on a portrait 1080x1920 panel.
`scripts/screenshots` keeps them in docs/screenshots/; in the test run they go to a temporary
directory and are checked for being drawn at the panel's size."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QScrollArea, QWidget
from pytestqt.qtbot import QtBot

from drivers.idcard import demo_cards
from drivers.printer import PrinterSimulator
from kiosk.config import KioskSettings
from kiosk.staff.rights import Role
from kiosk.staff.roster import StaffRoster
from tests.helpers.data import ELDERLY_MATTER
from tests.helpers.ui.console import (
    STAFF_NUMBER,
    STAFF_PIN,
    TECHNICIAN_NUMBER,
    TECHNICIAN_PIN,
    WRONG_PIN,
    Clock,
    enter,
    hold_the_corner,
    type_on_pad,
)
from tests.helpers.ui.driver import KioskDriver
from tests.helpers.ui.layout_check import PANELS, settle
from tests.helpers.ui.ui_rig import ui_rig
from tests.helpers.ui.visits import RunningKiosk
from tests.ui.test_screenshots import OUTPUT_ENV, assert_drawn
from ui.console.actions_page import ActionsPage
from ui.console.health_page import HealthPage
from ui.modes import Event


@pytest.fixture
def printer_and_kiosk(
    qtbot: QtBot, settings: KioskSettings, tmp_path: Path
) -> Iterator[tuple[PrinterSimulator, RunningKiosk]]:
    """The kiosk with its real console pages, two staff on the roster, a clock the test moves,
    and the printer simulator at hand to take its paper out."""
    with ui_rig(settings, tmp_path, (sys.executable, "-c", "pass")) as rig:
        qtbot.addWidget(rig.window)
        rig.window.resize(PANELS["1920x1080"])
        rig.window.show()
        rig.services.staff_access.clock = Clock()
        roster = StaffRoster(rig.services.settings.data_dir, rig.services.audit)
        roster.set_pin(STAFF_NUMBER, Role.STAFF, STAFF_PIN, actor="setup")
        roster.set_pin(TECHNICIAN_NUMBER, Role.TECHNICIAN, TECHNICIAN_PIN, actor="setup")
        driver = KioskDriver(qtbot, rig.window, rig.services.submissions)
        kiosk = RunningKiosk(
            rig.window, rig.services, rig.card, rig.scanner, rig.receipts, tmp_path, driver
        )
        yield rig.printer, kiosk
        health = health_page_of(kiosk)
        health.hide()
        health.wait_for_work()


def health_page_of(kiosk: RunningKiosk) -> HealthPage:
    return kiosk.driver.find(HealthPage, "health_page")


def shooter(
    kiosk: RunningKiosk, out: Path, prefix: str, shots: list[Path]
) -> Callable[[str], None]:
    """Saves the window as `out`/`prefix`NN-name.png, numbered in the order taken."""

    def shot(name: str) -> None:
        settle()
        path = out / f"{prefix}{len(shots) + 1:02d}-{name}.png"
        kiosk.window.grab().save(str(path))
        shots.append(path)

    return shot


def output_dir(tmp_path: Path) -> Path:
    out = Path(os.environ.get(OUTPUT_ENV, tmp_path / "shots"))
    out.mkdir(parents=True, exist_ok=True)
    return out


def open_the_health_page_with_the_printer_out_of_paper(
    kiosk: RunningKiosk, printer: PrinterSimulator
) -> None:
    printer.set_state(paper_out=True)
    hold_the_corner(kiosk)
    enter(kiosk, STAFF_NUMBER, STAFF_PIN)
    health = health_page_of(kiosk)
    kiosk.driver.qtbot.waitUntil(
        lambda: health.line_topics()[:1] == ["printer"] and not health.checking, timeout=15_000
    )


def scroll_to_the_end(page: QWidget) -> None:
    """The page's scroll area moved to its last part, as a finger's swipe up would."""
    scroll = page.findChild(QScrollArea)
    assert scroll is not None
    bar = scroll.verticalScrollBar()
    bar.setValue(bar.maximum())


def call_staff_from_the_form(kiosk: RunningKiosk) -> None:
    drive = kiosk.driver
    drive.start_matter(ELDERLY_MATTER)
    drive.wait_for(kiosk.window.screens.form)
    drive.call_staff()


def lock_the_pad(kiosk: RunningKiosk) -> None:
    for _ in range(5):
        enter(kiosk, STAFF_NUMBER, WRONG_PIN)
    assert "秒后再试" in kiosk.driver.text_of("staff_pin_message")


def test_the_console_renders_for_hall_staff(
    printer_and_kiosk: tuple[PrinterSimulator, RunningKiosk], tmp_path: Path
) -> None:
    printer, kiosk = printer_and_kiosk
    drive = kiosk.driver
    shots: list[Path] = []
    shot = shooter(kiosk, output_dir(tmp_path), "console-", shots)
    clock = kiosk.services.staff_access.clock
    assert isinstance(clock, Clock)
    kiosk.card.place_card(demo_cards.ELDERLY_RESIDENT)
    call_staff_from_the_form(kiosk)

    hold_the_corner(kiosk)
    type_on_pad(kiosk, STAFF_NUMBER)
    drive.tap("pin_confirm")
    type_on_pad(kiosk, STAFF_PIN[:4])
    shot("pin-pad")
    drive.tap("pin_clear")
    lock_the_pad(kiosk)
    shot("pin-pad-locked")
    clock.advance(30)  # the lock's time passes (a moved clock, never a wait)
    kiosk.window.staff.countdown.timeout.emit()
    drive.tap("pin_cancel")

    open_the_health_page_with_the_printer_out_of_paper(kiosk, printer)
    shot("health-printer-out-of-paper")
    drive.tap("console_tab_console_help_page")
    shot("help-request-open")
    drive.tap("console_tab_console_actions_page")
    shot("actions")
    scroll_to_the_end(kiosk.driver.find(ActionsPage, "console_actions_page"))
    shot("actions-service-and-restart")
    drive.tap("console_leave")

    hold_the_corner(kiosk)
    enter(kiosk, TECHNICIAN_NUMBER, TECHNICIAN_PIN)
    drive.tap("console_tab_config_page")
    shot("settings-technician")
    drive.tap("console_leave")

    kiosk.window.navigator.handle(Event.OUT_OF_SERVICE)
    shot("out-of-service")

    assert_drawn(shots, PANELS["1920x1080"])


def test_the_console_renders_on_a_portrait_panel(
    printer_and_kiosk: tuple[PrinterSimulator, RunningKiosk], tmp_path: Path
) -> None:
    printer, kiosk = printer_and_kiosk
    panel: QSize = PANELS["1080x1920"]
    kiosk.window.resize(panel)
    drive = kiosk.driver
    shots: list[Path] = []
    shot = shooter(kiosk, output_dir(tmp_path), "console-portrait-", shots)

    hold_the_corner(kiosk)
    type_on_pad(kiosk, STAFF_NUMBER)
    drive.tap("pin_confirm")
    type_on_pad(kiosk, STAFF_PIN[:4])
    shot("pin-pad")
    drive.tap("pin_cancel")
    open_the_health_page_with_the_printer_out_of_paper(kiosk, printer)
    shot("health-printer-out-of-paper")

    assert_drawn(shots, panel)
