"""Tile names wrapped to the tile: every line fits, no word is lost."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontMetrics
from pytestqt.qtbot import QtBot

from ui.widgets.text_wrap import wrap_lines

NAME = "Application for the senior citizen preferential treatment card"


def test_a_long_name_is_broken_between_words_into_lines_that_fit(qtbot: QtBot) -> None:
    font = QFont()
    font.setPixelSize(30)
    width = QFontMetrics(font).horizontalAdvance(NAME) // 3
    lines = wrap_lines(NAME, font, width)
    assert len(lines) > 2
    assert all(QFontMetrics(font).horizontalAdvance(line) <= width for line in lines)
    assert " ".join(lines) == NAME


def test_a_name_that_fits_stays_on_one_line(qtbot: QtBot) -> None:
    font = QFont()
    assert wrap_lines("老年人优待证申领", font, 10_000) == ["老年人优待证申领"]
