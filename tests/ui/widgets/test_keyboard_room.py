"""The keyboard's room is planned from heights the keyboard works out, for the tallest keyboard
a screen's fields can bring up: switching modes or bringing the keyboard up changes nothing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pytest
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWidgetItem,
)
from pytestqt.qtbot import QtBot
from shiboken6 import Shiboken

from ui.screens.base import Screen
from ui.style import DisplayMode, apply_mode
from ui.widgets.keyboard_room import KeyboardRoom, forget_sizes
from ui.widgets.onscreen_keyboard import KeyboardMode, OnScreenKeyboard

REACHABLE = {
    KeyboardMode.DIGITS: (KeyboardMode.DIGITS,),
    KeyboardMode.PINYIN: tuple(KeyboardMode),
}


class TypingScreen(Screen):
    step = "form"  # a journey step, so it has a progress bar to give up


@dataclass
class Typing:
    window: QWidget
    screen: TypingScreen
    field: QLineEdit
    keyboard: OnScreenKeyboard
    room: KeyboardRoom

    def plan(self) -> tuple[bool, bool]:
        """The keys' size and whether the progress bar makes way."""
        return self.keyboard.is_compact(), self.room.spare_makes_way()


@pytest.fixture(params=[False, True], ids=["normal", "elder"])
def elder(request: pytest.FixtureRequest) -> Iterator[bool]:
    """The kiosk's own sheet, which sizes the keys, for the mode."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    font, sheet = app.font(), app.styleSheet()
    apply_mode(app, DisplayMode.ELDER if request.param else DisplayMode.NORMAL)
    yield bool(request.param)
    app.setFont(font)
    app.setStyleSheet(sheet)


@pytest.fixture
def typing(qtbot: QtBot, elder: bool) -> Typing:
    """A short panel's screen with a text field above the keyboard, as the form has: 1366x768,
    or 1920x1080 in elder mode (elder pinyin keys are taller than a 768-pixel panel allows)."""
    screen = TypingScreen("typing_screen")
    field = QLineEdit()
    field.setObjectName("typed")
    keyboard = OnScreenKeyboard()
    keyboard.set_elder_mode(elder)
    keyboard.hide()
    screen.body.addWidget(QLabel("联系电话"))
    screen.body.addWidget(field)
    screen.body.addWidget(keyboard)
    room = KeyboardRoom(screen, keyboard, screen.progress)
    window = QWidget()  # a panel of fixed size, as the kiosk window on its screen
    holder = QVBoxLayout(window)
    holder.setContentsMargins(0, 0, 0, 0)
    holder.addWidget(screen)
    window.setFixedSize(*((1920, 1080) if elder else (1366, 768)))
    qtbot.addWidget(window)
    window.show()
    room.plan_for({KeyboardMode.PINYIN, KeyboardMode.DIGITS})
    return Typing(window, screen, field, keyboard, room)


def settle() -> None:
    QApplication.sendPostedEvents()
    QApplication.processEvents()


def press_mode_key(keyboard: OnScreenKeyboard, mode: KeyboardMode) -> None:
    """Switch the keyboard's mode as a resident does: with its mode key."""
    keys = keyboard.findChildren(QAbstractButton, f"key_mode_{mode.value}")
    assert keys, f"no key for {mode.value}"
    keys[-1].click()
    assert keyboard.mode() is mode


@pytest.mark.parametrize("compact", [False, True], ids=["full", "compact"])
@pytest.mark.parametrize("home", list(REACHABLE), ids=lambda mode: mode.value)
def test_the_keyboard_works_out_the_height_it_takes_in_each_mode_it_can_switch_to(
    typing: Typing, compact: bool, home: KeyboardMode
) -> None:
    keyboard = typing.keyboard
    keyboard.attach(typing.field, home)
    keyboard.set_compact(compact)
    worked_out = keyboard.tallest_for(home)
    taken = []
    for mode in REACHABLE[home]:
        press_mode_key(keyboard, mode)
        keyboard.layout().activate()
        taken.append(keyboard.sizeHint().height())

    assert worked_out == max(taken)


def test_switching_pinyin_to_digits_keeps_the_key_size_and_what_made_way(typing: Typing) -> None:
    typing.keyboard.attach(typing.field, KeyboardMode.PINYIN)
    typing.keyboard.show()
    settle()
    planned = typing.plan()

    press_mode_key(typing.keyboard, KeyboardMode.DIGITS)
    settle()

    assert typing.plan() == planned
    assert typing.screen.minimumSizeHint().height() <= typing.screen.height()


def test_the_room_is_planned_before_the_keyboard_comes_up_and_holds_when_it_does(
    typing: Typing,
) -> None:
    planned = typing.plan()
    assert typing.screen.progress.isVisible()  # it only makes way while typing

    typing.keyboard.attach(typing.field, KeyboardMode.PINYIN)
    typing.keyboard.show()
    settle()

    assert typing.plan() == planned
    assert typing.screen.progress.isHidden() is planned[1]
    assert typing.screen.minimumSizeHint().height() <= typing.screen.height()


def test_a_panel_with_room_for_everything_keeps_full_size_keys_and_the_progress_bar(
    typing: Typing,
) -> None:
    typing.window.setFixedSize(1080, 1920)
    typing.keyboard.attach(typing.field, KeyboardMode.PINYIN)
    typing.keyboard.show()
    settle()

    assert typing.plan() == (False, False)
    assert typing.screen.progress.isVisible()


def test_a_short_panel_gives_up_the_progress_bar_then_key_size_but_keys_stay_tappable(
    typing: Typing,
) -> None:
    typing.keyboard.attach(typing.field, KeyboardMode.PINYIN)
    typing.keyboard.show()
    settle()

    assert typing.room.spare_makes_way()
    assert typing.screen.minimumSizeHint().height() <= typing.screen.height()
    keys = [key for key in typing.keyboard.findChildren(QPushButton) if key.isVisible()]
    assert keys and min(key.height() for key in keys) >= 61


def _widget_item_wrappers() -> int:
    return sum(isinstance(o, QWidgetItem) for o in Shiboken.getAllValidWrappers())


def test_measuring_leaves_no_python_object_for_a_widgets_layout_item(qtbot: QtBot) -> None:
    """Qt deletes a widget's item when the widget moves to another layout; a Python object
    left for it would later be handed to Python for whatever Qt allocates at that address."""
    window = QWidget()
    qtbot.addWidget(window)
    outer = QVBoxLayout(window)
    inner = QVBoxLayout()
    outer.addLayout(inner)
    inner.addWidget(QPushButton("查询"))
    before = _widget_item_wrappers()

    forget_sizes(outer)

    assert _widget_item_wrappers() == before


def test_finding_the_keyboards_spacing_leaves_no_python_object_for_a_layout_item(
    qtbot: QtBot,
) -> None:
    screen = TypingScreen("typing_screen")
    qtbot.addWidget(screen)
    keyboard = OnScreenKeyboard()
    screen.body.addWidget(QLineEdit())
    screen.body.addWidget(keyboard)
    room = KeyboardRoom(screen, keyboard, screen.progress)
    before = _widget_item_wrappers()

    room.plan_for(REACHABLE[KeyboardMode.PINYIN])

    assert _widget_item_wrappers() == before
