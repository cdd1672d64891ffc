"""The staff's screens, a sibling of the resident's (ui/screen_set.py): the PIN pad and the
console, put on the window's stack and looked up by the mode that shows them."""

from __future__ import annotations

from collections.abc import Iterator

from PySide6.QtWidgets import QStackedWidget

from ui.console.console_screen import ConsoleScreen
from ui.console.page import ConsolePage
from ui.console.pin_pad import PinPadScreen
from ui.modes import Mode
from ui.screens.base import Screen


class StaffScreens:
    def __init__(self, stack: QStackedWidget, pages: list[ConsolePage]) -> None:
        self.pin_pad = PinPadScreen()
        self.console = ConsoleScreen(pages)
        for screen in self:
            stack.addWidget(screen)

    def __iter__(self) -> Iterator[Screen]:
        yield self.pin_pad
        yield self.console

    def screen_for(self, mode: Mode) -> Screen | None:
        """The staff screen `mode` shows; None for the resident's modes."""
        return {Mode.STAFF_ENTRY: self.pin_pad, Mode.CONSOLE: self.console}.get(mode)
