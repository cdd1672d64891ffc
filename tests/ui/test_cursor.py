"""The touchscreen shows no mouse pointer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from ui.cursor import hide_pointer


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    while QApplication.overrideCursor() is not None:
        QApplication.restoreOverrideCursor()


def test_the_pointer_is_blank_over_every_window(app: QApplication, qtbot: QtBot) -> None:
    button = QPushButton("开始办理")
    qtbot.addWidget(button)
    button.show()

    hide_pointer(app)

    cursor = QApplication.overrideCursor()
    assert cursor is not None
    assert cursor.shape() == Qt.CursorShape.BlankCursor
