"""Review before submitting (确认信息): everything the resident answered, personal data masked,
in pages of as many rows as the panel holds."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.catalog.models import DeliveryMethod, FieldType
from kiosk.catalog.offerings import Offering
from kiosk.forms import CheckedApplication, MaterialChoice
from kiosk.privacy import mask_id_number, mask_mobile, mask_name
from ui.screens.base import Screen, name_accessibly, touch_button, wrapping_label
from ui.widgets.paged_column import PagedColumn

_MASKS = {
    FieldType.PERSON_NAME: mask_name,
    FieldType.ID_NUMBER: mask_id_number,
    FieldType.MOBILE: mask_mobile,
}


def _summary_row(name: str, value: str) -> QWidget:
    """One answer: what was asked, and what the resident said (both wrap when long)."""
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(wrapping_label(name, "confirm_name"), stretch=1)
    layout.addWidget(wrapping_label(value, "confirm_value"), stretch=2)
    return row


class ConfirmScreen(Screen):
    step = "confirm"
    confirmed = Signal()
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__("confirm_screen")
        self._summary = PagedColumn()
        self._summary.page_changed.connect(self._show_page)
        self.page_label = wrapping_label("", "confirm_page", role="hint")
        self.status = wrapping_label("", "confirm_status", role="hint")
        self.body.addWidget(self._summary, stretch=1)
        self.body.addWidget(self.page_label)
        self.body.addWidget(self.status)
        self.back_button = touch_button("", "confirm_back")
        self.back_button.clicked.connect(self.back_requested)
        self.submit_button = touch_button("", "confirm_submit", primary=True)
        self.submit_button.clicked.connect(self.confirmed)
        self.previous_page = touch_button("", "confirm_previous_page")
        self.previous_page.clicked.connect(lambda: self._summary.turn(-1))
        self.next_page = touch_button("", "confirm_next_page")
        self.next_page.clicked.connect(lambda: self._summary.turn(1))
        for button in (self.back_button, self.previous_page, self.next_page, self.submit_button):
            self.buttons.addWidget(button)
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
        self._summary.label_controls(self.previous_page, self.next_page)
        self._show_page()
        self.set_busy(self._busy)

    def instruction(self) -> str:
        return self.tr("请核对申请信息，无误后按“确认提交”。")

    def show_summary(
        self, offering: Offering, checked: CheckedApplication, locale: str = "zh_CN"
    ) -> None:
        self.reset()
        self._summary.add(_summary_row(self.tr("事项"), offering.name.text(locale)))
        for spec in offering.fields:
            if spec.id in checked.values:
                shown = self._shown(spec.type, checked.values[spec.id])
                self._summary.add(_summary_row(spec.label.text(locale), shown))
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
            self._summary.add(_summary_row(materials[key].name.text(locale), how))
        if checked.delivery is not None:
            delivery = {
                DeliveryMethod.PICK_UP: self.tr("自取"),
                DeliveryMethod.POST: self.tr("邮寄"),
            }[checked.delivery.method]
            if checked.delivery.address:
                delivery += f"：{checked.delivery.address}"
            self._summary.add(_summary_row(self.tr("结果领取方式"), delivery))

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

    def _show_page(self) -> None:
        self._summary.update_controls(self.previous_page, self.next_page, self.page_label)

    def reset(self) -> None:
        self._summary.clear()
        self.set_busy(False)
