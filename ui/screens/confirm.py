"""Review before submitting (确认信息): everything the resident answered, personal data masked."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QWidget

from kiosk.catalog import FieldType, Matter
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
        self.status = wrapping_label("", "confirm_status")
        self.body.addWidget(self._summary, stretch=1)
        self.body.addWidget(self.status)
        self.back_button = touch_button(self.tr("返回修改"), "confirm_back")
        self.back_button.clicked.connect(self.back_requested)
        self.submit_button = touch_button(self.tr("确认提交"), "confirm_submit", primary=True)
        self.submit_button.clicked.connect(self.confirmed)
        self.buttons.addWidget(self.back_button)
        self.buttons.addWidget(self.submit_button)

    def show_summary(self, matter: Matter, values: dict[str, str]) -> None:
        self.reset()
        self._layout.addRow(self.tr("事项"), wrapping_label(matter.name))
        for spec in matter.fields:
            value = values.get(spec.id, "")
            mask = _MASKS.get(spec.type)
            self._layout.addRow(spec.label, wrapping_label(mask(value) if mask else value))

    def set_busy(self, busy: bool) -> None:
        """While the submission is committed and the receipt prints, nothing can be pressed."""
        self.submit_button.setEnabled(not busy)
        self.back_button.setEnabled(not busy)
        self.status.setText(self.tr("正在提交并打印回执，请稍候…") if busy else "")

    def reset(self) -> None:
        while self._layout.rowCount():
            self._layout.removeRow(0)
        self.set_busy(False)
