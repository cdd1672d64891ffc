"""The check character of GB 11643 (公民身份号码), the one rule for every 18-character number.

Resident ID numbers, Hong Kong / Macau / Taiwan residence permit numbers (81/82/83) and the
2023 foreign permanent resident card numbers (first digit 9) all end in this MOD 11-2
check character, so the card reader and the forms share this single implementation.
"""

from __future__ import annotations

import re

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARACTERS = "10X98765432"
_SHAPE = re.compile(r"[0-9]{17}[0-9X]", re.ASCII)


def check_character(first17: str) -> str:
    """The check character for 17 ASCII digits (raises ValueError for anything else)."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("the check character is computed from 17 ASCII digits")
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARACTERS[total % 11]


def has_number_shape(value: str) -> bool:
    """17 ASCII digits and a digit or X: the shape before any check."""
    return _SHAPE.fullmatch(value) is not None


def is_valid_number(value: str) -> bool:
    """Whether ``value`` has the 18-character shape and its check character is right."""
    return has_number_shape(value) and check_character(value[:17]) == value[17]
