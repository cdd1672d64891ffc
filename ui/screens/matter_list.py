"""Choosing what to do (选择事项): bundles (一件事) first, then single matters."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QScrollArea, QWidget

from kiosk.catalog.offerings import Offering
from ui.screens.base import Screen, touch_button

_COLUMNS = 2


class MatterListScreen(Screen):
    matter_chosen = Signal(str)
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__(self.tr("请选择要办理的事项"), "matter_list_screen")
        self._tiles = QWidget()
        self._grid = QGridLayout(self._tiles)
        self._grid.setSpacing(16)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._tiles)
        self.body.addWidget(scroll)
        self.matter_buttons: dict[str, QPushButton] = {}
        back = touch_button(self.tr("返回首页"), "matter_list_back")
        back.clicked.connect(self.back_requested)
        self.buttons.addWidget(back)

    def show_offerings(self, offerings: tuple[Offering, ...], locale: str = "zh_CN") -> None:
        """Rebuild the tiles (the catalog may have changed since the last resident)."""
        for button in self.matter_buttons.values():
            button.deleteLater()
        self.matter_buttons.clear()
        for index, offering in enumerate(offerings):
            title = offering.name.text(locale)
            if offering.is_bundle:
                title = self.tr("【一件事】{name}").format(name=title)
            button = touch_button(
                f"{title}\n{'、'.join(offering.departments)}", f"matter_{offering.code}"
            )
            button.setProperty("tile", True)
            button.setAccessibleDescription(offering.short_description)
            button.clicked.connect(
                lambda _=False, code=offering.code: self.matter_chosen.emit(code)
            )
            self.matter_buttons[offering.code] = button
            self._grid.addWidget(button, index // _COLUMNS, index % _COLUMNS)
