"""Review before submitting (确认信息): everything the resident answered, personal data masked."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QScrollArea, QWidget

from kiosk.catalog.models import FieldType
from kiosk.catalog.offerings import Offering
from kiosk.forms import CheckedApplication
from kiosk.privacy import mask_id_number, mask_mobile, mask_name
from ui.screens.base import Screen, touch_button, wrapping_label

_MASKS = {
    FieldType.PERSON_NAME: mask_name,
    FieldType.ID_NUMBER: mask_id_number,
    FieldType.MOBILE: mask_mobile,
}


class ConfirmScreen(Screen):
    confirmed = Signal()
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__(self.tr("请核对申请信息"), "confirm_screen")
        self._summary = QWidget()
        self._layout = QFormLayout(self._summary)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._summary)
        self.status = wrapping_label("", "confirm_status")
        self.body.addWidget(scroll, stretch=1)
        self.body.addWidget(self.status)
        self.back_button = touch_button(self.tr("返回修改"), "confirm_back")
        self.back_button.clicked.connect(self.back_requested)
        self.submit_button = touch_button(self.tr("确认提交"), "confirm_submit", primary=True)
        self.submit_button.clicked.connect(self.confirmed)
        self.buttons.addWidget(self.back_button)
        self.buttons.addWidget(self.submit_button)

    def show_summary(
        self, offering: Offering, checked: CheckedApplication, locale: str = "zh_CN"
    ) -> None:
        self.reset()
        self._layout.addRow(self.tr("事项"), wrapping_label(offering.name.text(locale)))
        for spec in offering.fields:
            if spec.id in checked.values:
                shown = self._shown(spec.type, checked.values[spec.id])
                self._layout.addRow(spec.label.text(locale), wrapping_label(shown))
        if checked.delivery is not None:
            delivery = checked.delivery.method.value
            if checked.delivery.address:
                delivery += f"：{checked.delivery.address}"
            self._layout.addRow(self.tr("结果领取方式"), wrapping_label(delivery))

    def _shown(self, kind: FieldType, value: Any) -> str:
        if kind is FieldType.SIGNATURE:
            return self.tr("已签名")
        if isinstance(value, list):
            return "、".join(value)
        mask = _MASKS.get(kind)
        return mask(value) if mask else str(value)

    def set_busy(self, busy: bool) -> None:
        """While the submission is committed and the receipt prints, nothing can be pressed."""
        self.submit_button.setEnabled(not busy)
        self.back_button.setEnabled(not busy)
        self.status.setText(self.tr("正在提交并打印回执，请稍候…") if busy else "")

    def reset(self) -> None:
        while self._layout.rowCount():
            self._layout.removeRow(0)
        self.set_busy(False)
