"""Line wrapping and the text-or-raster decision."""

from __future__ import annotations

import pytest

from drivers.printer.document import Paper
from drivers.printer.layout import clean_text, printable_as_text, text_columns, wrap_text


def test_chinese_characters_take_two_columns_and_ascii_one() -> None:
    assert text_columns("办件A1") == 6
    assert text_columns("￥") == 2


@pytest.mark.parametrize(("paper", "per_line"), [(Paper.MM58, 16), (Paper.MM80, 24)])
def test_chinese_wraps_at_half_the_ascii_columns(paper: Paper, per_line: int) -> None:
    text = "政" * 40

    lines = wrap_text(text, paper.columns)

    assert [len(line) for line in lines[:-1]] == [per_line] * (len(lines) - 1)
    assert "".join(lines) == text


def test_mixed_line_never_exceeds_the_width() -> None:
    lines = wrap_text("办件编号：330100-2024-000123，受理时间2024年5月6日", Paper.MM58.columns)

    assert all(text_columns(line) <= Paper.MM58.columns for line in lines)
    assert len(lines) == 2


def test_latin_words_break_at_spaces() -> None:
    assert wrap_text("hello world again", 12) == ["hello world", "again"]
    assert wrap_text("hello world", 8) == ["hello", "world"]


def test_overlong_word_is_cut_hard() -> None:
    assert wrap_text("abcdefghij", 4) == ["abcd", "efgh", "ij"]


def test_explicit_newlines_and_blank_lines_are_kept() -> None:
    assert wrap_text("第一行\n\n第三行", 32) == ["第一行", "", "第三行"]


def test_control_and_format_characters_are_dropped() -> None:
    assert clean_text("张\x1b三\u200b\t李\r\n四") == "张三 李\n四"


def test_bmp_characters_print_as_text_and_beyond_the_bmp_do_not() -> None:
    assert printable_as_text("国")
    assert printable_as_text("㐀")  # CJK extension A is still inside the BMP
    assert not printable_as_text("𠮷")
    assert not printable_as_text("\ud842")  # a lone surrogate is not encodable
