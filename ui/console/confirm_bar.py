"""An in-page confirmation for an act that cannot be taken back (restart, reboot): the question
and two large buttons, shown in place of a modal dialog so a touch never lands behind one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QFrame, QHBoxLayout, QVBoxLayout

from ui.screens.base import label_buttons, touch_button, wrapping_label


class ConfirmBar(QFrame):
    """Asks one question at a time; the confirmed act runs only after 确认."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("console_confirm")
        self.setProperty("role", "confirm")
        self.question = wrapping_label("", "console_confirm_question", role="instruction")
        self.yes = touch_button("", "console_confirm_yes", primary=True)
        self.no = touch_button("", "console_confirm_no")
        self.yes.clicked.connect(self._confirmed)
        self.no.clicked.connect(self.cancel)
        buttons = QHBoxLayout()
        buttons.addWidget(self.yes)
        buttons.addWidget(self.no)
        layout = QVBoxLayout(self)
        layout.addWidget(self.question)
        layout.addLayout(buttons)
        self._act: Callable[[], None] | None = None
        self.retranslate()
        self.hide()

    def ask(self, question: str, act: Callable[[], None]) -> None:
        self.question.setText(question)
        self._act = act
        self.show()

    def cancel(self) -> None:
        self._act = None
        self.hide()

    @property
    def asking(self) -> bool:
        return self._act is not None

    def retranslate(self) -> None:
        label_buttons((self.yes, self.tr("确认")), (self.no, self.tr("取消")))

    def _confirmed(self) -> None:
        act, self._act = self._act, None
        self.hide()
        if act is not None:
            act()
