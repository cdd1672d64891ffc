"""Materials (申请材料): for each, taken from the e-licence (免提交), replaced by a signed
commitment (告知承诺), supplied later (容缺), or brought to the window.

The materials come in pages of as many as fit the screen, turned with 上一页/下一页; once a
commitment is chosen, the signature pad follows the last material, on the next page if it
does not fit beside them."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QButtonGroup, QVBoxLayout, QWidget

from kiosk.catalog.models import Material
from kiosk.catalog.offerings import Offering
from kiosk.forms import FieldError, MaterialChoice
from kiosk.forms.application import allowed_choices
from kiosk.working_days import add_working_days
from ui.screens.base import Screen, label_buttons, name_accessibly, touch_button, wrapping_label
from ui.widgets.error_label import ErrorLabel
from ui.widgets.flow_layout import FlowLayout
from ui.widgets.paged_column import PagedColumn
from ui.widgets.signature_pad import SignaturePad
from ui.widgets.wrapping_choice import WrappingRadioButton


class _MaterialRow(QWidget):
    changed = Signal()

    def __init__(self, material: Material, today: date, locale: str) -> None:
        super().__init__()
        self.material = material
        self.setObjectName(f"material_{material.id}")
        layout = QVBoxLayout(self)
        name = material.name.text(locale)
        layout.addWidget(
            wrapping_label(
                self.tr("{name}（{form} {count}份）").format(
                    name=name, form=material.form, count=material.count
                ),
                role="instruction",
            )
        )
        self.group = QButtonGroup(self)
        choices = FlowLayout()  # long choices go under each other on a narrow panel
        for index, choice in enumerate(allowed_choices(material)):
            text = self._choice_text(choice, material, today)
            radio = WrappingRadioButton(text)
            radio.setObjectName(f"material_{material.id}_{choice.value}")
            radio.setProperty("choice", choice.value)
            name_accessibly(radio, f"{name}：{text}", self.tr("材料提供方式"))
            radio.setChecked(index == 0)
            self.group.addButton(radio, index)
            choices.addWidget(radio)
        # The commitment text shows first, so the screen measures the row with it.
        self.group.buttonClicked.connect(lambda _b: self._follow())
        self.group.buttonClicked.connect(lambda _b: self.changed.emit())
        layout.addLayout(choices)
        # Its own item of the pages, after the row: the row and the text need not share one.
        self.commitment = wrapping_label("", f"material_{material.id}_commitment", role="hint")
        self.error = ErrorLabel(f"error_materials.{material.id}")
        layout.addWidget(self.error)
        self._follow()

    def _choice_text(self, choice: MaterialChoice, material: Material, today: date) -> str:
        if choice is MaterialChoice.E_LICENCE:
            return self.tr("免提交（已从电子证照“{licence}”获取）").format(
                licence=material.e_licence
            )
        if choice is MaterialChoice.COMMITMENT:
            return self.tr("告知承诺（签名代替证明）")
        if choice is MaterialChoice.DEFERRED:
            deadline = add_working_days(today, material.deferrable_days or 0)
            return self.tr("容缺后补（{deadline}前补交）").format(deadline=f"{deadline:%Y-%m-%d}")
        if choice is MaterialChoice.NONE:
            return self.tr("没有此材料")
        return self.tr("我会带来")

    def choice(self) -> str:
        checked = self.group.checkedButton()
        return str(checked.property("choice")) if checked is not None else ""

    def committed(self) -> bool:
        return self.choice() == MaterialChoice.COMMITMENT.value

    def _follow(self) -> None:
        self.commitment.setText(
            self.tr("承诺内容：{text}").format(text=self.material.commitment)
            if self.committed()
            else ""
        )


class MaterialsScreen(Screen):
    step = "materials"
    completed = Signal(dict, object)  # material id -> how provided; the signature or None
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__("materials_screen")
        self._content = PagedColumn()
        self._content.page_changed.connect(self._show_page)
        self.page_label = wrapping_label("", "materials_page", role="hint")
        # The pad, its instruction and its message are one item of the pages, shown while a
        # commitment is chosen: a page never holds half of it.
        self.signing = QWidget()
        self.signing.setObjectName("materials_signing")
        signing = QVBoxLayout(self.signing)
        signing.setContentsMargins(0, 0, 0, 0)
        self.signature_label = wrapping_label("", "materials_signature_label", role="instruction")
        self.signature = SignaturePad()
        self.signature.setObjectName("materials_signature")
        self.clear_button = touch_button("", "materials_signature_clear")
        self.clear_button.clicked.connect(self.signature.clear)
        self.signature_error = ErrorLabel("error_signature")
        pad = FlowLayout()
        pad.addWidget(self.signature)
        pad.addWidget(self.clear_button)
        signing.addWidget(self.signature_label)
        signing.addLayout(pad)
        signing.addWidget(self.signature_error)
        self.body.addWidget(self._content, stretch=1)
        self.body.addWidget(self.page_label)
        self._rows: list[_MaterialRow] = []
        self.back_button = touch_button("", "materials_back")
        self.back_button.clicked.connect(self.back_requested)
        self.next_button = touch_button("", "materials_next", primary=True)
        self.next_button.clicked.connect(
            lambda: self.completed.emit(self.choices(), self.signature_value())
        )
        self.previous_page = touch_button("", "materials_previous_page")
        self.previous_page.clicked.connect(lambda: self._content.turn(-1))
        self.next_page = touch_button("", "materials_next_page")
        self.next_page.clicked.connect(lambda: self._content.turn(1))
        for button in (self.back_button, self.previous_page, self.next_page, self.next_button):
            self.buttons.addWidget(button)
        self.retranslate()
        self._follow()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("申请材料"))
        self.signature_label.setText(
            self.tr("您选择了告知承诺：请阅读承诺内容，然后在下面的框内签名。")
        )
        name_accessibly(self.signature, self.tr("签名框"), self.tr("请用手指在框内签名"))
        label_buttons(
            (self.clear_button, self.tr("重签")),
            (self.back_button, self.tr("上一步")),
            (self.next_button, self.tr("下一步")),
        )
        self._content.label_controls(self.previous_page, self.next_page)
        self._show_page()

    def instruction(self) -> str:
        return self.tr("请为每项材料选择提供方式。选择告知承诺的，需要签名。")

    def show_materials(self, offering: Offering, today: date, locale: str = "zh_CN") -> None:
        self.reset()
        for material in offering.materials:
            row = _MaterialRow(material, today, locale)
            row.changed.connect(self._follow)
            self._rows.append(row)
            self._content.add(row, keep_with_next=True)
            self._content.add(row.commitment, left_out=not row.committed())
        self._content.add(self.signing, left_out=True)
        self._follow()

    def _show_page(self) -> None:
        self._content.update_controls(self.previous_page, self.next_page, self.page_label)

    @property
    def rows(self) -> tuple[_MaterialRow, ...]:
        """One row a material: its choice, its commitment text."""
        return tuple(self._rows)

    def choices(self) -> dict[str, str]:
        return {row.material.id: row.choice() for row in self._rows}

    def signature_value(self) -> dict[str, object] | None:
        return None if self.signature.is_empty() else {"strokes": self.signature.strokes()}

    def show_errors(self, errors: tuple[FieldError, ...], locale: str = "zh_CN") -> bool:
        """Show this step's problems; True when there were any."""
        mine = {e.field_id: e.message.render(locale) for e in errors}
        for row in self._rows:
            row.error.setText(mine.get(f"materials.{row.material.id}", ""))
        self.signature_error.setText(mine.get("signature", ""))
        wrong: list[QWidget] = [row for row in self._rows if row.error.text()]
        if self.signature_error.text():
            wrong.append(self.signing)
        if wrong:
            self._content.paginate()  # a message takes room
            self._content.turn_to(wrong[0])
        return any(key == "signature" or key.startswith("materials.") for key in mine)

    def _follow(self) -> None:
        for row in self._rows:
            self._content.leave_out(row.commitment, not row.committed())
        needs_signature = any(row.committed() for row in self._rows)
        self._content.leave_out(self.signing, not needs_signature)

    def reset(self) -> None:
        self._rows.clear()
        self._content.remove(self.signing)  # kept: clearing deletes what the column holds
        self._content.clear()
        self.signature.clear()
        self.signature_error.setText("")
        self._follow()
