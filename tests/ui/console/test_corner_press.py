"""The hidden corner on its own: a press held there (mouse or touch) starts the hold, lifting
the finger or sliding it away stops it, and no press is ever taken from the screen."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from ui.console.corner_press import CORNER_PX, CornerPress


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[tuple[QWidget, CornerPress]]:
    window = QWidget()
    window.resize(800, 600)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    corner = CornerPress(window, lambda: True)
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    app.installEventFilter(corner)
    yield window, corner
    app.removeEventFilter(corner)


def test_a_touch_held_in_the_corner_starts_the_hold_and_lifting_stops_it(
    window: tuple[QWidget, CornerPress],
) -> None:
    widget, corner = window
    device = QTest.createTouchDevice()
    QTest.touchEvent(widget, device).press(0, QPoint(10, 10), widget).commit()
    assert corner.hold.isActive()
    QTest.touchEvent(widget, device).release(0, QPoint(10, 10), widget).commit()
    assert not corner.hold.isActive()


def test_sliding_out_of_the_corner_is_no_hold(
    qtbot: QtBot, window: tuple[QWidget, CornerPress]
) -> None:
    widget, corner = window
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert corner.hold.isActive()
    qtbot.mouseMove(widget, QPoint(CORNER_PX + 50, CORNER_PX + 50))
    assert not corner.hold.isActive()


def test_a_button_in_the_corner_still_gets_its_tap(
    qtbot: QtBot, window: tuple[QWidget, CornerPress]
) -> None:
    widget, corner = window
    button = QPushButton("tap", widget)
    button.setGeometry(0, 0, CORNER_PX, CORNER_PX)
    button.show()
    with qtbot.waitSignal(button.clicked, timeout=1000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert not corner.hold.isActive()


def test_held_is_announced_when_the_hold_time_is_up(
    qtbot: QtBot, window: tuple[QWidget, CornerPress]
) -> None:
    widget, corner = window
    qtbot.mousePress(widget, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    with qtbot.waitSignal(corner.held, timeout=1000):
        corner.hold.timeout.emit()  # the end of the 3 s, without waiting them
