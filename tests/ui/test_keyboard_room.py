"""The on-screen keyboard never covers the field being typed in, nor the step's buttons, on
landscape, portrait and small panels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QWidget

from drivers.idcard import demo_cards
from kiosk.catalog.offerings import find_offering
from tests.ui.conftest import RunningKiosk
from ui.widgets.onscreen_keyboard import OnScreenKeyboard

BIRTH_REGISTRATION = "11440100MB2C10021K-GA-0001"  # 出生登记: names, ID numbers, dates, text
# (width, height, elder mode). Elder mode's 96 px buttons and 80 px keys need more than 768 px.
PANELS = [
    (1920, 1080, False),
    (1080, 1920, False),
    (1366, 768, False),
    (1920, 1080, True),
    (1080, 1920, True),
]


def _panel_id(panel: tuple[int, int, bool]) -> str:
    width, height, elder = panel
    return f"{width}x{height}{'-elder' * elder}"


@pytest.fixture(params=PANELS, ids=[_panel_id(p) for p in PANELS])
def panel_kiosk(kiosk: RunningKiosk, request: pytest.FixtureRequest) -> RunningKiosk:
    """The kiosk window at a panel's size; as in service, the screen sets the size."""
    width, height, elder = request.param
    kiosk.window.setMinimumSize(1, 1)
    kiosk.window.resize(width, height)
    if elder:
        kiosk.driver.tap("elder_toggle")
    settle()
    assert kiosk.window.size().toTuple() == (width, height)
    assert kiosk.window.journey.elder is elder
    return kiosk


def settle() -> None:
    """Let every pending layout and resize take effect."""
    QApplication.sendPostedEvents()
    QApplication.processEvents()


def on_window(widget: QWidget) -> QRect:
    """The part of `widget` actually shown (not clipped by a scroll area), in window coordinates."""
    shown = widget.visibleRegion().boundingRect()
    return shown.translated(widget.mapTo(widget.window(), QPoint(0, 0)))


def assert_clear_of(keyboard: OnScreenKeyboard, field: QWidget, *buttons: QWidget) -> None:
    settle()
    window = keyboard.window().rect()
    keys = on_window(keyboard)
    assert keyboard.isVisible()
    assert window.contains(keys) and keys.size() == keyboard.size(), "keyboard cut off"
    screen = keyboard.parentWidget()
    assert screen is not None
    needed = screen.minimumSizeHint()
    assert needed.height() <= screen.height(), f"keys squeezed below touch size: {needed}"
    for widget in (field, *buttons):
        name = widget.objectName()
        shown = on_window(widget)
        assert shown.size() == widget.size(), f"{name} partly hidden: {shown} of {widget.size()}"
        assert window.contains(shown), f"{name} {shown} outside the window {window}"
        assert not shown.intersects(keys), f"{name} {shown} under the keyboard {keys}"


def test_keyboard_leaves_each_form_field_and_the_form_buttons_in_view(
    panel_kiosk: RunningKiosk,
) -> None:
    drive, journey = panel_kiosk.driver, panel_kiosk.window.journey
    panel_kiosk.card.place_card(demo_cards.YOUNG_MAN)
    drive.start_matter(BIRTH_REGISTRATION)
    drive.wait_for(journey.form)
    offering = find_offering(journey.session.catalog, BIRTH_REGISTRATION)
    typed: list[str] = []

    def check(field: QWidget) -> None:
        typed.append(field.objectName())
        assert_clear_of(
            journey.form.keyboard, field, journey.form.back_button, journey.form.next_button
        )

    drive.fill_form(offering, after_typing=check)

    assert {"field_mobile_input", "field_other_parent_id_number_input"} <= set(typed)
    assert "field_child_birth_date_input" in typed


def test_keyboard_leaves_the_delivery_address_and_buttons_in_view(
    panel_kiosk: RunningKiosk,
) -> None:
    drive, journey = panel_kiosk.driver, panel_kiosk.window.journey
    panel_kiosk.card.place_card(demo_cards.YOUNG_MAN)
    drive.start_matter(BIRTH_REGISTRATION)
    drive.wait_for(journey.form)
    drive.fill_form(find_offering(journey.session.catalog, BIRTH_REGISTRATION))
    drive.tap("materials_next")

    drive.tap("delivery_1")  # 邮寄
    drive.type_into("delivery_address", "示例市人民路1号")

    delivery = journey.delivery
    assert_clear_of(delivery.keyboard, delivery.address, delivery.back_button, delivery.next_button)


def test_keyboard_leaves_the_case_number_and_buttons_in_view(panel_kiosk: RunningKiosk) -> None:
    drive, journey = panel_kiosk.driver, panel_kiosk.window.journey
    drive.tap("lookup_button")

    drive.type_into("lookup_case_number", "T1A2B3C4")

    lookup = journey.lookup
    assert_clear_of(lookup.keyboard, lookup.case_number, lookup.back_button, lookup.search_button)
