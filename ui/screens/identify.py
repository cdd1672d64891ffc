"""Identify (身份核验): the resident places the ID card on the reader, shown by an animation."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal

from ui.screens.base import Screen, name_accessibly, touch_button, wrapping_label
from ui.widgets.card_hint import CardHint


class IdentifyScreen(Screen):
    step = "identify"
    cancel_requested = Signal()

    def __init__(self) -> None:
        super().__init__("identify_screen")
        self.hint = CardHint()
        self.hint.setObjectName("identify_hint")
        self.instruction_label = wrapping_label("", "identify_instruction", role="instruction")
        self.status = wrapping_label("", "identify_status")
        self.status.setProperty("error", True)
        self.body.addWidget(self.hint, stretch=1, alignment=Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.instruction_label)
        self.body.addWidget(self.status)
        self.cancel_button = touch_button("", "identify_cancel")
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.buttons.addWidget(self.cancel_button)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("请放置身份证"))
        self.instruction_label.setText(
            self.tr("请将第二代居民身份证平放在屏幕下方的读卡区，读取完成前不要移动。")
        )
        name_accessibly(self.hint, self.tr("放置身份证示意动画"))
        self.cancel_button.setText(self.tr("取消办理"))
        name_accessibly(self.cancel_button, self.tr("取消办理"), self.tr("结束并回到首页"))

    def instruction(self) -> str:
        return self.instruction_label.text()

    def start_waiting(self) -> None:
        self.status.setText("")
        self.hint.start()

    def show_problem(self, message: str) -> None:
        self.status.setText(message)

    def reset(self) -> None:
        self.hint.stop()
        self.status.setText("")
