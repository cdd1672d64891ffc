"""GB 3304 nation (民族) codes, as the ID card's two-digit nation field carries them.

Names are written as printed on the card, without the trailing 族 ("汉", not "汉族").
"""

from __future__ import annotations

_NAMES_IN_CODE_ORDER = (
    "汉",
    "蒙古",
    "回",
    "藏",
    "维吾尔",
    "苗",
    "彝",
    "壮",
    "布依",
    "朝鲜",
    "满",
    "侗",
    "瑶",
    "白",
    "土家",
    "哈尼",
    "哈萨克",
    "傣",
    "黎",
    "傈僳",
    "佤",
    "畲",
    "高山",
    "拉祜",
    "水",
    "东乡",
    "纳西",
    "景颇",
    "柯尔克孜",
    "土",
    "达斡尔",
    "仫佬",
    "羌",
    "布朗",
    "撒拉",
    "毛南",
    "仡佬",
    "锡伯",
    "阿昌",
    "普米",
    "塔吉克",
    "怒",
    "乌孜别克",
    "俄罗斯",
    "鄂温克",
    "德昂",
    "保安",
    "裕固",
    "京",
    "塔塔尔",
    "独龙",
    "鄂伦春",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
)

NATIONS: dict[str, str] = {
    **{f"{number:02d}": name for number, name in enumerate(_NAMES_IN_CODE_ORDER, start=1)},
    "97": "其他",
    "98": "外国血统中国籍人士",
}
"""Two-digit code → name."""

NATION_CODES: dict[str, str] = {name: code for code, name in NATIONS.items()}
"""Name → two-digit code, for encoding a card."""


def nation_name(code: str) -> str | None:
    """The name for a code, or None when the code is not in the table."""
    return NATIONS.get(code)


def nation_code(name: str) -> str | None:
    """The code for a name, or None when the name is not in the table."""
    return NATION_CODES.get(name)
