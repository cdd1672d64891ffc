"""What counts as a person's name: Han names (rare characters beyond the BMP included),
minority names joined with a middle dot, and Latin-script names of foreign residents.

Names are never normalised: the code points typed or read from the card are kept as they are.
Han characters are recognised by block ranges rather than by Unicode character names, so
extensions newer than this Python's Unicode database (Ext H, Ext I) are still accepted.
"""

from __future__ import annotations

from kiosk.i18n import Message, msg

# The middle dots seen in minority names (阿依古丽·买买提): U+00B7, U+2022, U+30FB, U+FF0E.
MIDDLE_DOTS = frozenset("\u00b7\u2022\u30fb\uff0e")
HAN_BLOCKS = (
    (0x3400, 0x4DBF),  # Extension A
    (0x4E00, 0x9FFF),  # Unified Ideographs
    (0xF900, 0xFAFF),  # Compatibility Ideographs
    (0x20000, 0x2A6DF),  # Extension B
    (0x2A700, 0x2B73F),  # Extension C
    (0x2B740, 0x2B81F),  # Extension D
    (0x2B820, 0x2CEAF),  # Extension E
    (0x2CEB0, 0x2EBEF),  # Extension F
    (0x2EBF0, 0x2EE5F),  # Extension I
    (0x2F800, 0x2FA1F),  # Compatibility Supplement
    (0x30000, 0x3134F),  # Extension G
    (0x31350, 0x323AF),  # Extension H
)
_PRIVATE_USE = range(0xE000, 0xF900)
_IDEOGRAPHIC_ZERO = "\u3007"  # 〇, used in some names
MAX_NAME_LENGTH = 50


def is_han(char: str) -> bool:
    code = ord(char)
    return char == _IDEOGRAPHIC_ZERO or any(lo <= code <= hi for lo, hi in HAN_BLOCKS)


def name_problem(value: str) -> Message | None:
    """Why this cannot be a name, or None. Private-use code points from cards are accepted."""
    if not value.strip():
        return msg("请填写姓名", "Please enter the name")
    if value != value.strip():
        return msg("姓名前后不能有空格", "Remove the spaces before or after the name")
    if len(value) > MAX_NAME_LENGTH:
        return msg(
            "姓名不能超过{n}个字",
            "The name cannot be longer than {n} characters",
            n=MAX_NAME_LENGTH,
        )
    if all(is_han(c) or c in MIDDLE_DOTS or ord(c) in _PRIVATE_USE for c in value):
        if value[0] in MIDDLE_DOTS or value[-1] in MIDDLE_DOTS:
            return msg(
                "间隔号“·”只能在姓名中间", "The middle dot · can only stand between name parts"
            )
        return None
    if all(c.isascii() and (c.isalpha() or c in " .-'") for c in value):
        return None
    return msg(
        "姓名只能包含汉字、间隔号“·”，外籍人员可用英文字母",
        "A name may contain Chinese characters and the middle dot ·, or Latin letters",
    )
