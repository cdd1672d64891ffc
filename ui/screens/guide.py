"""The service guide (办事指南) of the chosen matter or bundle, before anything is asked."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from kiosk.catalog.offerings import Offering
from kiosk.notices import guide_sections
from ui.screens.base import Screen, touch_button, wrapping_label


class GuideScreen(Screen):
    proceed_requested = Signal()
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__("", "guide_screen")
        self._content = QWidget()
        self._content_layout = QVBoxLayout(self._content)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._content)
        self.body.addWidget(scroll)
        back = touch_button(self.tr("返回"), "guide_back")
        back.clicked.connect(self.back_requested)
        proceed = touch_button(self.tr("开始申请"), "guide_proceed", primary=True)
        proceed.clicked.connect(self.proceed_requested)
        self.buttons.addWidget(back)
        self.buttons.addWidget(proceed)

    def show_offering(self, offering: Offering, locale: str = "zh_CN") -> None:
        self.reset()
        self.title.setText(offering.name.text(locale))
        self._content_layout.addWidget(wrapping_label(offering.short_description, "guide_intro"))
        for section in guide_sections(offering):
            self._content_layout.addWidget(wrapping_label(section.heading, "guide_heading"))
            for line in section.lines:
                self._content_layout.addWidget(wrapping_label(f"· {line}", "guide_line"))
        self._content_layout.addStretch(1)

    def reset(self) -> None:
        self.title.setText("")
        while (item := self._content_layout.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
