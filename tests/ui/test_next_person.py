"""The next person in line never sees anything of the previous resident."""

from __future__ import annotations

import gc

from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from drivers.idcard import IdCardRecord, demo_cards
from kiosk.privacy import mask_id_number, mask_mobile
from tests.helpers.ui.visits import RunningKiosk, elderly_to_materials, submit_from_confirm
from ui.widgets.signature_pad import SignaturePad


def every_visible_text(window: QWidget) -> str:
    """All text any widget of any screen could show or announce, hidden ones included."""
    texts = [window.windowTitle()]
    for widget in window.findChildren(QWidget):
        texts += [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit):
            texts += [widget.text(), widget.placeholderText()]
    return "\n".join(texts)


def test_an_idle_timeout_after_a_whole_visit_leaves_no_trace(kiosk: RunningKiosk) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    resident = demo_cards.ELDERLY_RESIDENT
    gc.collect()
    before = {id(o) for o in gc.get_objects() if isinstance(o, IdCardRecord)}
    elderly_to_materials(kiosk)
    drive.tap("material_residence_permit_commitment")
    drive.sign("materials_signature")
    drive.tap("materials_next")
    drive.tap("delivery_1")
    drive.tap("delivery_next")
    case_number = submit_from_confirm(kiosk)

    kiosk.window.idle.configure(timeout_s=0.2, warning_s=0.4)
    kiosk.window.idle.poke()
    drive.qtbot.waitUntil(kiosk.window.idle_dialog.isVisible, timeout=3000)
    assert "需要更多时间吗" in drive.text_of("idle_question")
    drive.wait_for(screens.attract, timeout=3000)

    traces = (
        resident.name,
        resident.id_number,
        mask_id_number(resident.id_number),
        "王**",
        "13800138000",
        mask_mobile("13800138000"),
        resident.address,
        case_number,
    )
    shown = every_visible_text(kiosk.window)
    for trace in traces:
        assert trace not in shown, trace
    assert all(pad.is_empty() for pad in kiosk.window.findChildren(SignaturePad))
    assert drive.visit.identity == {} and drive.visit.answers == {}
    assert drive.visit.accepted is None
    gc.collect()
    read_records = [
        o for o in gc.get_objects() if isinstance(o, IdCardRecord) and id(o) not in before
    ]
    assert read_records == []  # the record read from the card is gone from memory too


def test_touching_the_screen_during_the_countdown_keeps_the_visit(kiosk: RunningKiosk) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    kiosk.card.place_card(demo_cards.ELDERLY_RESIDENT)
    drive.start_matter("11440100MB2C91234A-LZ-0001")
    drive.wait_for(screens.form)
    kiosk.window.idle.configure(timeout_s=0.2, warning_s=5)
    kiosk.window.idle.poke()
    drive.qtbot.waitUntil(kiosk.window.idle_dialog.isVisible, timeout=3000)
    drive.tap("idle_continue")
    assert not kiosk.window.idle_dialog.isVisible()
    assert drive.on(screens.form)
    kiosk.window.idle.configure(timeout_s=60, warning_s=20)
    kiosk.window.idle.poke()


def test_cancelling_wipes_the_form(kiosk: RunningKiosk) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    kiosk.card.place_card(demo_cards.ELDERLY_RESIDENT)
    drive.start_matter("11440100MB2C91234A-LZ-0001")
    drive.wait_for(screens.form)
    drive.type_into("field_mobile_input", "13800138000")
    drive.tap("form_back")  # to the guide
    drive.tap("guide_back")
    drive.tap("matter_list_back")
    assert drive.on(screens.attract)
    assert "13800138000" not in every_visible_text(kiosk.window)
