"""Out of service: entered by an event, it ends a visit (wiping it) and names the hotline."""

from __future__ import annotations

from drivers.idcard import demo_cards
from tests.helpers.data import ELDERLY_MATTER
from tests.helpers.ui.visits import RunningKiosk
from ui.modes import Event, Mode


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
    assert kiosk.services.settings.terminal.hotline in drive.text_of("out_of_service_message")
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
    assert "hotline" in kiosk.driver.text_of("out_of_service_message").lower()
