"""The provisioning screen (首次配置): an unprovisioned kiosk shows it instead of any resident
screen. It tells a technician, in large type, the two ways to provision (a USB stick holding the
province's provisioning file, or its QR code held to the scanner), says why a bundle was
refused and what to do, and once provisioned shows the terminal, its hall, whether the platform
answered, and the enrolment line with a QR code for the province's operator to scan."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from kiosk.provisioning.outcome import Provisioned
from kiosk.provisioning.paths import BUNDLE_SUFFIX
from kiosk.provisioning.refusals import Refusal
from ui.screens.base import Screen, label_buttons, touch_button, wrapping_label
from ui.widgets.qr_code_view import QrCodeView

# Large enough for a phone or the operator's scanner across a desk; small enough that the
# texts beside it fit a 1366×768 panel.
_ENROLMENT_CODE_PX = 300


class ProvisioningScreen(Screen):
    start_requested = Signal()  # the technician asks to start the kiosk now

    def __init__(self, scanner: str | None) -> None:
        super().__init__("provisioning_screen")
        for button in (self.elder_button, self.language_button, self.staff_button):
            button.hide()  # no resident is served here, and no staff console opens
        self._scanner = scanner
        self._state = "waiting"
        self._refusals: list[Refusal] = []
        self._failure = ""
        self._provisioned: Provisioned | None = None
        self._seconds_left = 0

        self.steps = wrapping_label("", "provisioning_steps", role="instruction")
        self.scanner_state = wrapping_label("", "provisioning_scanner", role="hint")
        self.status = wrapping_label("", "provisioning_status", role="instruction")
        self.details = wrapping_label("", "provisioning_details", role="hint")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.enrolment = wrapping_label("", "provisioning_enrolment", role="hint")
        self.enrolment_code = QrCodeView("provisioning_enrolment_code", _ENROLMENT_CODE_PX)
        texts = QVBoxLayout()
        for label in (self.steps, self.scanner_state, self.status, self.details, self.enrolment):
            texts.addWidget(label)
        texts.addStretch(1)
        row = QHBoxLayout()
        row.addLayout(texts, stretch=1)
        row.addWidget(self.enrolment_code, alignment=Qt.AlignmentFlag.AlignTop)
        self.body.addLayout(row, stretch=1)
        self.start_button = touch_button("", "provisioning_start_button", primary=True)
        self.start_button.clicked.connect(self.start_requested)
        self.buttons.addWidget(self.start_button)
        self._show_state()

    @property
    def state(self) -> str:
        """waiting, checking, refused, failed or provisioned."""
        return self._state

    def show_checking(self) -> None:
        self._state = "checking"
        self._show_state()

    def show_refused(self, refusals: list[Refusal]) -> None:
        self._state, self._refusals = "refused", refusals
        self._show_state()

    def show_failure(self, message: str) -> None:
        self._state, self._failure = "failed", message
        self._show_state()

    def show_provisioned(self, provisioned: Provisioned, seconds_left: int) -> None:
        self._state, self._provisioned = "provisioned", provisioned
        self._seconds_left = seconds_left
        self.enrolment_code.show_code(provisioned.applied.enrolment_line)
        self._show_state()

    def count_down(self, seconds_left: int) -> None:
        self._seconds_left = seconds_left
        self.retranslate()

    def _show_state(self) -> None:
        done = self._state == "provisioned"
        self.steps.setVisible(not done)
        self.scanner_state.setVisible(not done)
        self.status.setVisible(self._state != "waiting")
        self.details.setVisible(self._state in ("refused", "failed", "provisioned"))
        self.enrolment.setVisible(done)
        self.enrolment_code.setVisible(done)
        self.start_button.setVisible(done)
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        if self._state == "provisioned":
            self.title.setText(self.tr("配置完成"))
        else:
            self.title.setText(self.tr("本机尚未配置"))
        self.steps.setText(
            self.tr(
                "请技术人员用以下任一方式完成首次配置：\n"
                "1. 插入存有配置文件（文件名以 {suffix} 结尾）的U盘，本机会自动读取；\n"
                "2. 或用本机的扫码器扫描配置二维码。"
            ).format(suffix=BUNDLE_SUFFIX)
        )
        self.scanner_state.setText(
            self.tr("扫码器：{device}").format(device=self._scanner)
            if self._scanner
            else self.tr("未找到扫码器：请用U盘配置。")
        )
        self.status.setText(self._status_text())
        self.details.setText(self._details_text())
        self.enrolment.setText(self._enrolment_text())
        label_buttons((self.start_button, self.tr("开始服务")))

    def _status_text(self) -> str:
        if self._state == "checking":
            return self.tr("正在核验配置包，请稍候…")
        if self._state == "refused":
            return self.tr("配置包未通过核验，本机没有做任何更改：")
        if self._state == "failed":
            return self.tr("配置未能完成：")
        if self._state == "provisioned" and self._provisioned is not None:
            applied = self._provisioned.applied
            return self.tr("终端编号：{terminal}\n所在大厅：{hall}").format(
                terminal=applied.terminal_id, hall=applied.hall_name
            )
        return ""

    def _details_text(self) -> str:
        if self._state == "refused":
            reasons = "\n".join(f"• {refusal.zh}" for refusal in self._refusals)
            return reasons + "\n" + self.tr("请换用正确的配置文件或配置二维码后重试。")
        if self._state == "failed":
            return self.tr("{reason}\n请联系技术支持检查本机后重试。").format(reason=self._failure)
        if self._state == "provisioned" and self._provisioned is not None:
            reach = self._provisioned.reachability
            key = (
                self.tr("终端密钥：已新建")
                if self._provisioned.applied.key_created
                else self.tr("终端密钥：沿用原有密钥")
            )
            platform = (
                self.tr("平台连接：正常")
                if reach.reachable
                else self.tr("平台连接：暂时连不上（配置已完成；请检查网络，恢复后自动上传）")
            )
            return f"{platform}\n{key}"
        return ""

    def _enrolment_text(self) -> str:
        if self._provisioned is None:
            return ""
        return self.tr(
            "请省级平台操作员扫描右侧二维码，或运行以下命令登记本终端：\n{line}\n"
            "{seconds} 秒后自动开始服务。"
        ).format(line=self._provisioned.applied.enrolment_line, seconds=self._seconds_left)

    def instruction(self) -> str:
        return " ".join(
            label.text() for label in (self.title, self.steps, self.status) if label.isVisible()
        )
