"""Lookup keys: every ID number a resident or a reader can give has one, and none raises."""

from __future__ import annotations

import hashlib
import hmac

import pytest

from kiosk.submissions.lookup_keys import lookup_key

SECRET = b"k" * 32


def test_the_key_of_a_number_is_what_stored_cases_were_keyed_with() -> None:
    expected = hmac.new(SECRET, b"11010519491231002X", hashlib.sha256).hexdigest()
    assert lookup_key(SECRET, "11010519491231002X") == expected


def test_a_lower_case_x_and_stray_spaces_find_the_same_cases() -> None:
    assert lookup_key(SECRET, " 110105 19491231002x ") == lookup_key(SECRET, "11010519491231002X")


@pytest.mark.parametrize(
    "id_number",
    ["11010\ub4f519491231002X", "11010\ud83519491231002X", "王秀英", ""],
)
def test_a_number_no_card_carries_gets_a_key_instead_of_an_encoding_error(id_number: str) -> None:
    key = lookup_key(SECRET, id_number)
    assert len(key) == 64
    assert key != lookup_key(SECRET, "11010519491231002X")
