"""The page cut of a column of items, some of which only apply at times."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from ui.widgets.paged_column import PagedColumn


def _screen(qtbot: QtBot, height: int, count: int) -> tuple[QWidget, PagedColumn, list[QLabel]]:
    """A column on a screen `height` pixels high, holding `count` items 100 pixels high."""
    screen = QWidget()
    qtbot.addWidget(screen)
    layout = QVBoxLayout(screen)
    layout.setContentsMargins(0, 0, 0, 0)
    column = PagedColumn(spacing=0)
    layout.addWidget(column)
    screen.setFixedSize(400, height)
    screen.show()
    items = [QLabel(f"item {index}") for index in range(count)]
    for item in items:
        item.setFixedHeight(100)
    return screen, column, items


def test_an_item_left_out_takes_no_room_and_never_shows(qtbot: QtBot) -> None:
    _screen_kept, column, items = _screen(qtbot, 200, 3)
    for item in items:
        column.add(item)
    assert column.page_count == 2

    column.leave_out(items[1])

    assert column.page_count == 1
    assert [item.isVisible() for item in items] == [True, False, True]


def test_an_item_let_back_in_returns_to_its_place(qtbot: QtBot) -> None:
    _screen_kept, column, items = _screen(qtbot, 200, 3)
    for item in items:
        column.add(item)
    column.leave_out(items[0])

    column.leave_out(items[0], False)

    assert column.page_count == 2
    assert [item.isVisible() for item in items] == [True, True, False]


def test_a_heading_is_not_kept_with_a_next_item_that_is_left_out(qtbot: QtBot) -> None:
    _screen_kept, column, (first, heading, hint, after) = _screen(qtbot, 250, 4)

    column.add(first)
    column.add(heading, keep_with_next=True)
    column.add(hint, left_out=True)
    column.add(after)

    assert [first.isVisible(), heading.isVisible(), hint.isVisible()] == [True, True, False]


def test_a_removed_item_outlives_clearing_and_can_be_added_again(qtbot: QtBot) -> None:
    _screen_kept, column, (kept, other) = _screen(qtbot, 400, 2)
    column.add(kept)
    column.add(other)

    column.remove(kept)
    column.clear()
    column.add(kept)

    assert column.items() == [kept]
    assert kept.isVisible()
