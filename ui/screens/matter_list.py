"""Choosing a matter (选择事项) from the catalog."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton

from kiosk.catalog import Matter
from ui.screens.base import Screen, touch_button


class MatterListScreen(Screen):
    matter_chosen = Signal(str)
    back_requested = Signal()

    def __init__(self, matters: tuple[Matter, ...]) -> None:
        super().__init__(self.tr("请选择要办理的事项"), "matter_list_screen")
        self.matter_buttons: dict[str, QPushButton] = {}
        for matter in matters:
            button = touch_button(
                f"{matter.name}\n{matter.department}", f"matter_{matter.code}", primary=False
            )
            button.setProperty("tile", True)
            button.setAccessibleDescription(matter.short_description)
            button.clicked.connect(lambda _=False, code=matter.code: self.matter_chosen.emit(code))
            self.matter_buttons[matter.code] = button
            self.body.addWidget(button)
        self.body.addStretch(1)
        back = touch_button(self.tr("返回首页"), "matter_list_back")
        back.clicked.connect(self.back_requested)
        self.buttons.addWidget(back)
