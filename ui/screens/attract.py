"""The attract screen (首页): what the kiosk does and how to start. No advertising."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal

from ui.screens.base import Screen, touch_button, wrapping_label


class AttractScreen(Screen):
    start_requested = Signal()

    def __init__(self, hall_name: str, hotline: str) -> None:
        super().__init__(self.tr("政务服务自助终端"), "attract_screen")
        self.title.setObjectName("attract_title")
        intro = wrapping_label(
            self.tr("24小时自助办理，最多跑一次。\n请准备好您的居民身份证，按“开始办理”。"),
            "attract_intro",
        )
        where = wrapping_label(
            self.tr("{hall} · 咨询投诉热线 {hotline}").format(hall=hall_name, hotline=hotline),
            "attract_footer",
        )
        for label in (self.title, intro, where):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addStretch(1)
        self.body.addWidget(intro)
        self.body.addStretch(1)
        self.start_button = touch_button(self.tr("开始办理"), "start_button", primary=True)
        self.start_button.clicked.connect(self.start_requested)
        self.buttons.addWidget(self.start_button)
        self.body.addWidget(where)
