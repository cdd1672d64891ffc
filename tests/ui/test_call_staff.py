"""Calling staff (呼叫工作人员) from any resident screen: one help request naming that screen,
the note on the screen, and no second request for a second press."""

from __future__ import annotations

import pytest

from drivers.idcard import demo_cards
from kiosk.audit.events import AuditEvent
from tests.helpers.audit import snapshot
from tests.helpers.data import ELDERLY_MATTER
from tests.helpers.ui.layout_check import layout_problems
from tests.helpers.ui.visits import RunningKiosk

CALLED = "已通知工作人员，请在此稍候。"


def to_the_form(kiosk: RunningKiosk) -> None:
    kiosk.card.place_card(demo_cards.ELDERLY_RESIDENT)
    kiosk.driver.start_matter(ELDERLY_MATTER)
    kiosk.driver.wait_for(kiosk.window.screens.form)


def test_call_staff_on_the_form_makes_one_request_naming_the_form_and_says_staff_come(
    kiosk: RunningKiosk,
) -> None:
    to_the_form(kiosk)

    assert kiosk.driver.call_staff() == CALLED

    (request,) = kiosk.services.help_desk.open_requests()
    assert request.screen == "form_screen"
    assert AuditEvent.HELP_REQUESTED in [
        event.event for event in snapshot(kiosk.services.audit).events
    ]


def test_a_second_press_says_staff_were_already_called_and_keeps_one_request(
    kiosk: RunningKiosk,
) -> None:
    to_the_form(kiosk)
    kiosk.driver.call_staff()

    again = kiosk.driver.call_staff()

    assert again != CALLED
    assert "已经通知过工作人员" in again
    assert kiosk.services.help_desk.open_count() == 1


def test_the_note_stays_on_the_screen_it_was_called_from(kiosk: RunningKiosk) -> None:
    to_the_form(kiosk)
    kiosk.driver.call_staff()
    form = kiosk.window.screens.form

    kiosk.driver.tap("form_back")

    assert not kiosk.driver.on(form)
    assert not form.staff_status.isVisible()
    assert form.staff_status.text() == ""


def test_every_resident_screen_offers_the_call_with_its_full_name_spoken(
    kiosk: RunningKiosk,
) -> None:
    for screen in kiosk.window.screens:
        assert screen.staff_button.accessibleName() == "呼叫工作人员", screen.objectName()
    kiosk.driver.tap("start_button")
    assert kiosk.driver.visible(type(kiosk.window.screens.matters.staff_button), "staff_button")


@pytest.mark.parametrize("panel", ["1366x768", "1280x1024", "1080x1920"])
def test_the_form_with_the_note_fits_each_panel_in_english_elder_mode(
    kiosk: RunningKiosk, panel: str
) -> None:
    size = kiosk.driver.on_panel(panel, english=True, elder=True)
    to_the_form(kiosk)

    kiosk.driver.call_staff()

    assert layout_problems(kiosk.window, size) == []


def test_a_call_that_cannot_be_recorded_sends_the_resident_to_the_desk(
    kiosk: RunningKiosk, monkeypatch: pytest.MonkeyPatch
) -> None:
    def disk_full(screen: str) -> None:
        raise OSError("database or disk is full")

    monkeypatch.setattr(kiosk.services.help_desk, "call", disk_full)

    assert "服务台" in kiosk.driver.call_staff()
