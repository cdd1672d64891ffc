"""Out of service (暂停服务): staff took the kiosk out of service; the hotline still answers."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.screens.base import Screen, wrapping_label


class OutOfServiceScreen(Screen):
    def __init__(self, hotline: str) -> None:
        super().__init__("out_of_service_screen")
        self._hotline = hotline
        self.message = wrapping_label("", "out_of_service_message", role="instruction")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addStretch(1)
        self.body.addWidget(self.message)
        self.body.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("本机暂停服务"))
        self.message.setText(
            self.tr(
                "本机正在维护，暂停办理。请到其他自助终端或窗口办理，或拨打热线 {hotline}。"
            ).format(hotline=self._hotline)
        )

    def instruction(self) -> str:
        return self.message.text()

    def show_hotline(self, hotline: str) -> None:
        """The hotline changed (a technician's setting, applied live)."""
        self._hotline = hotline
        self.retranslate()
