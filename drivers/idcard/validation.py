"""Is a record what a real card of its type can carry? Checked at read time, by every reader.

The frame's XOR check byte misses many corruptions (the same bit flipped in two bytes, two
bytes swapped), and a corrupted read must not reach the kiosk as a resident. So every
field is held to the form its card type prints: ID numbers with their GB 11643 check
character where the type has one, calendar dates in a sensible order, the sex and nation
codes, and text without control characters, broken units or unassigned code points.

The problem returned names the field, never its value: values are personal data and the
problem goes to the log.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date

from drivers.idcard.nations import nation_code
from drivers.idcard.record import SEXES, CardType, IdCardRecord
from standards.gb11643 import is_valid_number

_EARLIEST_BIRTH_YEAR = 1900
_LATEST_YEAR = 2100

_REPLACEMENT = "\ufffd"
# Code points a card's text never holds: controls, format characters, lone surrogates and
# separators other than the plain space.
_FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})
# CJK ideographs beyond the BMP (planes 2 and 3) keep being added to Unicode; a rare
# character in a name may be newer than this Python's character database.
_IDEOGRAPH_PLANES = range(0x20000, 0x40000)

# Hong Kong, Macau and Taiwan residents' permit numbers start with these.
_HMT_PREFIXES = ("81", "82", "83")
# Citizens' numbers start with a province code, 1 to 8; 9 marks a 2023 foreign card.
_RESIDENT_FIRST_DIGITS = "12345678"
_FOREIGN_2023_FIRST_DIGIT = "9"

_FOREIGN_2017_NUMBER = re.compile(r"[A-Z]{3}[0-9]{12}", re.ASCII)
_NATIONALITY = re.compile(r"[A-Z]{3}", re.ASCII)
_PASS_NUMBER = re.compile(r"[A-Z0-9]{1,9}", re.ASCII)
_COUNT = re.compile(r"[0-9]{1,2}", re.ASCII)
_CODE = re.compile(r"[A-Z0-9]*", re.ASCII)
_ENGLISH_NAME = re.compile(r"[A-Z][A-Z ,.'-]*", re.ASCII | re.IGNORECASE)


def card_problem(record: IdCardRecord, *, substitutes_allowed: bool = False) -> str | None:
    """Why ``record`` cannot be what a card of its type carries; None when it can be.

    ``substitutes_allowed`` lets name and address hold U+FFFD: an SDK that hands over GBK
    puts a substitute where GBK lacks a character (see ``sdk_reader``), whereas on the
    SAM line a U+FFFD only ever comes from a broken UTF-16 unit.
    """
    checks = _CHECKS[record.card_type]
    for check in (_common_problem, checks):
        problem = check(record, substitutes_allowed)
        if problem is not None:
            return problem
    return None


def is_clean_text(text: str, *, private_use_allowed: bool, substitutes_allowed: bool) -> bool:
    """Whether every code point of ``text`` can be printed text on a card."""
    for char in text:
        category = unicodedata.category(char)
        if category in _FORBIDDEN_CATEGORIES:
            return False
        if category == "Cn" and ord(char) not in _IDEOGRAPH_PLANES:
            return False
        if category == "Co" and not private_use_allowed:
            return False
        if char == _REPLACEMENT and not substitutes_allowed:
            return False
    return True


def _common_problem(record: IdCardRecord, substitutes_allowed: bool) -> str | None:
    if record.sex not in SEXES:
        return "sex is not a GB/T 2261.1 value"
    if record.birth_date.year < _EARLIEST_BIRTH_YEAR:
        return "birth_date is implausibly early"
    if not record.birth_date <= record.valid_from:
        return "valid_from is before birth_date"
    if record.valid_from.year > _LATEST_YEAR:
        return "valid_from is implausibly late"
    if record.valid_to is not None and not record.valid_from < record.valid_to <= date(
        _LATEST_YEAR, 12, 31
    ):
        return "valid_to is not after valid_from"
    for field in ("name", "address"):
        if not is_clean_text(
            getattr(record, field),
            private_use_allowed=True,
            substitutes_allowed=substitutes_allowed,
        ):
            return f"{field} holds characters no card prints"
    for field in ("issuer", "old_permit_link"):
        if not is_clean_text(
            getattr(record, field), private_use_allowed=False, substitutes_allowed=False
        ):
            return f"{field} holds characters no card prints"
    return None


def _resident_problem(record: IdCardRecord, _substitutes_allowed: bool) -> str | None:
    if nation_code(record.nation) is None:
        return "nation is not a GB 3304 nation"
    if record.id_number[:1] not in _RESIDENT_FIRST_DIGITS:
        return "id_number does not start with a province code"
    return _citizen_style_problem(record)


def _hmt_problem(record: IdCardRecord, _substitutes_allowed: bool) -> str | None:
    if record.nation:
        return "nation is set on a residence permit"
    if not record.id_number.startswith(_HMT_PREFIXES):
        return "id_number does not start with 81, 82 or 83"
    if not _PASS_NUMBER.fullmatch(record.pass_number):
        return "pass_number is not letters and digits"
    if not _COUNT.fullmatch(record.issue_count):
        return "issue_count is not a number"
    return _citizen_style_problem(record)


def _citizen_style_problem(record: IdCardRecord) -> str | None:
    """Resident cards and permits: a GB 11643 number that agrees with birth date and sex."""
    if not record.name:
        return "name is empty"
    if not record.address:
        return "address is empty"
    if not record.issuer:
        return "issuer is empty"
    if not is_valid_number(record.id_number):
        return "id_number fails the GB 11643 check"
    if record.id_number[6:14] != record.birth_date.strftime("%Y%m%d"):
        return "id_number and birth_date disagree"
    if record.sex in ("男", "女") and _sex_of(record.id_number) != record.sex:
        return "id_number and sex disagree"
    return None


def _foreign_2017_problem(record: IdCardRecord, _substitutes_allowed: bool) -> str | None:
    if not _FOREIGN_2017_NUMBER.fullmatch(record.id_number):
        return "id_number is not 3 letters and 12 digits"
    if record.id_number[:3] != record.nationality:
        return "id_number and nationality disagree"
    if not _CODE.fullmatch(record.card_version):
        return "card_version is not letters and digits"
    if not _CODE.fullmatch(record.issuer):
        return "issuer is not an authority code"
    return _foreign_problem(record)


def _foreign_2023_problem(record: IdCardRecord, _substitutes_allowed: bool) -> str | None:
    if not record.id_number.startswith(_FOREIGN_2023_FIRST_DIGIT):
        return "id_number does not start with 9"
    if not is_valid_number(record.id_number):
        return "id_number fails the GB 11643 check"
    if not _COUNT.fullmatch(record.issue_count):
        return "issue_count is not a number"
    return _foreign_problem(record)


def _foreign_problem(record: IdCardRecord) -> str | None:
    """Both foreign editions: the English name is the legal name, the Chinese one optional."""
    if record.nation or record.address or record.pass_number:
        return "a foreign card carries no nation, address or pass number"
    if not _ENGLISH_NAME.fullmatch(record.english_name):
        return "english_name is not a name in Latin letters"
    if not _NATIONALITY.fullmatch(record.nationality):
        return "nationality is not an ISO 3166 alpha-3 code"
    return None


def _sex_of(id_number: str) -> str:
    return "男" if int(id_number[16]) % 2 else "女"


_Check = Callable[[IdCardRecord, bool], str | None]

_CHECKS: dict[CardType, _Check] = {
    CardType.RESIDENT: _resident_problem,
    CardType.HMT_RESIDENCE_PERMIT: _hmt_problem,
    CardType.FOREIGN_PERMANENT_2017: _foreign_2017_problem,
    CardType.FOREIGN_PERMANENT_2023: _foreign_2023_problem,
}
