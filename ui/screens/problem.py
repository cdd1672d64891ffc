"""A problem screen: what happened and what to do now. Never a stack trace, never a freeze."""

from __future__ import annotations

from PySide6.QtCore import Signal

from ui.screens.base import Screen, name_accessibly, touch_button, wrapping_label


class ProblemScreen(Screen):
    home_requested = Signal()

    def __init__(self) -> None:
        super().__init__("problem_screen")
        self.message = wrapping_label("", "problem_message", role="instruction")
        self.body.addStretch(1)
        self.body.addWidget(self.message)
        self.body.addStretch(1)
        self.home_button = touch_button("", "problem_home", primary=True)
        self.home_button.clicked.connect(self.home_requested)
        self.buttons.addWidget(self.home_button)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("暂时无法继续"))
        self.home_button.setText(self.tr("返回首页"))
        name_accessibly(self.home_button, self.tr("返回首页"))

    def instruction(self) -> str:
        return self.message.text()

    def show_message(self, message: str) -> None:
        self.message.setText(message)

    def reset(self) -> None:
        self.message.setText("")
