"""A problem screen: what happened and what to do now. Never a stack trace, never a freeze."""

from __future__ import annotations

from PySide6.QtCore import Signal

from ui.screens.base import Screen, touch_button, wrapping_label


class ProblemScreen(Screen):
    home_requested = Signal()

    def __init__(self) -> None:
        super().__init__(self.tr("暂时无法继续"), "problem_screen")
        self.message = wrapping_label("", "problem_message")
        self.body.addStretch(1)
        self.body.addWidget(self.message)
        self.body.addStretch(1)
        home = touch_button(self.tr("返回首页"), "problem_home", primary=True)
        home.clicked.connect(self.home_requested)
        self.buttons.addWidget(home)

    def show_message(self, message: str) -> None:
        self.message.setText(message)

    def reset(self) -> None:
        self.message.setText("")
