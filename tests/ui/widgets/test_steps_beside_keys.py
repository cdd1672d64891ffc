"""The step's buttons move beside the keys and back as the same widgets, in the bar's order."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui.widgets.flow_layout import FlowLayout
from ui.widgets.steps_beside_keys import StepsBesideKeys


@pytest.fixture(autouse=True)
def no_style_sheet() -> Iterator[None]:
    """Sizes here are the test's own: a kiosk style sheet left by another test would widen
    the buttons (its min-width and padding)."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    left, font = app.styleSheet(), app.font()
    app.setStyleSheet("")
    app.setFont(QFont())
    yield
    app.setFont(font)
    app.setStyleSheet(left)


def _screen(qtbot: QtBot) -> tuple[QWidget, FlowLayout, list[QPushButton], StepsBesideKeys]:
    screen = QWidget()
    keys = QWidget()
    keys.setMinimumSize(600, 300)
    bar = FlowLayout(spacing=24)
    buttons = [QPushButton(text) for text in ("上一步", "下一步")]
    for button in buttons:
        button.setMinimumSize(200, 100)
        bar.addWidget(button)
    steps = StepsBesideKeys(keys, bar, buttons)
    layout = QVBoxLayout(screen)
    layout.addLayout(steps.row)
    layout.addLayout(bar)
    qtbot.addWidget(screen)
    screen.resize(900, 600)
    screen.show()
    return screen, bar, buttons, steps


def test_beside_the_keys_the_bar_is_empty_and_the_buttons_keep_their_order(qtbot: QtBot) -> None:
    screen, bar, (back, forward), steps = _screen(qtbot)

    steps.set_beside(True)
    screen.layout().activate()

    assert bar.count() == 0
    assert back.geometry().left() >= 600 and forward.geometry().left() >= 600
    assert back.geometry().bottom() < forward.geometry().top()


def test_back_in_the_bar_the_buttons_sit_side_by_side_as_before(qtbot: QtBot) -> None:
    screen, bar, (back, forward), steps = _screen(qtbot)
    steps.set_beside(True)

    steps.set_beside(False)
    screen.layout().activate()

    assert [bar.itemAt(i).widget() for i in range(bar.count())] == [back, forward]  # type: ignore[union-attr]
    assert back.geometry().top() == forward.geometry().top()
    assert back.geometry().right() < forward.geometry().left()


def test_the_buttons_go_beside_only_where_the_keys_keep_their_least_width(qtbot: QtBot) -> None:
    _screen_widget, _bar, _buttons, steps = _screen(qtbot)

    assert steps.fit_beside(600 + 24 + 200)
    assert not steps.fit_beside(600 + 24 + 199)
