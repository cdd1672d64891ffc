"""Every screen a resident meets: named for assistive technology, large enough to tap and
read, in normal and elder mode."""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from drivers.idcard import demo_cards
from tests.ui.conftest import RunningKiosk
from tests.ui.test_journey import elderly_to_materials
from ui.widgets.signature_pad import SignaturePad

# 15 mm on a 21.5-inch 1920x1080 panel (0.248 mm a pixel) is 61 pixels.
MIN_TARGET_PX = 61
INTERACTIVE = (QAbstractButton, QLineEdit, SignaturePad)


def interactive_widgets(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if isinstance(w, INTERACTIVE)]


def problems_on_screen(kiosk: RunningKiosk, min_text_px: int) -> list[str]:
    screen = kiosk.window.journey.current()
    found = []
    if kiosk.window.height() > 1080 or kiosk.window.width() > 1920:
        size = f"{kiosk.window.width()}x{kiosk.window.height()}"
        found.append(f"{screen.objectName()}: needs {size} px, more than a 1080p screen")
    for widget in interactive_widgets(screen):
        if not widget.isVisible():
            continue
        name = f"{screen.objectName()}/{widget.objectName() or type(widget).__name__}"
        if widget.height() < MIN_TARGET_PX or widget.width() < MIN_TARGET_PX:
            found.append(f"{name}: {widget.width()}x{widget.height()} px is too small to tap")
    for label in screen.findChildren(QLabel):
        label.ensurePolished()  # the style sheet's font applies once a widget is polished
        if label.isVisible() and label.text() and label.font().pixelSize() < min_text_px:
            found.append(f"{screen.objectName()}/{label.objectName()}: text too small")
    return found


def walk_a_visit(kiosk: RunningKiosk, min_text_px: int, elder: bool = False) -> list[str]:
    drive, journey = kiosk.driver, kiosk.window.journey
    if elder:
        drive.tap("elder_toggle")
    found = problems_on_screen(kiosk, min_text_px)
    drive.tap("start_button")
    found += problems_on_screen(kiosk, min_text_px)
    drive.tap("matter_list_back")  # the visit ends: the next one starts in normal mode
    if elder:
        drive.tap("elder_toggle")
    kiosk.card.place_card(demo_cards.ELDERLY_RESIDENT)
    drive.start_matter("11440100MB2C91234A-LZ-0001")
    found += problems_on_screen(kiosk, min_text_px)
    drive.wait_for(journey.form)
    found += problems_on_screen(kiosk, min_text_px)
    offering = journey._offering()
    assert offering is not None
    drive.fill_form(offering)
    found += problems_on_screen(kiosk, min_text_px)  # materials
    drive.tap("materials_next")
    drive.tap("delivery_1")  # by post: the address and the pinyin keyboard appear
    found += problems_on_screen(kiosk, min_text_px)
    drive.tap("delivery_next")
    found += problems_on_screen(kiosk, min_text_px)  # confirm
    drive.tap("confirm_submit")
    drive.wait_for(journey.thanks)
    found += problems_on_screen(kiosk, min_text_px)
    drive.tap("thanks_rate")
    found += problems_on_screen(kiosk, min_text_px)
    drive.tap("rating_skip")
    if elder:
        drive.tap("elder_toggle")
    drive.tap("lookup_button")
    found += problems_on_screen(kiosk, min_text_px)
    return found


def test_every_interactive_widget_has_a_name_and_a_description(kiosk: RunningKiosk) -> None:
    elderly_to_materials(kiosk)  # fills the dynamic screens: matters, guide, form, materials
    kiosk.driver.tap("material_residence_permit_commitment")
    kiosk.driver.tap("materials_next")
    missing = [
        f"{w.objectName() or type(w).__name__} ({type(w).__name__})"
        for w in interactive_widgets(kiosk.window)
        if not w.accessibleName().strip() or not w.accessibleDescription().strip()
    ]
    assert missing == []


def test_normal_mode_targets_and_text_are_large_enough(kiosk: RunningKiosk) -> None:
    assert walk_a_visit(kiosk, min_text_px=24) == []


def test_elder_mode_targets_and_text_are_larger_still(kiosk: RunningKiosk) -> None:
    assert walk_a_visit(kiosk, min_text_px=36, elder=True) == []
