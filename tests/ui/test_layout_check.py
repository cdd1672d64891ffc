"""The layout checker itself: it must see what a resident would miss."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from tests.helpers.ui.layout_check import layout_problems

PANEL = QSize(400, 300)


def shown(qtbot: QtBot, *children: QWidget) -> QWidget:
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    for child in children:
        layout.addWidget(child)
    window.resize(PANEL)
    window.show()
    return window


def test_a_screen_that_fits_has_no_problems(qtbot: QtBot) -> None:
    window = shown(qtbot, QLabel("办事指南"), QPushButton("开始办理"))
    assert layout_problems(window, PANEL) == []


def test_a_label_too_small_for_its_text_is_reported(qtbot: QtBot) -> None:
    label = QLabel("这一行字太长了，放不进这个小小的标签里" * 3)
    label.setWordWrap(True)
    label.setFixedHeight(20)
    window = shown(qtbot, label)
    assert any("does not fit" in p for p in layout_problems(window, PANEL))


def test_a_button_narrower_than_its_text_is_reported(qtbot: QtBot) -> None:
    button = QPushButton("请在此处签名并确认提交")
    button.setFixedWidth(60)
    window = shown(qtbot, button)
    assert any("cuts its text off" in p for p in layout_problems(window, PANEL))


def test_a_visible_scroll_bar_and_what_it_hides_are_reported(qtbot: QtBot) -> None:
    tall = QLabel("\n".join(f"第{i}行" for i in range(60)))
    area = QScrollArea()
    area.setWidget(tall)
    window = shown(qtbot, area)
    problems = layout_problems(window, PANEL)
    assert any("scroll bar" in p for p in problems)
    assert any("cut off" in p for p in problems)


def test_buttons_squeezed_over_each_other_are_reported(qtbot: QtBot) -> None:
    holder = QWidget()
    first, second = QPushButton("上一页", holder), QPushButton("下一页", holder)
    first.setGeometry(0, 0, 200, 80)
    second.setGeometry(0, 40, 200, 80)
    window = shown(qtbot, holder)
    assert any("overlap" in p for p in layout_problems(window, PANEL))


def test_a_window_its_content_made_larger_than_the_panel_is_reported(qtbot: QtBot) -> None:
    big = QWidget()
    big.setMinimumSize(800, 600)
    window = shown(qtbot, big)
    assert any("not the panel's 400x300" in p for p in layout_problems(window, PANEL))
