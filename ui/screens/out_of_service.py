"""Out of service (暂停服务): staff took the kiosk out of service. The screen says so in large
words, where to go instead (other kiosks or the service windows of this hall) and the hotline
that still answers; nothing on it starts a visit."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.screens.base import Screen, wrapping_label


class OutOfServiceScreen(Screen):
    def __init__(self, hall_name: str, hotline: str) -> None:
        super().__init__("out_of_service_screen")
        self._hall_name, self._hotline = hall_name, hotline
        self.message = wrapping_label("", "out_of_service_message", role="instruction")
        self.where_instead = wrapping_label("", "out_of_service_where", role="instruction")
        for label in (self.title, self.message, self.where_instead):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.body.addStretch(1)
        self.body.addWidget(self.message)
        self.body.addWidget(self.where_instead)
        self.body.addStretch(1)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("暂停服务"))
        self.message.setText(self.tr("本机正在维护，暂停受理申请。"))
        self.where_instead.setText(
            self.tr("请到{hall}的其他自助终端或服务窗口办理；咨询请拨打热线 {hotline}。").format(
                hall=self._hall_name, hotline=self._hotline
            )
        )

    def instruction(self) -> str:
        return " ".join((self.title.text(), self.message.text(), self.where_instead.text()))

    def show_hall(self, hall_name: str, hotline: str) -> None:
        """The hall's name or hotline changed (a technician's setting, applied live)."""
        self._hall_name, self._hotline = hall_name, hotline
        self.retranslate()
