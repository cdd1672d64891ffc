"""Read-time checks: a record is what a card of its type can carry, or it is refused."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from drivers.idcard import demo_cards
from drivers.idcard.record import IdCardRecord
from drivers.idcard.validation import card_problem

RESIDENT = demo_cards.ELDERLY_RESIDENT
PERMIT = demo_cards.HONG_KONG_PERMIT
FOREIGN_2017 = demo_cards.FOREIGN_RESIDENT_2017
FOREIGN_2023 = demo_cards.FOREIGN_RESIDENT_2023


@pytest.mark.parametrize(
    ("record", "field"),
    [
        (replace(RESIDENT, id_number="11010\ub4f519491231002X"), "id_number"),
        (replace(RESIDENT, id_number="110105194912310021"), "id_number"),
        (replace(RESIDENT, id_number="11010519491231002"), "id_number"),
        (replace(RESIDENT, id_number="110105194912310025"), "id_number"),
        (replace(PERMIT, id_number="810000198001011230"), "id_number"),
        (replace(PERMIT, id_number="11010519491231002X"), "id_number"),
        (replace(FOREIGN_2023, id_number="911724199203080028"), "id_number"),
        (replace(FOREIGN_2023, id_number="440305199806180313"), "id_number"),
        (replace(FOREIGN_2017, id_number="CAN31007811021"), "id_number"),
        (replace(FOREIGN_2017, id_number="USA310078110213"), "nationality"),
    ],
)
def test_a_wrong_id_number_is_refused(record: IdCardRecord, field: str) -> None:
    problem = card_problem(record)
    assert problem is not None
    assert field in problem
    assert record.id_number not in problem  # the problem is logged: no personal data


def test_id_number_and_birth_date_must_agree() -> None:
    problem = card_problem(replace(RESIDENT, birth_date=date(1949, 12, 30)))
    assert problem == "id_number and birth_date disagree"


def test_id_number_and_sex_must_agree() -> None:
    assert card_problem(replace(RESIDENT, sex="男")) == "id_number and sex disagree"


def test_an_unspecified_sex_is_not_held_to_the_sequence_number() -> None:
    assert card_problem(replace(RESIDENT, sex="未说明")) is None


def test_a_resident_card_needs_a_gb_3304_nation() -> None:
    assert card_problem(replace(RESIDENT, nation="火星")) == "nation is not a GB 3304 nation"


@pytest.mark.parametrize(
    "changes",
    [
        {"valid_from": date(1940, 1, 1)},
        {"birth_date": date(1899, 12, 31), "id_number": "110105189912310023"},
        {"valid_to": date(2010, 3, 15)},
        {"valid_to": date(2200, 1, 1)},
    ],
)
def test_dates_must_be_in_a_possible_order(changes: dict[str, object]) -> None:
    assert card_problem(replace(RESIDENT, **changes)) is not None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "王\x00英"),
        ("name", "王\u200b英"),  # a zero-width space is a format character
        ("address", "北京市\n朝阳区"),
        ("address", "北京市\u0378区"),  # unassigned
        ("name", "王\ud800英"),  # a lone surrogate
        ("issuer", "北京市公安局\ue000"),  # private use belongs to names and addresses
    ],
)
def test_text_holding_characters_no_card_prints_is_refused(field: str, value: str) -> None:
    problem = card_problem(replace(RESIDENT, **{field: value}))  # type: ignore[arg-type]
    assert problem == f"{field} holds characters no card prints"


def test_a_broken_utf16_unit_shown_as_replacement_is_refused_on_the_serial_line() -> None:
    record = replace(RESIDENT, name="王\ufffd英")
    assert card_problem(record) is not None
    assert card_problem(record, substitutes_allowed=True) is None


@pytest.mark.parametrize(
    "name",
    [
        "陈\U00020bb7",  # CJK extension B
        "陈\U00031350",  # extension H: newer than some character databases
        "赵\ue863明",  # private use, as cards carry characters UCS-2 lacks
        "买买提·艾力",  # the middle dot of names written in other scripts
    ],
)
def test_rare_and_private_use_characters_in_a_name_pass(name: str) -> None:
    assert card_problem(replace(RESIDENT, name=name)) is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"pass_number": ""}, "pass_number"),
        ({"pass_number": "H1234\u00e9"}, "pass_number"),
        ({"issue_count": "x1"}, "issue_count"),
        ({"nation": "汉"}, "nation"),
    ],
)
def test_permit_fields_are_checked(changes: dict[str, str], field: str) -> None:
    problem = card_problem(replace(PERMIT, **changes))
    assert problem is not None
    assert field in problem


def test_a_foreign_card_without_a_chinese_name_passes() -> None:
    assert FOREIGN_2017.name == ""
    assert card_problem(FOREIGN_2017) is None


@pytest.mark.parametrize("record", [FOREIGN_2017, FOREIGN_2023])
def test_a_foreign_card_needs_its_english_name(record: IdCardRecord) -> None:
    assert card_problem(replace(record, english_name="")) is not None
    assert card_problem(replace(record, english_name="SMITH\x07")) is not None


@pytest.mark.parametrize("record", [FOREIGN_2017, FOREIGN_2023])
def test_a_foreign_card_needs_an_alpha_3_nationality(record: IdCardRecord) -> None:
    problem = card_problem(replace(record, nationality="C4N"))
    assert problem is not None
    assert "nationality" in problem
