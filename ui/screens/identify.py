"""Identify (身份核验): the resident places the ID card on the reader."""

from __future__ import annotations

from PySide6.QtCore import Signal

from ui.screens.base import Screen, touch_button, wrapping_label


class IdentifyScreen(Screen):
    cancel_requested = Signal()

    def __init__(self) -> None:
        super().__init__(self.tr("请放置身份证"), "identify_screen")
        self.instruction = wrapping_label("", "identify_instruction")
        self.status = wrapping_label("", "identify_status")
        self.body.addStretch(1)
        self.body.addWidget(self.instruction)
        self.body.addWidget(self.status)
        self.body.addStretch(1)
        cancel = touch_button(self.tr("取消办理"), "identify_cancel")
        cancel.clicked.connect(self.cancel_requested)
        self.buttons.addWidget(cancel)
        self.reset()

    def show_problem(self, message: str) -> None:
        self.status.setText(message)

    def reset(self) -> None:
        self.instruction.setText(
            self.tr("请将第二代居民身份证平放在屏幕下方的读卡区，读取完成前不要移动。")
        )
        self.status.setText("")
