"""Out of service (暂停服务): staff took the kiosk out of service, or it restarted too often
(kiosk/crash_loop.py, with a note saying so for staff); the hotline still answers."""

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
        self.staff_note = wrapping_label("", "out_of_service_staff_note", role="hint")
        self.staff_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._crash_loop = False
        self.staff_note.hide()  # until there is a reason for staff: an empty line takes a row
        self.body.addStretch(1)
        self.body.addWidget(self.message)
        self.body.addStretch(1)
        self.body.addWidget(self.staff_note)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("本机暂停服务"))
        self.message.setText(
            self.tr(
                "本机正在维护，暂停办理。请到其他自助终端或窗口办理，或拨打热线 {hotline}。"
            ).format(hotline=self._hotline)
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
        return self.message.text()
