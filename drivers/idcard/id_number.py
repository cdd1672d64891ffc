"""GB 11643 citizen identity numbers (公民身份号码): the check character.

The same rule covers resident cards and Hong Kong / Macau / Taiwan residence permits
(prefixes 81 / 82 / 83), so demo data and tests can build numbers that real systems accept.
"""

from __future__ import annotations

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"


def check_char(first17: str) -> str:
    """The 18th character for the given first 17 digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("a GB 11643 number body is exactly 17 ASCII digits")
    total = sum(int(digit) * weight for digit, weight in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def with_check_char(first17: str) -> str:
    """A full 18-character number from its first 17 digits."""
    return first17 + check_char(first17)


def is_valid_id_number(number: str) -> bool:
    """Whether an 18-character number has the right check character (X upper-case)."""
    if len(number) != 18:
        return False
    try:
        return check_char(number[:17]) == number[17]
    except ValueError:
        return False
