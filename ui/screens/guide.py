"""The service guide (办事指南) of the chosen matter, in plain words, before anything is asked."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from kiosk.catalog import Matter
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

    def show_matter(self, matter: Matter) -> None:
        self.reset()
        self.title.setText(matter.name)
        limit = (
            self.tr("当场办结")
            if matter.time_limit.promised_days == 0
            else self.tr("承诺{days}个工作日内办结（法定{legal}个工作日）").format(
                days=matter.time_limit.promised_days, legal=matter.time_limit.legal_days
            )
        )
        sections = [
            (self.tr("办理部门"), [matter.department]),
            (self.tr("申请条件"), list(matter.conditions)),
            (
                self.tr("所需材料"),
                [
                    f"{m.name}（{m.form}）{'：' + m.note if m.note else ''}"
                    for m in matter.materials
                ],
            ),
            (self.tr("办理时限"), [f"{matter.case_type.value}，{limit}"]),
            (self.tr("收费"), [matter.fee]),
            (self.tr("办理地点"), [matter.where]),
            (self.tr("设立依据"), list(matter.legal_basis)),
        ]
        for heading, lines in sections:
            label = wrapping_label(heading, "guide_heading")
            self._content_layout.addWidget(label)
            for line in lines:
                self._content_layout.addWidget(wrapping_label(f"· {line}", "guide_line"))
        self._content_layout.addStretch(1)

    def reset(self) -> None:
        self.title.setText("")
        while (item := self._content_layout.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.deleteLater()
