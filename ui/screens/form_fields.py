"""One input widget per declared field type, each able to give back its answer."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kiosk.catalog.models import FieldSpec, FieldType
from kiosk.privacy import mask_id_number, mask_name
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.signature_pad import SignaturePad
from ui.widgets.touch_choices import TouchCheckBox, TouchRadioButton

_MASKS = {FieldType.PERSON_NAME: mask_name, FieldType.ID_NUMBER: mask_id_number}
_DIGIT_TYPES = (FieldType.ID_NUMBER, FieldType.MOBILE, FieldType.NUMBER, FieldType.DATE)


class FieldInput(QWidget):
    """The input for one field; `changed` fires on every edit so conditions can follow."""

    changed = Signal()

    def __init__(self, spec: FieldSpec, prefilled: str | None, locale: str) -> None:
        super().__init__()
        self.spec = spec
        self.setObjectName(f"field_{spec.id}")
        self._prefilled = prefilled
        self._line: QLineEdit | None = None
        self._group: QButtonGroup | None = None
        self._checks: list[TouchCheckBox] = []
        self._pad: SignaturePad | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if prefilled is not None and spec.type in _MASKS:
            shown = _MASKS[spec.type](prefilled)
            label = QLabel(self.tr("{value}（已从身份证读取）").format(value=shown))
            label.setObjectName(f"field_{spec.id}_shown")
            layout.addWidget(label)
        elif spec.type in (FieldType.CHOICE, FieldType.YES_NO):
            self._add_radios(layout, locale)
        elif spec.type is FieldType.MULTI_CHOICE:
            self._add_checks(layout, locale)
        elif spec.type is FieldType.SIGNATURE:
            self._add_pad(layout, locale)
        else:
            self._add_line(layout, locale)

    def _add_radios(self, layout: QHBoxLayout, locale: str) -> None:
        spec = self.spec
        options = (
            [(o.value, o.label(locale)) for o in spec.options]
            if spec.type is FieldType.CHOICE
            else [("是", self.tr("是")), ("否", self.tr("否"))]
        )
        self._group = QButtonGroup(self)
        row = FlowLayout()  # long options go under each other on a narrow panel
        layout.addLayout(row)
        for index, (value, label) in enumerate(options):
            radio = TouchRadioButton(label)
            radio.setObjectName(f"field_{spec.id}_{index}")
            radio.setProperty("value", value)
            radio.setAccessibleName(f"{spec.label.text(locale)}：{label}")
            radio.setAccessibleDescription(spec.label.text(locale))
            radio.setChecked(value == self._prefilled)
            self._group.addButton(radio, index)
            row.addWidget(radio)
        self._group.buttonClicked.connect(lambda _b: self.changed.emit())

    def _add_checks(self, layout: QHBoxLayout, locale: str) -> None:
        column = QVBoxLayout()
        for index, option in enumerate(self.spec.options):
            check = TouchCheckBox(option.label(locale))
            check.setObjectName(f"field_{self.spec.id}_{index}")
            check.setProperty("value", option.value)
            check.setAccessibleName(f"{self.spec.label.text(locale)}：{option.label(locale)}")
            check.setAccessibleDescription(self.spec.label.text(locale))
            check.toggled.connect(lambda _c: self.changed.emit())
            self._checks.append(check)
            column.addWidget(check)
        layout.addLayout(column)

    def _add_pad(self, layout: QHBoxLayout, locale: str) -> None:
        self._pad = SignaturePad()
        self._pad.setObjectName(f"field_{self.spec.id}_pad")
        self._pad.setAccessibleName(self.spec.label.text(locale))
        self._pad.setAccessibleDescription(self.tr("请用手指在框内签名"))
        self._pad.changed.connect(self.changed)
        clear = QPushButton(self.tr("重签"))
        clear.setObjectName(f"field_{self.spec.id}_clear")
        clear.setAccessibleName(self.tr("清除签名重签"))
        clear.setAccessibleDescription(self.tr("清除签名重签"))
        clear.clicked.connect(self._pad.clear)
        layout.addWidget(self._pad, stretch=1)
        layout.addWidget(clear)

    def _add_line(self, layout: QHBoxLayout, locale: str) -> None:
        self._line = QLineEdit(self._prefilled or "")
        self._line.setObjectName(f"field_{self.spec.id}_input")
        self._line.setMaxLength(self.spec.max_length)
        self._line.setPlaceholderText(_placeholder(self.spec, locale))
        self._line.setAccessibleName(self.spec.label.text(locale))
        self._line.setAccessibleDescription(
            _placeholder(self.spec, locale) or self.spec.label.text(locale)
        )
        self._line.setProperty("keyboard", "digits" if self.spec.type in _DIGIT_TYPES else "pinyin")
        # An ID number may end in X (the check digit 10); the digit pad offers it only here.
        self._line.setProperty("allow_x", self.spec.type is FieldType.ID_NUMBER)
        self._line.textChanged.connect(lambda _t: self.changed.emit())
        layout.addWidget(self._line)

    def line(self) -> QLineEdit | None:
        """The text box typed into with the on-screen keyboard, if the field has one."""
        return self._line

    def relabel(self, locale: str) -> None:
        labels = {o.value: o.label(locale) for o in self.spec.options}
        labels |= {"是": self.tr("是"), "否": self.tr("否")}
        buttons = self._group.buttons() if self._group is not None else []
        for button in [*buttons, *self._checks]:
            button.setText(labels.get(str(button.property("value")), button.text()))

    def value(self) -> Any:
        if self._group is not None:
            checked = self._group.checkedButton()
            return checked.property("value") if checked is not None else ""
        if self._checks:
            return [c.property("value") for c in self._checks if c.isChecked()]
        if self._pad is not None:
            return {"strokes": self._pad.strokes()} if not self._pad.is_empty() else None
        if self._line is not None:
            return self._line.text()
        return self._prefilled or ""


def _placeholder(spec: FieldSpec, locale: str) -> str:
    if spec.hint is not None:
        return spec.hint.text(locale)
    if spec.type is FieldType.DATE:
        return QCoreApplication.translate("FieldInput", "年月日8位数字，例如 20240301")
    if spec.type is FieldType.NUMBER:
        low = f"{spec.minimum:g}" if spec.minimum is not None else ""
        high = f"{spec.maximum:g}" if spec.maximum is not None else ""
        return f"{low}–{high} {spec.unit}".strip()
    return ""
