"""The card record: masked repr, private-use detection, and the demo cards' numbers."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date

import pytest

from drivers.idcard import demo_cards
from drivers.idcard.interface import CardPresent
from drivers.idcard.record import CardType, IdCardRecord
from kiosk.forms.id_number import id_number_problem


@pytest.mark.parametrize("record", demo_cards.DEMO_CARDS, ids=lambda record: record.name)
def test_repr_shows_no_personal_data(record: IdCardRecord) -> None:
    shown = repr(record) + str(record) + repr(CardPresent(record))
    for secret in (record.name, record.id_number, record.address, record.id_number[-6:]):
        assert secret not in shown
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


@pytest.mark.parametrize("record", demo_cards.DEMO_CARDS, ids=lambda record: record.name)
def test_demo_cards_are_consistent(record: IdCardRecord) -> None:
    # The demo cards must pass the kiosk's own GB 11643 rule, the one the forms apply.
    assert id_number_problem(record.id_number, date(2026, 11, 23)) is None
    assert record.id_number[6:14] == record.birth_date.strftime("%Y%m%d")
    assert int(record.id_number[16]) % 2 == (1 if record.sex == "男" else 0)
    assert len(record.photo_wlt) == 1024


def test_demo_permit_holder_has_a_hong_kong_number() -> None:
    permit = demo_cards.HONG_KONG_PERMIT
    assert permit.card_type is CardType.HMT_RESIDENCE_PERMIT
    assert permit.id_number.startswith("81")


def test_demo_rare_name_holds_a_character_beyond_the_bmp() -> None:
    assert any(ord(char) > 0xFFFF for char in demo_cards.RARE_NAME.name)
