"""A resident's whole visit, driven with real clicks on the real widgets, offscreen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select
from sqlalchemy.orm import Session

from drivers.idcard import demo_cards
from drivers.printer import extract_qr_payloads, extract_text
from kiosk.storage.tables import SubmissionRow
from tests.helpers import ELDERLY_MATTER
from tests.ui.conftest import RunningKiosk


def find(kiosk: RunningKiosk, kind: type[QWidget], name: str) -> QWidget:
    widget = kiosk.window.findChild(kind, name)
    assert widget is not None, name
    return widget


def click(qtbot: QtBot, kiosk: RunningKiosk, name: str) -> None:
    qtbot.mouseClick(find(kiosk, QAbstractButton, name), Qt.MouseButton.LeftButton)


def walk_to_form(qtbot: QtBot, kiosk: RunningKiosk) -> None:
    journey = kiosk.window.journey
    click(qtbot, kiosk, "start_button")
    assert journey.current() is journey.matters
    click(qtbot, kiosk, f"matter_{ELDERLY_MATTER}")
    assert journey.current() is journey.guide
    click(qtbot, kiosk, "guide_proceed")
    assert journey.current() is journey.identify


def test_an_elderly_resident_applies_and_takes_a_receipt_home(
    qtbot: QtBot, kiosk: RunningKiosk
) -> None:
    journey = kiosk.window.journey
    kiosk.card.place_card(demo_cards.ELDERLY_RESIDENT)
    walk_to_form(qtbot, kiosk)
    qtbot.waitUntil(lambda: journey.current() is journey.form, timeout=5000)

    name_shown = find(kiosk, QLabel, "field_name_shown")
    assert isinstance(name_shown, QLabel) and name_shown.text().startswith("王**")
    mobile = find(kiosk, QLineEdit, "field_mobile_input")
    qtbot.keyClicks(mobile, "13800138000")
    click(qtbot, kiosk, "field_reissue_1")  # 否
    click(qtbot, kiosk, "delivery_0")  # 自取
    click(qtbot, kiosk, "form_next")
    assert journey.current() is journey.confirm

    click(qtbot, kiosk, "confirm_submit")
    qtbot.waitUntil(lambda: journey.current() is journey.thanks, timeout=10000)
    case_label = find(kiosk, QLabel, "thanks_case_number")
    assert isinstance(case_label, QLabel)
    case_number = case_label.text().split("：")[1].split("（")[0]

    with Session(kiosk.services.engine) as session:
        row = session.scalars(select(SubmissionRow)).one()
    assert row.case_number == case_number
    assert (row.matter_code, row.state, row.receipt_state) == (ELDERLY_MATTER, "queued", "printed")

    receipt = kiosk.receipts.read_bytes()
    text = extract_text(receipt)
    assert case_number in text
    assert "老年人优待证申领" in text
    assert "王**" in text
    assert demo_cards.ELDERLY_RESIDENT.id_number not in text
    assert receipt.startswith(b"\x1b@")  # ESC @: the printer is initialised first
    assert b"\x1c&" in receipt  # FS &: Chinese character mode
    assert "政务服务受理回执".encode("gb18030") in receipt
    assert any(case_number in payload for payload in extract_qr_payloads(receipt))

    click(qtbot, kiosk, "thanks_done")
    assert journey.current() is journey.attract
    assert journey.session.application is None
    assert journey.session.prefill == {}


def test_a_wrong_phone_number_is_shown_under_its_field_and_can_be_corrected(
    qtbot: QtBot, kiosk: RunningKiosk
) -> None:
    journey = kiosk.window.journey
    kiosk.card.place_card(demo_cards.ELDERLY_RESIDENT)
    walk_to_form(qtbot, kiosk)
    qtbot.waitUntil(lambda: journey.current() is journey.form, timeout=5000)
    mobile = find(kiosk, QLineEdit, "field_mobile_input")
    qtbot.keyClicks(mobile, "12345")
    click(qtbot, kiosk, "field_reissue_1")
    click(qtbot, kiosk, "delivery_0")
    click(qtbot, kiosk, "form_next")
    error = find(kiosk, QLabel, "error_mobile")
    assert isinstance(error, QLabel) and "11位手机号码" in error.text()
    assert journey.current() is journey.form

    assert isinstance(mobile, QLineEdit)
    mobile.clear()
    qtbot.keyClicks(mobile, "13900139000")
    click(qtbot, kiosk, "form_next")
    assert journey.current() is journey.confirm


def test_a_resident_under_sixty_is_told_why_before_any_form(
    qtbot: QtBot, kiosk: RunningKiosk
) -> None:
    journey = kiosk.window.journey
    kiosk.card.place_card(demo_cards.YOUNG_MAN)
    walk_to_form(qtbot, kiosk)
    status = find(kiosk, QLabel, "identify_status")
    assert isinstance(status, QLabel)
    qtbot.waitUntil(lambda: "需年满60周岁" in status.text(), timeout=5000)
    assert journey.current() is journey.identify

    click(qtbot, kiosk, "identify_cancel")
    assert journey.current() is journey.attract
    assert status.text() == ""
