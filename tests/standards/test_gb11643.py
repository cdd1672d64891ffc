"""The GB 11643 check character shared by the card readers and the forms."""

from __future__ import annotations

import pytest

from standards.gb11643 import check_character, is_valid_number


@pytest.mark.parametrize(
    "number",
    [
        "11010519491231002X",  # the examples that pass in the notes
        "440524188001010014",
        "810000199001011230",  # a Hong Kong residents' permit
        "911724199203080027",  # a 2023 foreign permanent resident card
    ],
)
def test_numbers_with_the_right_check_character_are_valid(number: str) -> None:
    assert is_valid_number(number)


@pytest.mark.parametrize(
    "number",
    [
        "110105194912310021",  # wrong check character
        "810000198001011230",  # the mutated permit number
        "11010\ub4f519491231002X",  # not ASCII
        "11010519491231002x",  # the check character is an upper-case X
        "1101051949123100",  # too short
        "\uff11" * 17 + "X",  # full-width digits are digits to str.isdigit, not to GB 11643
    ],
)
def test_anything_else_is_not_a_valid_number(number: str) -> None:
    assert not is_valid_number(number)


def test_the_check_character_needs_seventeen_ascii_digits() -> None:
    assert check_character("11010519491231002") == "X"
    with pytest.raises(ValueError, match="17 ASCII digits"):
        check_character("1101051949123100X")
