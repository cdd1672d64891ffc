"""Identify (身份核验): the resident places the ID card on the reader, shown by an animation.

When the reader fails (or cannot read the card), the screen offers what still works: typing
the ID number with a staff member's help (the case is marked so), or asking staff, with the
hotline."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal

from ui.screens.base import Screen, name_accessibly, touch_button, wrapping_label
from ui.widgets.card_hint import CardHint


class IdentifyScreen(Screen):
    step = "identify"
    cancel_requested = Signal()
    type_requested = Signal()  # the resident, with staff, will type the ID number instead

    def __init__(self, hotline: str) -> None:
        super().__init__("identify_screen")
        self._hotline = hotline
        self.hint = CardHint()
        self.hint.setObjectName("identify_hint")
        self.instruction_label = wrapping_label("", "identify_instruction", role="instruction")
        self.status = wrapping_label("", "identify_status")
        self.status.setProperty("error", True)
        self.other_ways = wrapping_label("", "identify_other_ways", role="hint")
        self.body.addWidget(self.hint, stretch=1, alignment=Qt.AlignmentFlag.AlignCenter)
        self.body.addWidget(self.instruction_label)
        self.body.addWidget(self.status)
        self.body.addWidget(self.other_ways)
        self.cancel_button = touch_button("", "identify_cancel")
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.type_button = touch_button("", "identify_type_instead")
        self.type_button.clicked.connect(self.type_requested)
        self.buttons.addWidget(self.cancel_button)
        self.buttons.addWidget(self.type_button)
        self._offer_other_ways(False)
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
        self.type_button.setText(self.tr("手工输入身份证号"))
        name_accessibly(
            self.type_button,
            self.tr("手工输入身份证号"),
            self.tr("读不了证件时，请工作人员在旁协助，手工输入身份证号码"),
        )
        self.other_ways.setText(
            self.tr(
                "读不了证件？请工作人员在旁协助您手工输入身份证号码，"
                "或请工作人员帮忙，也可拨打热线 {hotline}。"
            ).format(hotline=self._hotline)
        )

    def instruction(self) -> str:
        return self.instruction_label.text()

    def start_waiting(self) -> None:
        self.status.setText("")
        self.hint.start()

    def show_problem(self, message: str) -> None:
        self.status.setText(message)
        self._offer_other_ways(True)

    def _offer_other_ways(self, offered: bool) -> None:
        """The animation gives its room to the other ways: a short panel holds not both."""
        self.hint.setVisible(not offered)
        self.other_ways.setVisible(offered)
        self.type_button.setVisible(offered)

    def reset(self) -> None:
        self.hint.stop()
        self.status.setText("")
        self._offer_other_ways(False)
