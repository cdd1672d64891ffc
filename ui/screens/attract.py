"""The attract screen (首页): what the kiosk does, how to start, and the resident's choices of
language, elder mode (长辈模式) and voice. No advertising."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QPushButton

from ui.screens.base import Screen, name_accessibly, touch_button, wrapping_label


def toggle_button(object_name: str) -> QPushButton:
    button = touch_button("", object_name)
    button.setCheckable(True)
    button.setProperty("toggle", True)
    return button


class AttractScreen(Screen):
    start_requested = Signal()
    lookup_requested = Signal()
    voice_toggled = Signal(bool)

    def __init__(self, hall_name: str, hotline: str) -> None:
        super().__init__("attract_screen")
        self._hall_name, self._hotline = hall_name, hotline
        self.title.setObjectName("attract_title")
        self.intro = wrapping_label("", "attract_intro", role="instruction")
        self.footer = wrapping_label("", "attract_footer", role="hint")
        for label in (self.title, self.intro, self.footer):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)

        # With the other two switches, not in a row of its own: a short panel needs that row.
        self.voice_button = toggle_button("voice_toggle")
        self.voice_button.toggled.connect(self.voice_toggled)
        self.header.addWidget(self.voice_button)
        self.header.keep_width(self.voice_button)

        self.body.addStretch(1)
        self.body.addWidget(self.intro)
        self.body.addStretch(1)
        self.body.addWidget(self.footer)

        self.start_button = touch_button("", "start_button", primary=True)
        self.start_button.clicked.connect(self.start_requested)
        self.lookup_button = touch_button("", "lookup_button")
        self.lookup_button.clicked.connect(self.lookup_requested)
        self.buttons.addWidget(self.lookup_button)
        self.buttons.addWidget(self.start_button)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("政务服务自助终端"))
        self.intro.setText(
            self.tr("24小时自助办理，最多跑一次。\n请准备好您的居民身份证，按“开始办理”。")
        )
        self.footer.setText(
            self.tr("{hall} · 咨询投诉热线 {hotline}").format(
                hall=self._hall_name, hotline=self._hotline
            )
        )
        for button, text, description in (
            (self.start_button, self.tr("开始办理"), self.tr("选择要办理的事项")),
            (self.lookup_button, self.tr("办件查询"), self.tr("查询已提交事项的办理进度")),
            (self.voice_button, self.tr("语音播报"), self.tr("打开或关闭语音提示")),
        ):
            button.setText(text)
            name_accessibly(button, text, description)

    def instruction(self) -> str:
        return self.intro.text()

    def show_hall(self, hall_name: str, hotline: str) -> None:
        """The hall's name and hotline changed (a technician's setting, applied live)."""
        self._hall_name, self._hotline = hall_name, hotline
        self.retranslate()

    def show_voice(self, voice: bool) -> None:
        """Reflect the voice choice without re-emitting it."""
        self.voice_button.blockSignals(True)
        self.voice_button.setChecked(voice)
        self.voice_button.blockSignals(False)
