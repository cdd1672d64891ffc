"""The resident ID number (公民身份号码) rule of GB 11643.

18 characters: area code, birth date, a 3-digit sequence (odd for men), a check character.
Hong Kong, Macau and Taiwan residence permit numbers (81/82/83) follow the same rule.
"""

from __future__ import annotations

from datetime import date

from kiosk.i18n import Message, msg
from standards.gb11643 import check_character, has_number_shape

__all__ = ["birth_date_of", "check_character", "id_number_problem", "normalise", "sex_of"]


def birth_date_of(id_number: str) -> date:
    """The birth date encoded in a number that already passed `id_number_problem`."""
    return date(int(id_number[6:10]), int(id_number[10:12]), int(id_number[12:14]))


def sex_of(id_number: str) -> str:
    """男 for an odd sequence number, 女 for an even one."""
    return "男" if int(id_number[16]) % 2 else "女"


def normalise(value: str) -> str:
    """Residents type a lower-case x and stray spaces; the number itself is upper-case."""
    return value.strip().replace(" ", "").upper()


def id_number_problem(value: str, today: date) -> Message | None:
    """Why the number cannot be right, in words a resident can act on; None if it is valid."""
    if len(value) != 18:
        return msg(
            "应为18位，当前为{n}位，请对照身份证逐位核对",
            "Must have 18 characters, not {n}; check it against the card",
            n=len(value),
        )
    if not has_number_shape(value):
        return msg(
            "前17位应为数字，最后一位为数字或字母X，请核对",
            "The first 17 characters are digits, the last a digit or X; please check",
        )
    try:
        born = birth_date_of(value)
    except ValueError:
        return msg(
            "第7至14位应为出生日期，这里的日期不存在，请核对",
            "Characters 7 to 14 are the birth date, and this date does not exist",
        )
    if born > today or born.year < 1900:
        return msg(
            "第7至14位的出生日期不合理，请核对",
            "The birth date in characters 7 to 14 is not plausible; please check",
        )
    if check_character(value[:17]) != value[17]:
        return msg(
            "号码有误（校验位不符），请对照身份证逐位核对",
            "The number is wrong (its check character does not match); check every digit",
        )
    return None
