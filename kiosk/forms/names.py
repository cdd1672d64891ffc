"""What counts as a person's name: Han names (rare characters beyond the BMP included),
minority names joined with a middle dot, and Latin-script names of foreign residents.

Names are never normalised: the code points typed or read from the card are kept as they are.
"""

from __future__ import annotations

import unicodedata

# The middle dots seen in minority names (阿依古丽·买买提): U+00B7, U+2022, U+30FB, U+FF0E.
_MIDDLE_DOTS = frozenset("\u00b7\u2022\u30fb\uff0e")
_PRIVATE_USE = range(0xE000, 0xF900)
MAX_NAME_LENGTH = 50


def _is_han(char: str) -> bool:
    name = unicodedata.name(char, "")
    return name.startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH")) or (
        char == "\u3007"  # 〇, used in some names
    )


def name_problem(value: str) -> str | None:
    """Why this cannot be a name, or None. Private-use code points from cards are accepted."""
    if not value.strip():
        return "请填写姓名"
    if value != value.strip():
        return "姓名前后不能有空格"
    if len(value) > MAX_NAME_LENGTH:
        return f"姓名不能超过{MAX_NAME_LENGTH}个字"
    if all(_is_han(c) or c in _MIDDLE_DOTS or ord(c) in _PRIVATE_USE for c in value):
        if value[0] in _MIDDLE_DOTS or value[-1] in _MIDDLE_DOTS:
            return "间隔号“·”只能在姓名中间"
        return None
    if all(c.isascii() and (c.isalpha() or c in " .-'") for c in value):
        return None
    return "姓名只能包含汉字、间隔号“·”，外籍人员可用英文字母"


def has_private_use(value: str) -> bool:
    """A card may carry a rare character as a private-use code point; show 请以证件为准."""
    return any(ord(c) in _PRIVATE_USE for c in value)
