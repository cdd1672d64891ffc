"""The on-screen keyboard never covers the field being typed in, nor the step's buttons, on
landscape, portrait and small panels."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from drivers.idcard import demo_cards
from kiosk.catalog.offerings import find_offering
from tests.helpers.data import ELDERLY_MATTER
from tests.helpers.ui.layout_check import PANELS as PANEL_SIZES
from tests.helpers.ui.layout_check import TEXT_PX, problems_on_screen
from tests.helpers.ui.visits import RunningKiosk
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
    assert kiosk.window.visit.elder is elder
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
    drive, screens = panel_kiosk.driver, panel_kiosk.window.screens
    panel = panel_kiosk.window.size()
    panel_kiosk.window.setMinimumSize(0, 0)  # as in service: a screen asking more grows it
    panel_kiosk.card.place_card(demo_cards.YOUNG_MAN)
    drive.start_matter(BIRTH_REGISTRATION)
    drive.wait_for(screens.form)
    offering = find_offering(drive.visit.catalog, BIRTH_REGISTRATION)
    typed: list[str] = []

    def check(field: QWidget) -> None:
        typed.append(field.objectName())
        assert_clear_of(
            screens.form.keyboard, field, screens.form.back_button, screens.form.next_button
        )
        assert panel_kiosk.window.height() == panel.height(), "the keyboard grew the window"

    drive.fill_form(offering, after_typing=check)

    assert {"field_mobile_input", "field_other_parent_id_number_input"} <= set(typed)
    assert "field_child_birth_date_input" in typed


def test_keyboard_leaves_the_delivery_address_and_buttons_in_view(
    panel_kiosk: RunningKiosk,
) -> None:
    drive, screens = panel_kiosk.driver, panel_kiosk.window.screens
    panel_kiosk.card.place_card(demo_cards.YOUNG_MAN)
    drive.start_matter(BIRTH_REGISTRATION)
    drive.wait_for(screens.form)
    drive.fill_form(find_offering(drive.visit.catalog, BIRTH_REGISTRATION))
    drive.tap("materials_next")

    drive.tap("delivery_1")  # 邮寄
    drive.type_into("delivery_address", "示例市人民路1号")

    delivery = screens.delivery
    assert_clear_of(delivery.keyboard, delivery.address, delivery.back_button, delivery.next_button)


def test_keyboard_leaves_the_case_number_and_buttons_in_view(panel_kiosk: RunningKiosk) -> None:
    drive, screens = panel_kiosk.driver, panel_kiosk.window.screens
    drive.tap("lookup_button")

    drive.type_into("lookup_case_number", "T1A2B3C4")

    lookup = screens.lookup
    assert_clear_of(lookup.keyboard, lookup.case_number, lookup.back_button, lookup.search_button)


def shown_fields(kiosk: RunningKiosk) -> list[str]:
    return [f.spec.id for f in kiosk.driver.shown_fields()]


def test_the_page_stays_as_it_was_cut_when_the_keyboard_comes_up_and_turns_to_digits(
    kiosk: RunningKiosk,
) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    kiosk.window.resize(1366, 768)
    kiosk.card.place_card(demo_cards.YOUNG_MAN)
    drive.start_matter(BIRTH_REGISTRATION)
    drive.wait_for(screens.form)
    offering = find_offering(drive.visit.catalog, BIRTH_REGISTRATION)
    for _ in range(20):  # to the first page with a field typed in pinyin
        settle()
        pinyin = [
            line
            for line in screens.form.findChildren(QLineEdit)
            if line.isVisible() and line.property("keyboard") == "pinyin"
        ]
        if pinyin:
            break
        drive.fill_form_page(offering)
        drive.tap("form_next")
    page = shown_fields(kiosk)
    typed = pinyin[0]

    typed.setFocus()
    settle()
    with_keyboard = shown_fields(kiosk)
    drive.tap("key_mode_digits")
    settle()

    assert with_keyboard == page
    assert shown_fields(kiosk) == page
    form = screens.form
    assert_clear_of(form.keyboard, typed, form.back_button, form.next_button)


SHORT_PANELS = [
    pytest.param(panel, elder, english, id=f"{panel}-{'elder' if elder else 'normal'}-{language}")
    for panel in ("1366x768", "1280x1024")
    for elder in (False, True)
    for english, language in ((False, "zh"), (True, "en"))
]


@pytest.mark.parametrize(("panel", "elder", "english"), SHORT_PANELS)
def test_the_elderly_card_form_fits_short_panels_with_the_keyboard_up(
    kiosk: RunningKiosk, panel: str, elder: bool, english: bool
) -> None:
    """The form's part of the accessibility walk, on the panel itself (an earlier screen that
    does not fit yet would otherwise leave the window grown)."""
    drive, screens = kiosk.driver, kiosk.window.screens
    if english:
        drive.tap("language_toggle")
    if elder:
        drive.tap("elder_toggle")
    drive.open_guide(ELDERLY_MATTER)
    kiosk.card.place_card(demo_cards.ELDERLY_RESIDENT)
    drive.tap("guide_proceed")
    drive.wait_for(screens.form)
    kiosk.window.setMinimumSize(1, 1)  # undo what an earlier screen that does not fit grew
    kiosk.window.resize(PANEL_SIZES[panel])
    kiosk.window.setMinimumSize(0, 0)  # and let the form grow it, if it asks more
    offering = drive.offering()
    assert offering is not None
    problems: list[str] = []
    for _ in range(20):
        if not drive.on(screens.form):
            break
        problems += problems_on_screen(kiosk.window, PANEL_SIZES[panel], TEXT_PX[elder])
        drive.fill_form_page(offering)
        # and again with the keyboard up
        problems += problems_on_screen(kiosk.window, PANEL_SIZES[panel], TEXT_PX[elder])
        drive.tap("form_next")

    assert problems == []
