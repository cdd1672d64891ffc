"""How the result reaches the resident (结果领取): pick up, or by post to an address."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractButton, QButtonGroup, QHBoxLayout, QLineEdit

from kiosk.catalog.models import DeliveryMethod
from kiosk.forms import FieldError
from ui.screens.base import Screen, label_buttons, name_accessibly, touch_button
from ui.widgets.error_label import ErrorLabel
from ui.widgets.onscreen_keyboard import KeyboardMode, OnScreenKeyboard
from ui.widgets.steps_beside_keys import StepsBesideKeys
from ui.widgets.touch_choices import TouchRadioButton


class DeliveryScreen(Screen):
    step = "delivery"
    completed = Signal(dict)  # the chosen delivery (method, address)
    back_requested = Signal()

    def __init__(self) -> None:
        super().__init__("delivery_screen")
        self.group = QButtonGroup(self)
        self.choices = QHBoxLayout()
        self.method_error = ErrorLabel("error_delivery.method")
        self.address = QLineEdit()
        self.address.setObjectName("delivery_address")
        self.address.setProperty("keyboard", "pinyin")
        self.address_error = ErrorLabel("error_delivery.address")
        self.keyboard = OnScreenKeyboard()
        self.keyboard.setObjectName("delivery_keyboard")
        # The choice and the address share a row, leaving the keyboard room below.
        self.choices.addWidget(self.address, stretch=1)
        self.body.addLayout(self.choices)
        self.body.addWidget(self.method_error)
        self.body.addWidget(self.address_error)
        self.body.addStretch(1)
        self.back_button = touch_button("", "delivery_back")
        self.back_button.clicked.connect(self.back_requested)
        self.next_button = touch_button("", "delivery_next", primary=True)
        self.next_button.clicked.connect(lambda: self.completed.emit(self.value()))
        self.buttons.addWidget(self.back_button)
        self.buttons.addWidget(self.next_button)
        self.steps = StepsBesideKeys(
            self.keyboard, self.buttons, (self.back_button, self.next_button)
        )
        self.body.addLayout(self.steps.row)
        self.group.buttonClicked.connect(lambda _b: self._follow())
        self.retranslate()
        self._follow()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("结果领取方式"))
        self.address.setPlaceholderText(self.tr("邮寄地址，写到街道和门牌号"))
        name_accessibly(self.address, self.tr("邮寄地址"), self.tr("用屏幕键盘输入拼音"))
        label_buttons(
            (self.back_button, self.tr("上一步")),
            (self.next_button, self.tr("下一步")),
        )
        for radio in self.group.buttons():
            self._label_method(radio)
        self._make_room_again()  # a title in another language may take another row

    def instruction(self) -> str:
        return self.tr("请选择结果领取方式。选择邮寄的，请核对邮寄地址。")

    def set_layout_mode(self, elder: bool) -> None:
        self.keyboard.set_elder_mode(elder)
        self._make_room_again()

    def show_methods(self, methods: tuple[DeliveryMethod, ...], address: str) -> None:
        self.reset()
        for index, method in enumerate(methods):
            radio = TouchRadioButton()
            radio.setObjectName(f"delivery_{index}")
            radio.setProperty("value", method.value)
            self._label_method(radio)
            radio.setChecked(len(methods) == 1)
            self.group.addButton(radio, index)
            self.choices.insertWidget(index, radio)
            radio.show()
        self.address.setText(address)
        self._follow()

    def _label_method(self, radio: QAbstractButton) -> None:
        """The method in the resident's language (the catalogue names them in Chinese)."""
        method = DeliveryMethod(radio.property("value"))
        text = {DeliveryMethod.PICK_UP: self.tr("自取"), DeliveryMethod.POST: self.tr("邮寄")}[
            method
        ]
        radio.setText(text)
        name_accessibly(radio, text, self.tr("结果领取方式"))

    def value(self) -> dict[str, str]:
        checked = self.group.checkedButton()
        if checked is None:
            return {}
        method = str(checked.property("value"))
        if method == DeliveryMethod.POST.value:
            return {"method": method, "address": self.address.text()}
        return {"method": method}

    def show_errors(self, errors: tuple[FieldError, ...], locale: str = "zh_CN") -> bool:
        mine = {e.field_id: e.message.render(locale) for e in errors}
        self.method_error.setText(mine.get("delivery.method", ""))
        self.address_error.setText(mine.get("delivery.address", ""))
        return any(key.startswith("delivery.") for key in mine)

    def _follow(self) -> None:
        method = self.value().get("method")
        if method is not None:  # any choice answers "please choose"
            self.method_error.setText("")
        posting = method == DeliveryMethod.POST.value
        if posting == self.keyboard.isVisibleTo(self):
            return
        self.address.setVisible(posting)
        if posting:
            self.keyboard.attach(self.address, KeyboardMode.PINYIN)
            self._make_room()
            self.keyboard.show()
        else:
            self.keyboard.hide()
            self.keyboard.detach()
            self.progress.show()
            self.keyboard.set_compact(False)
            self.steps.set_beside(False)

    def _make_room_again(self) -> None:
        if self.keyboard.isVisibleTo(self):
            self.keyboard.hide()
            self._make_room()
            self.keyboard.show()

    def _make_room(self) -> None:
        """Before the keyboard shows, give up the progress bar, then full-size keys, then the
        bar of step buttons (they go beside the keys), until the screen fits the height it has
        with the keyboard up. Made once the keyboard is up, the room would come too late:
        showing it grows the window past the panel at once."""
        self.progress.show()
        self.keyboard.set_compact(False)
        self.steps.set_beside(False)
        if self._least_height_with_keyboard() <= self.height():
            return
        self.progress.hide()
        if self._least_height_with_keyboard() <= self.height():
            return
        self.keyboard.set_compact(True)
        margins = self.layout().contentsMargins()
        width = self.width() - margins.left() - margins.right()
        too_tall = self._least_height_with_keyboard() > self.height()
        self.steps.set_beside(too_tall and self.steps.fit_beside(width))

    def _least_height_with_keyboard(self) -> int:
        """The screen's least height were the (hidden) keyboard shown as it is now."""
        layout = self.layout()
        assert layout is not None
        for fresh in (self.keyboard.layout(), layout):  # each caches its sizes until laid out
            if fresh is not None:
                fresh.invalidate()
                fresh.activate()
        keyboard = self.keyboard.minimumSizeHint().height() + self.body.spacing()
        return layout.totalMinimumSize().height() + keyboard

    def reset(self) -> None:
        for button in self.group.buttons():
            self.group.removeButton(button)
            button.deleteLater()
        self.address.clear()
        self.method_error.setText("")
        self.address_error.setText("")
        self._follow()
