"""A long choice breaks into lines in a narrow row instead of widening the window."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui.widgets.wrapping_choice import WRAP_AFTER_EMS, WrappingRadioButton

LONG = "Not needed (taken from the e-licence of the resident identity card photo)"


def _row(qtbot: QtBot, text: str, width: int) -> tuple[QWidget, WrappingRadioButton]:
    """A radio button of 42-pixel text (elder mode's) in a row `width` pixels wide."""
    row = QWidget()
    qtbot.addWidget(row)
    layout = QVBoxLayout(row)
    radio = WrappingRadioButton(text)
    radio.setStyleSheet("font-size: 42px;")  # over the kiosk's sheet, when a test set it
    layout.addWidget(radio)
    row.setFixedSize(width, 600)
    row.show()
    return row, radio


def test_a_long_choice_asks_for_no_more_than_twenty_characters_of_width(qtbot: QtBot) -> None:
    _row_kept, radio = _row(qtbot, LONG, 2000)

    asked = radio.sizeHint().width()

    assert asked < radio.fontMetrics().horizontalAdvance(LONG)
    assert asked <= 42 * WRAP_AFTER_EMS + 200  # the indicator and the padding besides
    assert radio.minimumSizeHint().width() == asked


def test_a_choice_narrower_than_its_text_grows_taller_to_hold_its_lines(qtbot: QtBot) -> None:
    _row_kept, radio = _row(qtbot, LONG, 600)
    one_line = radio.heightForWidth(10_000)
    line = radio.fontMetrics().lineSpacing()

    lines = radio.heightForWidth(radio.width())

    assert lines > one_line
    assert lines >= 2 * line
    assert radio.height() >= lines  # the layout gives it the height of its lines


def test_a_short_choice_keeps_its_one_line_size(qtbot: QtBot) -> None:
    _row_kept, radio = _row(qtbot, "I will bring it", 1000)

    assert radio.heightForWidth(radio.width()) == radio.sizeHint().height()
    assert radio.sizeHint().width() < 600
