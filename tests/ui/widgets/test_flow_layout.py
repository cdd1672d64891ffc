"""The wrapping button bar: rows that fit, never wider than the panel."""

from __future__ import annotations

import shiboken6
from PySide6.QtWidgets import QLabel, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from ui.widgets.flow_layout import FlowLayout, wrap


def test_buttons_that_fit_share_one_row() -> None:
    assert wrap([200, 200, 200], width=640, spacing=16) == [[0, 1, 2]]


def test_a_button_that_would_overflow_starts_the_next_row() -> None:
    assert wrap([300, 300, 300], width=640, spacing=16) == [[0, 1], [2]]


def test_a_button_wider_than_the_row_still_gets_a_row_of_its_own() -> None:
    assert wrap([100, 900, 100], width=640, spacing=16) == [[0], [1], [2]]


def test_a_long_wrapping_title_asks_only_for_its_longest_word(qtbot: QtBot) -> None:
    box = QWidget()
    qtbot.addWidget(box)
    row = FlowLayout(box)
    title = QLabel("Government Self-Service Kiosk, open day and night")
    title.setWordWrap(True)
    row.addWidget(title)
    row.addWidget(QPushButton("Large text"))

    assert row.minimumSize().width() < title.sizeHint().width()
    assert row.minimumSize().width() >= title.minimumSizeHint().width()


def test_a_layout_deleted_with_its_widget_deletes_its_items(qtbot: QtBot) -> None:
    box = QWidget()
    row = FlowLayout(box)
    for text in ("办件查询", "开始办理"):
        row.addWidget(QPushButton(text))
    items = [row.itemAt(index) for index in range(row.count())]
    assert all(item is not None and shiboken6.isValid(item) for item in items)

    shiboken6.delete(box)  # as deleteLater does, when a screen drops a bar it built

    assert not any(shiboken6.isValid(item) for item in items)
