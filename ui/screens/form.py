"""The application form (填写申请信息), built from the offering's declared fields.

Fields prefilled from the ID card are shown masked and cannot be edited: the card is the
proof. Fields with a condition appear as soon as the answer they depend on is given.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QWidget,
)

from kiosk.catalog.models import DeliveryMethod
from kiosk.catalog.offerings import Offering
from kiosk.forms import Application, FieldError
from kiosk.forms.validation import is_shown
from ui.screens.base import Screen, touch_button, wrapping_label
from ui.screens.form_fields import FieldInput


class _DeliveryInput(QWidget):
    """How the result reaches the resident: pick up, or by post to an address."""

    def __init__(self, methods: tuple[DeliveryMethod, ...], address: str) -> None:
        super().__init__()
        self.setObjectName("delivery")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.group = QButtonGroup(self)
        for index, method in enumerate(methods):
            radio = QRadioButton(method.value)
            radio.setObjectName(f"delivery_{index}")
            radio.setProperty("value", method.value)
            radio.setAccessibleName(self.tr("结果领取方式：{method}").format(method=method.value))
            radio.setChecked(len(methods) == 1)
            self.group.addButton(radio, index)
            layout.addWidget(radio)
        self.address = QLineEdit(address)
        self.address.setObjectName("delivery_address")
        self.address.setAccessibleName(self.tr("邮寄地址"))
        self.address.setPlaceholderText(self.tr("邮寄地址，写到街道和门牌号"))
        layout.addWidget(self.address, stretch=1)
        self.group.buttonClicked.connect(lambda _b: self._follow())
        self._follow()

    def _follow(self) -> None:
        self.address.setVisible(self.method() == DeliveryMethod.POST.value)

    def method(self) -> str:
        checked = self.group.checkedButton()
        return str(checked.property("value")) if checked is not None else ""

    def value(self) -> dict[str, Any]:
        if self.method() == DeliveryMethod.POST.value:
            return {"method": self.method(), "address": self.address.text()}
        return {"method": self.method()} if self.method() else {}


class FormScreen(Screen):
    submitted = Signal(object)  # an Application
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__(self.tr("填写申请信息"), "form_screen")
        self._container = QWidget()
        self._layout = QFormLayout(self._container)
        self._layout.setVerticalSpacing(12)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self._container)
        self.body.addWidget(scroll, stretch=1)
        self._inputs: list[FieldInput] = []
        self._errors: dict[str, QLabel] = {}
        self._delivery: _DeliveryInput | None = None
        back = touch_button(self.tr("取消办理"), "form_cancel")
        back.clicked.connect(self.back_requested)
        self.next_button = touch_button(self.tr("下一步"), "form_next", primary=True)
        self.next_button.clicked.connect(self._submit)
        self.buttons.addWidget(back)
        self.buttons.addWidget(self.next_button)

    def show_form(self, offering: Offering, prefill: dict[str, str], locale: str = "zh_CN") -> None:
        self.reset()
        for spec in offering.fields:
            field = FieldInput(spec, prefill.get(spec.id), locale)
            field.changed.connect(self._follow_conditions)
            self._inputs.append(field)
            self._add_row(spec.id, spec.label.text(locale), field)
        if offering.delivery:
            self._delivery = _DeliveryInput(offering.delivery, prefill.get("address", ""))
            self._add_row("delivery.method", self.tr("结果领取方式"), self._delivery)
            self._errors["delivery.address"] = self._errors["delivery.method"]
        self._follow_conditions()

    def show_errors(self, errors: tuple[FieldError, ...], locale: str = "zh_CN") -> None:
        for label in self._errors.values():
            label.setText("")
        for error in errors:
            shown = self._errors.get(error.field_id)
            if shown is not None:
                shown.setText(error.message.render(locale))

    def application(self) -> Application:
        answers = {f.spec.id: f.value() for f in self._inputs if not f.isHidden()}
        delivery = self._delivery.value() if self._delivery is not None else None
        return Application(answers=answers, delivery=delivery)

    def _add_row(self, key: str, label: str, widget: QWidget) -> None:
        error = wrapping_label("", f"error_{key}")
        error.setProperty("error", True)
        self._errors[key] = error
        self._layout.addRow(label, widget)
        self._layout.addRow("", error)

    def _follow_conditions(self) -> None:
        # In declared order, as validation does: a hidden field's answer shows nothing further.
        answers: dict[str, Any] = {}
        for row, field in enumerate(self._inputs):
            shown = is_shown(field.spec, answers)
            if shown:
                answers[field.spec.id] = field.value()
            self._layout.setRowVisible(row * 2, shown)
            self._layout.setRowVisible(row * 2 + 1, shown)
            field.setHidden(not shown)

    def _submit(self) -> None:
        self.submitted.emit(self.application())

    def reset(self) -> None:
        self._inputs.clear()
        self._errors.clear()
        self._delivery = None
        while self._layout.rowCount():
            self._layout.removeRow(0)
