"""Review before submitting (确认信息): everything the resident answered, personal data masked."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QScrollArea, QWidget

from kiosk.catalog.models import FieldType
from kiosk.catalog.offerings import Offering
from kiosk.forms import CheckedApplication, MaterialChoice
from kiosk.privacy import mask_id_number, mask_mobile, mask_name
from ui.screens.base import Screen, name_accessibly, touch_button, wrapping_label

_MASKS = {
    FieldType.PERSON_NAME: mask_name,
    FieldType.ID_NUMBER: mask_id_number,
    FieldType.MOBILE: mask_mobile,
}


class ConfirmScreen(Screen):
    step = "confirm"
    confirmed = Signal()
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__("confirm_screen")
        self._summary = QWidget()
        self._layout = QFormLayout(self._summary)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._summary)
        self.status = wrapping_label("", "confirm_status", role="hint")
        self.body.addWidget(scroll, stretch=1)
        self.body.addWidget(self.status)
        self.back_button = touch_button("", "confirm_back")
        self.back_button.clicked.connect(self.back_requested)
        self.submit_button = touch_button("", "confirm_submit", primary=True)
        self.submit_button.clicked.connect(self.confirmed)
        self.buttons.addWidget(self.back_button)
        self.buttons.addWidget(self.submit_button)
        self._busy = False
        self.retranslate()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("请核对申请信息"))
        for button, text, description in (
            (self.back_button, self.tr("返回修改"), self.tr("回到上一步修改")),
            (self.submit_button, self.tr("确认提交"), self.tr("提交申请并打印回执")),
        ):
            button.setText(text)
            name_accessibly(button, text, description)
        self.set_busy(self._busy)

    def instruction(self) -> str:
        return self.tr("请核对申请信息，无误后按“确认提交”。")

    def show_summary(
        self, offering: Offering, checked: CheckedApplication, locale: str = "zh_CN"
    ) -> None:
        self.reset()
        self._layout.addRow(self.tr("事项"), wrapping_label(offering.name.text(locale)))
        for spec in offering.fields:
            if spec.id in checked.values:
                shown = self._shown(spec.type, checked.values[spec.id])
                self._layout.addRow(spec.label.text(locale), wrapping_label(shown))
        materials = {m.id: m for m in offering.materials}
        for key, decision in checked.materials.items():
            how = {
                MaterialChoice.E_LICENCE: self.tr("免提交"),
                MaterialChoice.COMMITMENT: self.tr("告知承诺，已签名"),
                MaterialChoice.DEFERRED: self.tr("容缺后补"),
                MaterialChoice.BRING: self.tr("现场提交"),
                MaterialChoice.NONE: self.tr("不提供"),
            }[decision.choice]
            if decision.deadline is not None:
                how += f"（{decision.deadline:%Y-%m-%d}）"
            self._layout.addRow(materials[key].name.text(locale), wrapping_label(how))
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
        self._busy = busy
        self.submit_button.setEnabled(not busy)
        self.back_button.setEnabled(not busy)
        self.status.setText(self.tr("正在提交并打印回执，请稍候…") if busy else "")

    def reset(self) -> None:
        while self._layout.rowCount():
            self._layout.removeRow(0)
        self.set_busy(False)
