"""The application form (填写申请信息), built from the matter's declared fields.

Fields prefilled from the ID card are shown masked and cannot be edited: the card is the proof.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QRadioButton,
    QWidget,
)

from kiosk.catalog import FieldSpec, FieldType, Matter
from kiosk.forms import FieldError
from kiosk.privacy import mask_id_number, mask_name
from ui.screens.base import Screen, touch_button, wrapping_label

_MASKS = {FieldType.PERSON_NAME: mask_name, FieldType.ID_NUMBER: mask_id_number}


class _FieldWidget:
    """One question: its input widget, and a line under it for the problem, if any."""

    def __init__(self, spec: FieldSpec, prefilled: str | None) -> None:
        self.spec = spec
        self.prefilled = prefilled
        self.error = wrapping_label("", f"error_{spec.id}")
        self.error.setProperty("error", True)
        self.group: QButtonGroup | None = None
        self.line: QLineEdit | None = None
        self.widget: QWidget
        if spec.type is FieldType.CHOICE:
            self.widget = QWidget()
            self.widget.setObjectName(f"field_{spec.id}")
            row = QHBoxLayout(self.widget)
            self.group = QButtonGroup(self.widget)
            for index, option in enumerate(spec.options):
                radio = QRadioButton(option)
                radio.setObjectName(f"field_{spec.id}_{index}")
                radio.setAccessibleName(f"{spec.label}：{option}")
                self.group.addButton(radio, index)
                row.addWidget(radio)
        elif prefilled is not None and spec.type in _MASKS:
            self.widget = QLabel(_MASKS[spec.type](prefilled) + "（已从身份证读取）")
            self.widget.setObjectName(f"field_{spec.id}")
        else:
            self.line = QLineEdit(prefilled or "")
            self.line.setObjectName(f"field_{spec.id}")
            self.line.setMaxLength(spec.max_length)
            self.line.setPlaceholderText(spec.hint)
            self.line.setAccessibleName(spec.label)
            self.widget = self.line

    def value(self) -> str:
        if self.group is not None:
            checked = self.group.checkedButton()
            return checked.text() if checked is not None else ""
        if self.line is not None:
            return self.line.text()
        return self.prefilled or ""


class FormScreen(Screen):
    submitted = Signal(dict)
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__(self.tr("填写申请信息"), "form_screen")
        self._container = QWidget()
        self._layout = QFormLayout(self._container)
        self._layout.setVerticalSpacing(12)
        self.body.addWidget(self._container, stretch=1)
        self._fields: list[_FieldWidget] = []
        back = touch_button(self.tr("取消办理"), "form_cancel")
        back.clicked.connect(self.back_requested)
        self.next_button = touch_button(self.tr("下一步"), "form_next", primary=True)
        self.next_button.clicked.connect(self._submit)
        self.buttons.addWidget(back)
        self.buttons.addWidget(self.next_button)

    def show_form(self, matter: Matter, prefill: dict[str, str]) -> None:
        self.reset()
        for spec in matter.fields:
            field = _FieldWidget(spec, prefill.get(spec.id))
            self._fields.append(field)
            self._layout.addRow(spec.label, field.widget)
            self._layout.addRow("", field.error)

    def show_errors(self, errors: tuple[FieldError, ...]) -> None:
        by_field = {error.field_id: error.message for error in errors}
        for field in self._fields:
            field.error.setText(by_field.get(field.spec.id, ""))

    def _submit(self) -> None:
        self.submitted.emit({field.spec.id: field.value() for field in self._fields})

    def reset(self) -> None:
        self._fields.clear()
        while self._layout.rowCount():
            self._layout.removeRow(0)
