"""Matter search finds a matter by Chinese, full pinyin or pinyin initials, best match first."""

from __future__ import annotations

from ui.input.search import MatterSearch

ELDERLY_CARD = "LZ-0001"
PUBLIC_HOUSING = "ZJ-0007"

CATALOG: list[tuple[str, str, list[str]]] = [
    (ELDERLY_CARD, "老年人优待证申领", ["老人卡"]),
    (PUBLIC_HOUSING, "申请公租房", []),
    ("GA-0001", "出生登记（新生儿落户）", ["上户口"]),
    ("GJJ-0001", "住房公积金提取（租房）", []),
    ("YH-0001", "银行开户", []),
]


def search(query: str) -> list[str]:
    return MatterSearch(CATALOG).search(query)


def test_initials_find_the_elderly_card() -> None:
    assert search("lnr") == [ELDERLY_CARD]


def test_full_pinyin_finds_the_elderly_card() -> None:
    assert search("laonianren") == [ELDERLY_CARD]


def test_chinese_finds_the_elderly_card() -> None:
    assert search("老年") == [ELDERLY_CARD]


def test_initials_of_a_word_inside_the_name_find_public_housing() -> None:
    assert search("gzf") == [PUBLIC_HOUSING]


def test_full_pinyin_of_a_word_inside_the_name_finds_public_housing() -> None:
    assert search("gongzufang") == [PUBLIC_HOUSING]


def test_case_spaces_and_full_width_letters_are_ignored() -> None:
    assert search(" L N R ") == [ELDERLY_CARD]
    assert search("ＬＮＲ") == [ELDERLY_CARD]
    assert search("Lao Nian") == [ELDERLY_CARD]


def test_a_query_of_only_spaces_finds_nothing() -> None:
    assert search("") == []
    assert search("   ") == []


def test_a_polyphonic_character_matches_with_any_of_its_readings() -> None:
    assert search("yh") == ["YH-0001"]
    assert search("yx") == ["YH-0001"]  # 行 read as xing
    assert search("yinhang") == ["YH-0001"]


def test_brackets_in_a_name_do_not_break_its_initials() -> None:
    assert search("csdjxse") == ["GA-0001"]
    assert search("xsr") == ["GA-0001"]


def test_extra_keywords_find_a_matter() -> None:
    assert search("shanghukou") == ["GA-0001"]
    assert search("老人卡") == [ELDERLY_CARD]


def test_typed_text_beats_initials_at_the_start_which_beat_initials_inside() -> None:
    catalog: list[tuple[str, str, list[str]]] = [
        ("inside", "居住证申领", []),
        ("start", "申领指南", []),
        ("text", "SL 窗口业务", []),
    ]

    assert MatterSearch(catalog).search("sl") == ["text", "start", "inside"]


def test_initials_beat_full_pinyin_and_a_start_beats_the_inside() -> None:
    catalog: list[tuple[str, str, list[str]]] = [
        ("pinyin inside", "办理安置补贴", []),
        ("pinyin start", "安全生产许可", []),
        ("initials inside", "公安年审", []),
        ("initials start", "安宁社区服务", []),
    ]

    assert MatterSearch(catalog).search("an") == [
        "initials start",
        "initials inside",
        "pinyin start",
        "pinyin inside",
    ]


def test_a_match_in_the_name_beats_the_same_match_in_a_keyword() -> None:
    catalog = [("keyword", "医保报销", ["社保"]), ("name", "社保卡申领", [])]

    assert MatterSearch(catalog).search("社保") == ["name", "keyword"]


def test_a_query_that_matches_nothing_finds_nothing() -> None:
    assert search("xyzq") == []
    assert search("护照") == []
