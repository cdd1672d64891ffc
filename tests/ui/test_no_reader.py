"""With the ID card reader out of order, the identify step offers what still works: typing the
ID number with staff beside the resident (the case is marked as typed with staff's help), or
asking staff, with the hotline."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtWidgets import QLineEdit
from sqlalchemy import select
from sqlalchemy.orm import Session

from drivers.health import read_health_file
from drivers.idcard import Fault, demo_cards
from kiosk.storage.tables import SubmissionRow
from tests.helpers.data import ELDERLY_MATTER
from tests.helpers.sealed import opened_payload
from tests.helpers.ui.layout_check import PANELS, TEXT_PX, problems_on_screen, settle
from tests.helpers.ui.visits import RunningKiosk, submit_from_confirm

# A silent reader is given up on after its reply timeout, then retried with backoff.
DEVICE_MS = 30_000


def reader_down(kiosk: RunningKiosk) -> None:
    """The resident chose a matter and reached the identify step; the reader never answers."""
    kiosk.card.set_fault(Fault.SILENCE)
    kiosk.driver.start_matter(ELDERLY_MATTER)
    identify = kiosk.window.screens.identify
    kiosk.driver.qtbot.waitUntil(identify.type_button.isVisible, timeout=DEVICE_MS)


def test_a_silent_reader_offers_typing_the_id_number_or_asking_staff(
    kiosk: RunningKiosk,
) -> None:
    reader_down(kiosk)

    identify = kiosk.window.screens.identify
    assert identify.status.text()  # what went wrong, in plain words
    assert kiosk.services.settings.terminal.hotline in identify.other_ways.text()
    assert "工作人员" in identify.other_ways.text()


def test_typed_with_staff_the_case_is_submitted_and_marked_so(
    kiosk: RunningKiosk, caplog: pytest.LogCaptureFixture
) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    reader_down(kiosk)

    with caplog.at_level(logging.INFO):
        drive.tap("identify_type_instead")
        assert drive.on(screens.form)
        assert drive.visible(QLineEdit, "field_id_number_input").text() == ""
        drive.fill_form(drive.offering())
        drive.tap("materials_next")
        drive.tap("delivery_0")  # 自取
        drive.tap("delivery_next")
        case_number = submit_from_confirm(kiosk)

    with Session(kiosk.services.engine) as session:
        row = session.scalars(
            select(SubmissionRow).where(SubmissionRow.case_number == case_number)
        ).one()
    payload = opened_payload(row)
    assert payload["identity"] == {"source": "typed", "staff_assisted": True}
    typed_number = payload["answers"]["id_number"]
    assert typed_number not in caplog.text  # marked, never logged
    assert "identity to be typed with staff" in caplog.text


def test_the_other_ways_are_not_offered_before_anything_went_wrong(kiosk: RunningKiosk) -> None:
    kiosk.driver.start_matter(ELDERLY_MATTER)
    identify = kiosk.window.screens.identify
    assert not identify.type_button.isVisible()
    assert not identify.other_ways.isVisible()


@pytest.mark.parametrize("elder", [False, True], ids=["normal", "elder"])
@pytest.mark.parametrize("panel", PANELS)
def test_the_other_ways_fit_every_panel(kiosk: RunningKiosk, panel: str, elder: bool) -> None:
    size = kiosk.driver.on_panel(panel, english=elder, elder=elder)
    reader_down(kiosk)
    settle()
    assert problems_on_screen(kiosk.window, size, TEXT_PX[elder]) == []


def test_the_failed_reader_is_reported_for_the_console_and_recovers(kiosk: RunningKiosk) -> None:
    health_file = kiosk.services.settings.health_path
    reader_down(kiosk)
    assert read_health_file(health_file)["id_reader"].ok is False

    kiosk.card.set_fault(None)  # plugged in again: picked up within the backoff
    kiosk.card.place_card(demo_cards.ELDERLY_RESIDENT)

    kiosk.driver.wait_for(kiosk.window.screens.form, timeout=DEVICE_MS)
    assert read_health_file(health_file)["id_reader"].ok is True
