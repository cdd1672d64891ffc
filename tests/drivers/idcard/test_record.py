"""The card record: masked repr, private-use detection, and the demo cards' numbers."""

from __future__ import annotations

import logging
from dataclasses import fields, replace
from datetime import date

import pytest

from drivers.idcard import demo_cards
from drivers.idcard.interface import CardPresent
from drivers.idcard.record import CARD_FIELDS, CardType, IdCardRecord
from drivers.idcard.validation import card_problem
from kiosk.forms.id_number import id_number_problem


def card_id(record: IdCardRecord) -> str:
    return record.display_name


@pytest.mark.parametrize("record", demo_cards.DEMO_CARDS, ids=card_id)
def test_repr_shows_no_personal_data(record: IdCardRecord) -> None:
    shown = repr(record) + str(record) + repr(CardPresent(record))
    secrets = (record.name, record.english_name, record.id_number, record.address)
    for secret in (*secrets, record.id_number[-6:], record.pass_number):
        assert not secret or secret not in shown
    assert record.birth_date.isoformat() not in shown
    assert record.photo_wlt[:16].hex() not in shown
    assert "WLT-DEMO" not in shown


def test_logging_a_record_leaks_nothing(caplog: pytest.LogCaptureFixture) -> None:
    record = demo_cards.ELDERLY_RESIDENT
    with caplog.at_level(logging.INFO):
        logging.getLogger("test").info("read %s", record)
    assert "王秀英" not in caplog.text
    assert "11010519491231002X" not in caplog.text


def test_private_use_code_point_in_the_name_asks_for_the_card_to_be_checked() -> None:
    assert demo_cards.PRIVATE_USE_NAME.has_private_use_chars
    assert not demo_cards.ELDERLY_RESIDENT.has_private_use_chars


def test_private_use_code_point_in_the_address_counts_too() -> None:
    record = replace(demo_cards.YOUNG_MAN, address="广东省深圳市\uf8ff路")
    assert record.has_private_use_chars


def test_character_beyond_the_bmp_is_not_private_use() -> None:
    assert not demo_cards.RARE_NAME.has_private_use_chars


def test_elderly_demo_resident_has_the_documented_number() -> None:
    record = demo_cards.ELDERLY_RESIDENT
    assert record.id_number == "11010519491231002X"
    assert record.sex == "女"
    assert record.valid_to is None


CITIZEN_STYLE_CARDS = [
    card
    for card in demo_cards.DEMO_CARDS
    if card.card_type in (CardType.RESIDENT, CardType.HMT_RESIDENCE_PERMIT)
]


@pytest.mark.parametrize("record", CITIZEN_STYLE_CARDS, ids=card_id)
def test_demo_resident_and_permit_cards_pass_the_forms_number_rule(record: IdCardRecord) -> None:
    # The kiosk's own GB 11643 rule, the one the forms apply to a typed number.
    assert id_number_problem(record.id_number, date(2026, 11, 23)) is None
    assert record.id_number[6:14] == record.birth_date.strftime("%Y%m%d")
    assert int(record.id_number[16]) % 2 == (1 if record.sex == "男" else 0)


@pytest.mark.parametrize("record", demo_cards.DEMO_CARDS, ids=card_id)
def test_demo_cards_pass_the_read_time_checks(record: IdCardRecord) -> None:
    assert card_problem(record) is None
    assert len(record.photo_wlt) == 1024


def test_demo_cards_cover_every_card_type() -> None:
    assert {card.card_type for card in demo_cards.DEMO_CARDS} == set(CardType)


@pytest.mark.parametrize("record", demo_cards.DEMO_CARDS, ids=card_id)
def test_demo_cards_fill_only_the_fields_their_card_type_carries(record: IdCardRecord) -> None:
    carried = set(CARD_FIELDS[record.card_type])
    text_fields = [f.name for f in fields(record) if isinstance(getattr(record, f.name), str)]
    for field in text_fields:
        if field not in carried:
            assert getattr(record, field) == "", field


def test_display_name_is_the_chinese_name_when_the_card_has_one() -> None:
    assert demo_cards.FOREIGN_RESIDENT_2023.display_name == "玛丽亚"
    assert demo_cards.ELDERLY_RESIDENT.display_name == "王秀英"


def test_display_name_of_a_foreign_holder_without_a_chinese_name_is_the_english_name() -> None:
    holder = demo_cards.FOREIGN_RESIDENT_2017
    assert holder.name == ""
    assert holder.display_name == "MACDONALD, DAVID JAMES"


def test_long_term_validity_is_explicit() -> None:
    assert demo_cards.ELDERLY_RESIDENT.valid_long_term
    assert not demo_cards.YOUNG_MAN.valid_long_term


def test_demo_permit_holder_has_a_hong_kong_number() -> None:
    permit = demo_cards.HONG_KONG_PERMIT
    assert permit.card_type is CardType.HMT_RESIDENCE_PERMIT
    assert permit.id_number.startswith("81")


def test_demo_rare_name_holds_a_character_beyond_the_bmp() -> None:
    assert any(ord(char) > 0xFFFF for char in demo_cards.RARE_NAME.name)
