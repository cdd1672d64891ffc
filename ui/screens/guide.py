"""The service guide (办事指南) of the chosen matter or bundle, before anything is asked, with
the one-time notice (一次性告知单) to print and take home."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from kiosk.catalog.offerings import Offering
from kiosk.notices import guide_sections
from ui.screens.base import Screen, name_accessibly, touch_button, wrapping_label


class GuideScreen(Screen):
    step = "guide"
    proceed_requested = Signal()
    back_requested = Signal()
    notice_requested = Signal()

    def __init__(self) -> None:
        super().__init__("guide_screen")
        self._content = QWidget()
        self._content_layout = QVBoxLayout(self._content)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._content)
        self.status = wrapping_label("", "guide_status", role="hint")
        self.body.addWidget(scroll)
        self.body.addWidget(self.status)
        self.back_button = touch_button("", "guide_back")
        self.back_button.clicked.connect(self.back_requested)
        self.notice_button = touch_button("", "guide_print_notice")
        self.notice_button.clicked.connect(self.notice_requested)
        self.proceed_button = touch_button("", "guide_proceed", primary=True)
        self.proceed_button.clicked.connect(self.proceed_requested)
        for button in (self.back_button, self.notice_button, self.proceed_button):
            self.buttons.addWidget(button)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        for button, text, description in (
            (self.back_button, self.tr("返回"), self.tr("回到事项列表")),
            (self.notice_button, self.tr("打印告知单"), self.tr("打印一次性告知单带回家")),
            (self.proceed_button, self.tr("开始申请"), self.tr("读取身份证后填写申请")),
        ):
            button.setText(text)
            name_accessibly(button, text, description)

    def instruction(self) -> str:
        return self.tr("这是办事指南。看完后请按“开始申请”，也可以打印告知单带回家。")

    def show_offering(self, offering: Offering, locale: str = "zh_CN") -> None:
        self.reset()
        self.title.setText(offering.name.text(locale))
        self._content_layout.addWidget(wrapping_label(offering.short_description, "guide_intro"))
        for section in guide_sections(offering):
            self._content_layout.addWidget(wrapping_label(section.heading, "guide_heading"))
            for line in section.lines:
                self._content_layout.addWidget(wrapping_label(f"· {line}", "guide_line"))
        self._content_layout.addStretch(1)

    def show_notice_status(self, message: str) -> None:
        self.status.setText(message)

    def reset(self) -> None:
        self.title.setText("")
        self.status.setText("")
        while (item := self._content_layout.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
