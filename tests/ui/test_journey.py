"""Residents' whole visits, driven with real taps on the real widgets, offscreen."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QLabel
from sqlalchemy import select
from sqlalchemy.orm import Session

from drivers.idcard import FaultKind, demo_cards
from drivers.printer import extract_qr_payloads, extract_text
from kiosk.catalog.offerings import find_offering
from kiosk.storage.tables import RatingRow, SubmissionRow
from tests.helpers.data import ELDERLY_MATTER
from tests.helpers.devices.idcard_corruption import overwrite_text
from tests.helpers.sealed import opened_payload
from tests.helpers.ui.visits import RunningKiosk, elderly_to_materials, submit_from_confirm

NEWBORN = "YSLB-BIRTH-0001"
DISABILITY = "51440100MB2C80091E-CL-0001"  # 残疾人两项补贴: a bank card may come later (容缺)
# How long a screen may take to react to a simulated device (a scan, a card placed): it answers
# in well under a second, but 5 s ran out beside another test on a loaded two-core machine.
DEVICE_MS = 30_000


def rows(kiosk: RunningKiosk) -> list[SubmissionRow]:
    with Session(kiosk.services.engine) as session:
        return list(session.scalars(select(SubmissionRow).order_by(SubmissionRow.id)))


def test_an_elderly_resident_applies_and_takes_a_receipt_home(kiosk: RunningKiosk) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    elderly_to_materials(kiosk)
    drive.tap("materials_next")
    drive.tap("delivery_0")  # 自取
    drive.tap("delivery_next")
    case_number = submit_from_confirm(kiosk)

    (row,) = rows(kiosk)
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
    assert any(case_number in payload for payload in extract_qr_payloads(receipt))

    drive.tap("thanks_done")
    assert drive.on(screens.attract)
    assert drive.visit.answers == {}
    assert drive.visit.identity == {}


def test_a_commitment_is_read_and_signed_on_screen(kiosk: RunningKiosk) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    elderly_to_materials(kiosk)
    drive.tap("material_residence_permit_commitment")
    assert "承诺内容" in drive.text_of("material_residence_permit_commitment")
    drive.tap("materials_next")
    assert "签名" in drive.text_of("error_signature")  # not signed yet: told so, not moved on
    assert drive.on(screens.materials)
    drive.sign("materials_signature")
    drive.tap("materials_next")
    drive.tap("delivery_0")
    drive.tap("delivery_next")
    submit_from_confirm(kiosk)
    payload = opened_payload(rows(kiosk)[0])
    assert payload["materials"]["residence_permit"] == {"choice": "commitment"}
    assert len(payload["signature"]["strokes"][0]) >= 8


def test_posting_the_result_uses_the_address_typed_on_the_pinyin_keyboard(
    kiosk: RunningKiosk,
) -> None:
    drive = kiosk.driver
    elderly_to_materials(kiosk)
    drive.tap("materials_next")
    drive.tap("delivery_1")  # 邮寄
    address = drive.visible(type(kiosk.window.screens.delivery.address), "delivery_address")
    address.clear()
    drive.tap_keys(*(f"key_{letter}" for letter in "renminlu"), "candidate_0")
    drive.tap_keys("key_mode_digits", "key_digit_8", "key_digit_8")
    assert address.text().startswith("人民路")
    address.insert("号院3号楼")  # the rest as a relative might type it
    drive.tap("delivery_next")
    submit_from_confirm(kiosk)
    payload = opened_payload(rows(kiosk)[0])
    assert payload["delivery"] == {"method": "邮寄", "address": "人民路88号院3号楼"}


def test_a_bank_card_may_be_supplied_later_with_its_deadline_on_the_receipt(
    kiosk: RunningKiosk,
) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    offering = find_offering(kiosk.services.catalogs.current(), DISABILITY)
    assert offering is not None
    kiosk.card.place_card(demo_cards.YOUNG_MAN)
    drive.start_matter(DISABILITY)
    drive.wait_for(screens.form)
    drive.fill_form(offering)
    drive.tap("material_bank_card_deferred")
    drive.tap("materials_next")
    submit_from_confirm(kiosk)
    payload = opened_payload(rows(kiosk)[0])
    assert payload["materials"]["bank_card"]["choice"] == "deferred"
    assert "容缺受理" in extract_text(kiosk.receipts.read_bytes())


def test_a_bundle_is_one_form_and_one_receipt_for_three_departments(
    kiosk: RunningKiosk,
) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    offering = find_offering(kiosk.services.catalogs.current(), NEWBORN)
    assert offering is not None
    kiosk.card.place_card(demo_cards.YOUNG_MAN)
    drive.start_matter(NEWBORN)
    drive.wait_for(screens.form)
    drive.fill_form(offering)
    drive.tap("materials_next")
    drive.tap("delivery_0")
    drive.tap("delivery_next")
    submit_from_confirm(kiosk)
    stored = rows(kiosk)
    assert len(stored) == 3
    assert len({r.bundle_id for r in stored}) == 1
    text = extract_text(kiosk.receipts.read_bytes())
    assert all(r.case_number in text for r in stored)


def test_a_wrong_phone_number_is_shown_under_its_field_and_can_be_corrected(
    kiosk: RunningKiosk,
) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    kiosk.card.place_card(demo_cards.ELDERLY_RESIDENT)
    drive.start_matter(ELDERLY_MATTER)
    drive.wait_for(screens.form)
    drive.type_into("field_mobile_input", "12345")
    drive.tap("form_next")
    assert "11位手机号码" in drive.text_of("error_mobile")
    assert drive.on(screens.form)
    drive.visible(type(screens.delivery.address), "field_mobile_input").clear()
    drive.type_into("field_mobile_input", "13900139000")
    drive.tap("form_next")
    assert drive.find(QLabel, "error_mobile").text() == ""
    assert drive.text_of("form_page").startswith("第 2 页")


def test_a_resident_under_sixty_is_told_why_before_any_form(kiosk: RunningKiosk) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    kiosk.card.place_card(demo_cards.YOUNG_MAN)
    drive.start_matter(ELDERLY_MATTER)
    drive.qtbot.waitUntil(
        lambda: "需年满60周岁" in drive.text_of("identify_status"), timeout=DEVICE_MS
    )
    assert drive.on(screens.identify)
    drive.tap("identify_cancel")
    assert drive.on(screens.attract)


def test_a_bad_rating_needs_a_reason_and_is_flagged_for_follow_up(kiosk: RunningKiosk) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    elderly_to_materials(kiosk)
    drive.tap("materials_next")
    drive.tap("delivery_0")
    drive.tap("delivery_next")
    case_number = submit_from_confirm(kiosk)
    drive.tap("thanks_rate")
    assert drive.on(screens.rating)
    drive.tap("rate_dissatisfied")
    drive.tap("rating_submit")
    assert "原因" in drive.text_of("rating_error")
    drive.tap("rating_reason_1")
    drive.tap("rating_submit")
    assert "感谢" in drive.text_of("rating_thanks")
    with Session(kiosk.services.engine) as session:
        (rating,) = session.scalars(select(RatingRow))
    assert (rating.case_number, rating.level, rating.needs_follow_up) == (
        case_number,
        "DISSATISFIED",
        True,
    )
    assert json.loads(rating.reasons) == ["操作步骤太多"]


def test_progress_is_found_by_case_number_receipt_qr_and_id_card(kiosk: RunningKiosk) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    elderly_to_materials(kiosk)
    drive.tap("materials_next")
    drive.tap("delivery_0")
    drive.tap("delivery_next")
    case_number = submit_from_confirm(kiosk)
    drive.tap("thanks_done")

    drive.tap("lookup_button")
    assert drive.on(screens.lookup)
    drive.type_into("lookup_case_number", case_number)
    drive.tap("lookup_search")
    assert case_number in drive.text_of("lookup_results")
    assert "等待发送" in drive.text_of("lookup_results")
    assert "尚未与办理部门同步" in drive.text_of("lookup_results")

    drive.tap("lookup_back")
    drive.tap("lookup_button")
    (qr_payload,) = extract_qr_payloads(kiosk.receipts.read_bytes())
    kiosk.scanner.scan(qr_payload)
    drive.qtbot.waitUntil(lambda: case_number in drive.text_of("lookup_results"), timeout=DEVICE_MS)

    drive.tap("lookup_back")
    kiosk.card.remove_card()
    drive.tap("lookup_button")
    kiosk.card.place_card(demo_cards.ELDERLY_RESIDENT)
    drive.qtbot.waitUntil(lambda: case_number in drive.text_of("lookup_results"), timeout=DEVICE_MS)


def test_nothing_found_says_what_to_do(kiosk: RunningKiosk) -> None:
    drive = kiosk.driver
    drive.tap("lookup_button")
    drive.type_into("lookup_case_number", "T0000000-20200101-000001")
    drive.tap("lookup_search")
    assert "没有找到办件" in drive.text_of("lookup_results")


def test_matters_are_found_by_life_event_department_and_pinyin_initials(
    kiosk: RunningKiosk,
) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    drive.tap("start_button")
    drive.choose_filter("养老")
    assert ELDERLY_MATTER in screens.matters.matter_buttons
    drive.choose_filter("公安")
    shown = screens.matters.shown
    assert shown and all(
        any(m.department_kind == "公安" for m in offering.members) for offering in shown
    )
    assert NEWBORN in {o.code for o in shown}  # a bundle with a 公安 member is one item
    drive.tap("matter_list_search")
    drive.tap_keys("key_l", "key_n", "key_r")
    assert screens.matters.shown[0].code == ELDERLY_MATTER


def test_a_name_the_card_carries_as_a_private_code_is_flagged_to_check_against_the_card(
    kiosk: RunningKiosk,
) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    kiosk.card.place_card(demo_cards.PRIVATE_USE_NAME)
    drive.start_matter("11440100MB2C10021K-GA-0002")  # 居住证申领: no age rule
    drive.wait_for(screens.form)
    assert "请以证件为准" in drive.text_of("form_card_note")
    drive.tap("form_back")
    drive.tap("guide_back")
    drive.tap("matter_list_back")
    kiosk.card.remove_card()
    kiosk.card.place_card(demo_cards.YOUNG_MAN)
    drive.start_matter("11440100MB2C10021K-GA-0002")
    drive.wait_for(screens.form)
    assert not drive.find(QLabel, "form_card_note").isVisible()


def test_a_foreign_holder_without_a_chinese_name_is_named_by_the_english_name(
    kiosk: RunningKiosk,
) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    kiosk.card.place_card(demo_cards.FOREIGN_RESIDENT_2017)
    drive.start_matter("11440100MB2C10021K-GA-0002")  # 居住证申领: no age rule
    drive.wait_for(screens.form)
    assert drive.text_of("field_name_shown").startswith("M*")
    assert "MACDONALD, DAVID JAMES" in drive.visit.identity.values()


def test_a_card_read_wrongly_twice_asks_the_resident_to_place_it_again(
    kiosk: RunningKiosk,
) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    wrong_number = overwrite_text(122, "11010\ub4f519491231002X")
    kiosk.card.corrupt_next_reads(wrong_number, wrong_number)
    kiosk.card.place_card(demo_cards.ELDERLY_RESIDENT)
    drive.start_matter("11440100MB2C10021K-GA-0002")
    drive.qtbot.waitUntil(
        lambda: "请重新放置证件" in screens.identify.status.text(), timeout=DEVICE_MS
    )
    assert screens.identify.status.text() == FaultKind.BAD_READ.message
    assert drive.screen is screens.identify
    assert drive.visit.identity == {}


def test_the_bad_read_advice_is_shown_in_english_too(
    kiosk: RunningKiosk,
) -> None:
    drive, screens = kiosk.driver, kiosk.window.screens
    drive.tap("language_toggle")
    wrong_number = overwrite_text(122, "110105194912310021")
    kiosk.card.corrupt_next_reads(wrong_number, wrong_number)
    kiosk.card.place_card(demo_cards.ELDERLY_RESIDENT)
    drive.start_matter("11440100MB2C10021K-GA-0002")
    drive.qtbot.waitUntil(
        lambda: "place it again" in screens.identify.status.text(), timeout=DEVICE_MS
    )
