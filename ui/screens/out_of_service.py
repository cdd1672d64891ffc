"""Out of service (暂停服务): staff took the kiosk out of service, or it restarted too often
(kiosk/crash_loop.py, with a note saying so for staff). The screen says so in large words,
where to go instead (other kiosks or the service windows of this hall) and the hotline that
still answers; nothing on it starts a visit."""

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
        self.staff_note = wrapping_label("", "out_of_service_staff_note", role="hint")
        self.staff_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._crash_loop = False
        self.staff_note.hide()  # until there is a reason for staff: an empty line takes a row
        self.body.addStretch(1)
        self.body.addWidget(self.message)
        self.body.addWidget(self.where_instead)
        self.body.addStretch(1)
        self.body.addWidget(self.staff_note)
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
        self.staff_note.setText(
            self.tr(
                "工作人员：本机5分钟内多次意外重启，已自动暂停服务。请查看管理界面的设备状态，"
                "处理后恢复服务；若10分钟内不再重启，本机会自动恢复服务。"
            )
            if self._crash_loop
            else ""
        )

    def show_crash_loop(self, crash_loop: bool) -> None:
        """Say to staff, below the residents' message, that restarts closed the kiosk."""
        self._crash_loop = crash_loop
        self.staff_note.setVisible(crash_loop)
        self.retranslate()

    def instruction(self) -> str:
        return " ".join((self.title.text(), self.message.text(), self.where_instead.text()))

    def show_hall(self, hall_name: str, hotline: str) -> None:
        """The hall's name or hotline changed (a technician's setting, applied live)."""
        self._hall_name, self._hotline = hall_name, hotline
        self.retranslate()
