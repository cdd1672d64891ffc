"""The staff entry's PIN pad: a staff number (工号) and a PIN typed on large digit keys, the
PIN shown as dots, and plain words after a wrong PIN: how many tries are left, or how long
until the next one, counting down."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
)

from ui.screens.base import Screen, label_buttons, name_accessibly, touch_button, wrapping_label

PIN_MAX = 8
NUMBER_MAX = 12


class PadField(QLineEdit):
    """A field filled only from the pad; a tap on it makes it the one the keys type into."""

    tapped = Signal()

    def __init__(self, object_name: str, *, secret: bool) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.setReadOnly(True)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        if secret:
            self.setEchoMode(QLineEdit.EchoMode.Password)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802 (Qt's name)
        self.tapped.emit()
        super().mousePressEvent(event)


KEY_MAX_HEIGHT = 140  # where a tall panel has room, the keys grow up to about 35 mm


def digit_key(text: str, object_name: str) -> QPushButton:
    key = touch_button(text, object_name)
    key.setProperty("key", True)
    key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
    key.setMaximumHeight(KEY_MAX_HEIGHT)
    return key


class PinPadScreen(Screen):
    submitted = Signal(str, str)  # staff number, PIN
    cancelled = Signal()

    def __init__(self) -> None:
        super().__init__("staff_pin_screen")
        for switch in (self.elder_button, self.language_button, self.staff_button):
            switch.hide()  # the resident's choices; staff use the kiosk's own
        self.message = wrapping_label("", "staff_pin_message", role="instruction")
        self.number_label = QLabel()
        self.number_field = PadField("staff_number_field", secret=False)
        self.pin_label = QLabel()
        self.pin_field = PadField("staff_pin_field", secret=True)
        self.number_field.tapped.connect(lambda: self._activate(self.number_field))
        self.pin_field.tapped.connect(lambda: self._activate(self.pin_field))
        fields = QHBoxLayout()  # one row: a short panel has no height to spare for two
        fields.setSpacing(16)
        for label, field in (
            (self.number_label, self.number_field),
            (self.pin_label, self.pin_field),
        ):
            fields.addWidget(label)
            fields.addWidget(field, stretch=1)
        keys = QGridLayout()
        keys.setSpacing(12)
        self.digit_keys = [digit_key(str(digit), f"pin_key_{digit}") for digit in range(10)]
        for index, key in enumerate(self.digit_keys[1:]):
            keys.addWidget(key, index // 3, index % 3)
        self.clear_key = digit_key("", "pin_clear")
        self.delete_key = digit_key("", "pin_delete")
        keys.addWidget(self.clear_key, 3, 0)
        keys.addWidget(self.digit_keys[0], 3, 1)
        keys.addWidget(self.delete_key, 3, 2)
        for digit, key in enumerate(self.digit_keys):
            key.clicked.connect(lambda _=False, d=str(digit): self._type(d))
        self.clear_key.clicked.connect(self._clear)
        self.delete_key.clicked.connect(self._delete)
        self.body.addStretch(1)  # on a tall panel the pad sits in the middle, not at the top
        self.body.addWidget(self.message)
        self.body.addLayout(fields)
        self.body.addLayout(keys, stretch=2)
        self.body.addStretch(1)
        self.cancel_button = touch_button("", "pin_cancel")
        self.cancel_button.clicked.connect(self.cancelled)
        self.confirm_button = touch_button("", "pin_confirm", primary=True)
        self.confirm_button.clicked.connect(self._confirm)
        self.buttons.addWidget(self.cancel_button)
        self.buttons.addWidget(self.confirm_button)
        self._active: PadField = self.number_field
        self._tries_left: int | None = None
        self._seconds_locked = 0
        self.retranslate()
        self.reset()

    def retranslate(self) -> None:
        super().retranslate()
        self.title.setText(self.tr("工作人员登录"))
        self.number_label.setText(self.tr("工号"))
        self.pin_label.setText(self.tr("密码"))
        name_accessibly(self.number_field, self.tr("工号"))
        name_accessibly(self.pin_field, self.tr("密码"))
        label_buttons(
            (self.clear_key, self.tr("清除")),
            (self.delete_key, self.tr("删除")),
            (self.cancel_button, self.tr("返回")),
            (self.confirm_button, self.tr("确定")),
        )
        self._show_message()

    def instruction(self) -> str:
        """Nothing is said aloud on the staff's side: the hall need not hear it."""
        return ""

    def start(self, staff_number: str | None) -> None:
        """Open for a new attempt; a badge's number is filled in and the PIN is next."""
        self.reset()
        if staff_number:
            self.number_field.setText(staff_number)
            self._activate(self.pin_field)

    def show_refused(self, tries_left: int) -> None:
        self.pin_field.clear()
        self._activate(self.pin_field)
        self._tries_left = tries_left
        self._show_message()

    def show_locked(self, seconds: int) -> None:
        """The entry is locked for `seconds` more; the keys wait until then."""
        self.pin_field.clear()
        self._seconds_locked = seconds
        self._set_keys_enabled(False)
        self._show_message()

    def unlock(self) -> None:
        self._seconds_locked = 0
        self._tries_left = None
        self._set_keys_enabled(True)
        self._show_message()

    def reset(self) -> None:
        self.number_field.clear()
        self.pin_field.clear()
        self._activate(self.number_field)
        self.unlock()

    def _show_message(self) -> None:
        error = bool(self._seconds_locked) or self._tries_left is not None
        if self._seconds_locked:
            text = self.tr("密码输错次数太多，请 {seconds} 秒后再试。").format(
                seconds=self._seconds_locked
            )
        elif self._tries_left is not None:
            text = self.tr("工号或密码不对，请重新输入密码。还可以再试 {tries} 次。").format(
                tries=self._tries_left
            )
        else:
            text = self.tr("请用下面的数字键输入工号和密码，再按“确定”。")
        self.message.setText(text)
        self.message.setProperty("error", error)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    def _activate(self, field: PadField) -> None:
        self._active = field
        for each in (self.number_field, self.pin_field):
            each.setProperty("active", each is field)
            each.style().unpolish(each)
            each.style().polish(each)

    def _type(self, digit: str) -> None:
        limit = PIN_MAX if self._active is self.pin_field else NUMBER_MAX
        if len(self._active.text()) < limit:
            self._active.insert(digit)

    def _clear(self) -> None:
        self._active.clear()

    def _delete(self) -> None:
        self._active.backspace()

    def _confirm(self) -> None:
        number, pin = self.number_field.text(), self.pin_field.text()
        if not number:
            self._activate(self.number_field)
        elif not pin:
            self._activate(self.pin_field)
        else:
            self.submitted.emit(number, pin)

    def _set_keys_enabled(self, enabled: bool) -> None:
        for key in (*self.digit_keys, self.clear_key, self.delete_key, self.confirm_button):
            key.setEnabled(enabled)
