"""Out of service: entered by an event or at start-up when staff left the kiosk so, it ends a
visit (wiping it), says 暂停服务 with where to go instead and the hotline, and refuses visits."""

from __future__ import annotations

import pytest

from drivers.idcard import demo_cards
from kiosk.audit.trail import MemoryAuditTrail
from kiosk.config import KioskSettings
from kiosk.service_state import ServiceSwitch
from tests.helpers.data import ELDERLY_MATTER
from tests.helpers.ui.layout_check import PANELS, layout_problems
from tests.helpers.ui.visits import RunningKiosk, elderly_to_materials
from ui.modes import Event, Mode


@pytest.fixture
def left_out_of_service(settings: KioskSettings) -> None:
    """Staff took the kiosk out of service before it (re)started."""
    ServiceSwitch(settings.data_dir, MemoryAuditTrail()).set_in_service(False, actor="S001")


def test_out_of_service_ends_the_visit_and_names_the_hotline(kiosk: RunningKiosk) -> None:
    drive, screens, navigator = kiosk.driver, kiosk.window.screens, kiosk.window.navigator
    entered: list[Mode] = []
    navigator.entered.connect(entered.append)
    kiosk.card.place_card(demo_cards.ELDERLY_RESIDENT)
    drive.start_matter(ELDERLY_MATTER)
    drive.wait_for(screens.form)

    navigator.handle(Event.OUT_OF_SERVICE)

    assert drive.on(screens.out_of_service)
    assert entered[-1] is Mode.OUT_OF_SERVICE
    terminal = kiosk.services.settings.terminal
    assert drive.text_of("screen_title") == "暂停服务"
    where = drive.text_of("out_of_service_where")
    assert terminal.hotline in where and terminal.hall_name in where and "服务窗口" in where
    assert drive.visit.identity == {} and drive.visit.code is None
    assert screens.form.answers() == {}


def test_nothing_starts_out_of_service_until_the_kiosk_is_back(kiosk: RunningKiosk) -> None:
    drive, screens, navigator = kiosk.driver, kiosk.window.screens, kiosk.window.navigator
    navigator.handle(Event.OUT_OF_SERVICE)

    screens.attract.start_requested.emit()  # as if a tap got through

    assert drive.on(screens.out_of_service)
    navigator.handle(Event.BACK_IN_SERVICE)
    assert drive.on(screens.attract)


def test_out_of_service_is_translated(kiosk: RunningKiosk) -> None:
    kiosk.window.navigator.handle(Event.OUT_OF_SERVICE)
    kiosk.driver.tap("language_toggle")
    assert "hotline" in kiosk.driver.text_of("out_of_service_where").lower()


def test_a_kiosk_left_out_of_service_starts_out_of_service_and_refuses_a_visit(
    left_out_of_service: None, kiosk: RunningKiosk
) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    assert drive.on(screens.out_of_service)
    assert kiosk.window.navigator.mode is Mode.OUT_OF_SERVICE

    screens.attract.start_requested.emit()  # as if a tap got through
    kiosk.card.place_card(demo_cards.ELDERLY_RESIDENT)

    assert drive.on(screens.out_of_service)
    assert drive.visit.code is None


def test_a_submission_that_reaches_the_service_out_of_service_is_refused_in_words(
    kiosk: RunningKiosk,
) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    elderly_to_materials(kiosk)
    drive.tap("materials_next")
    drive.tap("delivery_0")  # 自取
    drive.tap("delivery_next")
    assert drive.on(screens.confirm)
    kiosk.services.service_switch.set_in_service(False, actor="S001")  # from another process

    drive.tap("confirm_submit")

    drive.wait_for(screens.problem, timeout=10000)
    assert "暂停服务" in drive.text_of("problem_message")
    assert kiosk.services.queue.entries() == []


@pytest.mark.parametrize("panel", ["1920x1080", "1080x1920", "1366x768"])
def test_the_out_of_service_screen_fits_the_panel_in_both_languages(
    kiosk: RunningKiosk, panel: str
) -> None:
    window = kiosk.window
    window.resize(PANELS[panel])
    window.navigator.handle(Event.OUT_OF_SERVICE)
    assert layout_problems(window, PANELS[panel]) == []
    kiosk.driver.tap("language_toggle")
    assert layout_problems(window, PANELS[panel]) == []
