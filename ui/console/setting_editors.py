"""An editor for one setting, chosen by its declared kind: a row of large buttons for a
choice, on/off for a switch, a field typed on the on-screen keyboard (digits only for a whole
number) for the rest. Each gives the text the setting's value is read from."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRegularExpression, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLineEdit, QPushButton, QWidget

from kiosk.config_edit.declaration import Editor, Setting
from kiosk.settings_file import TomlValue
from ui.screens.base import name_accessibly, touch_button
from ui.widgets.onscreen_keyboard import KeyboardMode

_TOUCH_HEIGHT = 72  # the kiosk's key size: a large target for a finger
_ONLY = {
    Editor.WHOLE: r"[0-9]{0,9}",
    Editor.NUMBER: r"[0-9]{0,9}([.][0-9]{0,6})?",
}


def object_name(setting: Setting) -> str:
    return "config_" + setting.key.replace(".", "_")


def as_text(value: TomlValue | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


class SettingEditor(QWidget):
    """Shows a value and gives back the text for it; `wants_keyboard` asks for the keys."""

    wants_keyboard = Signal(object, object)  # the QLineEdit, the KeyboardMode

    def __init__(self, setting: Setting) -> None:
        super().__init__()
        self.setting = setting
        self.setObjectName(object_name(setting) + "_editor")

    def text(self) -> str:
        raise NotImplementedError

    def show_value(self, value: TomlValue | None) -> None:
        raise NotImplementedError

    def retranslate(self) -> None:
        """Texts of its own (on/off); most editors have none."""

    def name_for_readers(self, name: str, description: str) -> None:
        """What a screen reader says of the editor's controls: the setting, and its hint."""


class ChoiceEditor(SettingEditor):
    """One large button per choice, one of them pressed; a switch is a choice of on and off."""

    def __init__(self, setting: Setting, choices: dict[str, str] | None = None) -> None:
        super().__init__(setting)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self._group = QButtonGroup(self)
        self._group.setExclusive(True)
        shown = choices or {str(choice): str(choice) for choice in setting.choices}
        self.buttons: dict[str, QPushButton] = {}
        for text, label in shown.items():
            button = touch_button(label, f"{object_name(setting)}_{text}")
            button.setCheckable(True)
            button.setProperty("toggle", True)
            button.setMinimumHeight(_TOUCH_HEIGHT)
            self._group.addButton(button)
            layout.addWidget(button)
            self.buttons[text] = button
        layout.addStretch(1)

    def text(self) -> str:
        return next((text for text, b in self.buttons.items() if b.isChecked()), "")

    def show_value(self, value: TomlValue | None) -> None:
        button = self.buttons.get(as_text(value))
        if button is not None:
            button.setChecked(True)

    def name_for_readers(self, name: str, description: str) -> None:
        for button in self.buttons.values():
            name_accessibly(button, f"{name}: {button.text()}", description)


class SwitchEditor(ChoiceEditor):
    def __init__(self, setting: Setting) -> None:
        super().__init__(setting, {"true": "", "false": ""})
        self.retranslate()

    def retranslate(self) -> None:
        self.buttons["true"].setText(self.tr("开"))
        self.buttons["false"].setText(self.tr("关"))


class TextEditor(SettingEditor):
    """A field typed on the on-screen keyboard: digits for a number, pinyin and letters else."""

    def __init__(self, setting: Setting) -> None:
        super().__init__(setting)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.field = QLineEdit()
        self.field.setObjectName(object_name(setting) + "_input")
        self.field.setMinimumHeight(_TOUCH_HEIGHT)
        pattern = _ONLY.get(setting.editor)
        if pattern is not None:
            self.field.setValidator(QRegularExpressionValidator(QRegularExpression(pattern)))
        numeric = pattern is not None or setting.text_or_index
        self._mode = KeyboardMode.DIGITS if setting.editor is Editor.WHOLE else KeyboardMode.PINYIN
        if numeric and setting.editor is not Editor.WHOLE:
            self._mode = KeyboardMode.LATIN
        layout.addWidget(self.field)
        self.field.installEventFilter(self)

    def text(self) -> str:
        return self.field.text()

    def name_for_readers(self, name: str, description: str) -> None:
        name_accessibly(self.field, name, description)

    def show_value(self, value: TomlValue | None) -> None:
        self.field.setText(as_text(value))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self.field and event.type() in (
            QEvent.Type.FocusIn,
            QEvent.Type.MouseButtonPress,
        ):
            self.wants_keyboard.emit(self.field, self._mode)
        return False


def editor_for(setting: Setting) -> SettingEditor:
    if setting.editor is Editor.CHOICE:
        return ChoiceEditor(setting)
    if setting.editor is Editor.SWITCH:
        return SwitchEditor(setting)
    return TextEditor(setting)
