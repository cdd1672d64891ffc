"""Masking of personal data for screens, receipts and logs.

Masks work on code points, so names with characters beyond the BMP (生僻字) keep their shape.
"""

from __future__ import annotations

import re

# An 18-character resident ID number: 6-digit area, birth date, sequence, check character.
_ID_NUMBER = re.compile(r"(?<![0-9A-Za-z])([0-9]{6})([0-9]{8})([0-9]{3})([0-9Xx])(?![0-9A-Za-z])")


def mask_id_number(id_number: str) -> str:
    """Keep the first 3 and last 4 characters (the usual 110***********002X shape)."""
    if len(id_number) <= 7:
        return "*" * len(id_number)
    return id_number[:3] + "*" * (len(id_number) - 7) + id_number[-4:]


def mask_name(name: str) -> str:
    """Keep the first character only: 王秀英 → 王**, 𠮷安 → 𠮷*."""
    if not name:
        return ""
    return name[0] + "*" * (len(name) - 1)


def mask_mobile(mobile: str) -> str:
    """Keep the first 3 and last 4 digits: 138****5678."""
    if len(mobile) != 11:
        return "*" * len(mobile)
    return mobile[:3] + "****" + mobile[-4:]


_MOBILE = re.compile(r"(?<![0-9])(1[3-9][0-9])([0-9]{4})([0-9]{4})(?![0-9])")


def redact_personal_data(text: str) -> str:
    """Mask ID numbers and mobile numbers in free text someone else wrote (a platform's
    refusal message) before it is stored, shown or logged."""
    return _MOBILE.sub(lambda m: mask_mobile(m.group(0)), redact_id_numbers(text))


def redact_id_numbers(text: str) -> str:
    """Mask every ID-number-shaped run in free text (the last line of defence for logs)."""
    return _ID_NUMBER.sub(lambda m: mask_id_number(m.group(0)), text)
