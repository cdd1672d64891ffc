"""PINs are kept only as salted scrypt hashes, and must be hard enough to guess."""

from __future__ import annotations

import pytest

from kiosk.staff.pins import InvalidPin, hash_pin, pin_matches, pin_problem


@pytest.mark.parametrize("pin", ["12345", "123456789", "12a456", "１２３４５６", ""])
def test_a_pin_is_six_to_eight_ascii_digits(pin: str) -> None:
    assert pin_problem(pin) is not None


@pytest.mark.parametrize("pin", ["000000", "7777777", "123456", "567890", "654321", "098765"])
def test_a_pin_of_one_digit_or_a_run_is_refused(pin: str) -> None:
    assert pin_problem(pin) is not None


@pytest.mark.parametrize("pin", ["275931", "1357924", "80419263"])
def test_an_ordinary_pin_is_accepted(pin: str) -> None:
    assert pin_problem(pin) is None


def test_the_stored_hash_matches_only_its_own_pin() -> None:
    stored = hash_pin("275931")
    assert pin_matches("275931", stored)
    assert not pin_matches("275932", stored)
    assert "275931" not in stored


def test_the_same_pin_hashes_differently_each_time_and_names_its_parameters() -> None:
    first, second = hash_pin("275931"), hash_pin("275931")
    assert first != second
    assert first.startswith("scrypt$16384$8$1$")


def test_hashing_a_pin_that_breaks_the_rules_says_why() -> None:
    with pytest.raises(InvalidPin) as refused:
        hash_pin("111111")
    assert "同一个数字" in refused.value.message.render()


@pytest.mark.parametrize("stored", ["", "md5$abc", "scrypt$16384$8$1$!!$!!", "scrypt$x$8$1$AA$AA"])
def test_a_damaged_hash_matches_nothing(stored: str) -> None:
    assert not pin_matches("275931", stored)
