"""The service guide (办事指南) of the chosen matter or bundle, before anything is asked, with
the one-time notice (一次性告知单) to print and take home.

A long guide comes in pages of as many lines as the panel holds, turned with 上一页/下一页:
a resident does not have to find a scroll bar."""

from __future__ import annotations

from PySide6.QtCore import Signal

from kiosk.catalog.offerings import Offering
from kiosk.notices import guide_sections
from ui.screens.base import Screen, name_accessibly, touch_button, wrapping_label
from ui.widgets.paged_column import PagedColumn


class GuideScreen(Screen):
    step = "guide"
    proceed_requested = Signal()
    back_requested = Signal()
    notice_requested = Signal()

    def __init__(self) -> None:
        super().__init__("guide_screen")
        self._content = PagedColumn()
        self._content.page_changed.connect(self._show_page)
        self.page_label = wrapping_label("", "guide_page", role="hint")
        self.status = wrapping_label("", "guide_status", role="hint")
        self.body.addWidget(self._content, stretch=1)
        self.body.addWidget(self.page_label)
        self.body.addWidget(self.status)
        self.back_button = touch_button("", "guide_back")
        self.back_button.clicked.connect(self.back_requested)
        self.notice_button = touch_button("", "guide_print_notice")
        self.notice_button.clicked.connect(self.notice_requested)
        self.proceed_button = touch_button("", "guide_proceed", primary=True)
        self.proceed_button.clicked.connect(self.proceed_requested)
        self.previous_button = touch_button("", "guide_previous")
        self.previous_button.clicked.connect(lambda: self._content.turn(-1))
        self.next_button = touch_button("", "guide_next")
        self.next_button.clicked.connect(lambda: self._content.turn(1))
        for button in (
            self.back_button,
            self.previous_button,
            self.next_button,
            self.notice_button,
            self.proceed_button,
        ):
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
        self._content.label_controls(self.previous_button, self.next_button)
        self._show_page()

    def instruction(self) -> str:
        return self.tr("这是办事指南。看完后请按“开始申请”，也可以打印告知单带回家。")

    @property
    def pages(self) -> PagedColumn:
        """The guide's lines in pages (which a page shows, how many there are)."""
        return self._content

    def show_offering(self, offering: Offering, locale: str = "zh_CN") -> None:
        self.reset()
        self.title.setText(offering.name.text(locale))
        self._content.add(wrapping_label(offering.short_description, "guide_intro"))
        for section in guide_sections(offering):
            self._content.add(wrapping_label(section.heading, "guide_heading"), keep_with_next=True)
            for line in section.lines:
                self._content.add(wrapping_label(f"· {line}", "guide_line"))

    def _show_page(self) -> None:
        self._content.update_controls(self.previous_button, self.next_button, self.page_label)

    def show_notice_status(self, message: str) -> None:
        self.status.setText(message)

    def reset(self) -> None:
        self.title.setText("")
        self.status.setText("")
        self._content.clear()
