"""What every screen shares: a title, an optional progress bar, a body, a bar of large touch
buttons, and the two things the journey asks of each screen: `reset` and `retranslate`."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import (
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ui.widgets.flow_layout import FlowLayout

if TYPE_CHECKING:  # the keyboard's modules load with the screens that have one, not before
    from ui.widgets.onscreen_keyboard import OnScreenKeyboard

# The steps a resident goes through, for the progress bar (办事进度).
JOURNEY_STEPS = ("guide", "identify", "form", "materials", "delivery", "confirm", "result")


def touch_button(text: str, object_name: str, primary: bool = False) -> QPushButton:
    button = QPushButton(text)
    button.setObjectName(object_name)
    button.setProperty("primary", primary)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # touch only: focus stays in the form
    name_accessibly(button, text)
    return button


def name_accessibly(widget: QWidget, name: str, description: str = "") -> None:
    """Screen readers and the voice guide say the name; the description says what it does."""
    widget.setAccessibleName(name.replace("\n", " "))
    widget.setAccessibleDescription(description or name.replace("\n", " "))


def label_buttons(*pairs: tuple[QPushButton, str]) -> None:
    """Set each button's text, which is also its accessible name."""
    for button, text in pairs:
        button.setText(text)
        name_accessibly(button, text)


def wrapping_label(text: str = "", object_name: str = "", role: str = "") -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.PlainText)
    if object_name:
        label.setObjectName(object_name)
    if role:
        label.setProperty("role", role)
    return label


class StaffCall(Enum):
    """What came of a resident's press of "call staff" (呼叫工作人员)."""

    CALLED = "called"
    ALREADY_CALLED = "already_called"  # a recent call is still open: no second one
    FAILED = "failed"  # it could not be recorded; the resident is sent to the desk


class Screen(QWidget):
    """A full-screen step.

    `reset` returns it to how it looked before any resident used it; `retranslate` sets its
    fixed texts in the current language (called on creation and on every language switch).
    """

    step: str | None = None  # which JOURNEY_STEPS entry this screen is, if any
    elder_toggled = Signal(bool)
    language_requested = Signal()
    staff_requested = Signal()

    def __init__(self, object_name: str) -> None:
        super().__init__()
        self.setObjectName(object_name)
        self.title = QLabel()
        self.title.setObjectName("screen_title")
        self.title.setWordWrap(True)
        # 长辈模式 and the language can be changed on every screen, at any moment.
        self.elder_button = touch_button("", "elder_toggle")
        self.elder_button.setCheckable(True)
        self.elder_button.setProperty("toggle", True)
        self.elder_button.toggled.connect(self.elder_toggled)
        self.language_button = touch_button("", "language_toggle")
        self.language_button.clicked.connect(self.language_requested)
        # A resident stuck on any screen can call staff (帮办) from where they are.
        self.staff_button = touch_button("", "staff_button")
        self.staff_button.clicked.connect(self.staff_requested)
        self.staff_status = wrapping_label("", "staff_call_status", role="hint")
        self.staff_status.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.staff_status.hide()  # until staff are called: an empty line still takes a row
        self._staff_call: StaffCall | None = None
        # On a narrow panel the two switches go under the title rather than squeeze it; 4 px
        # apart, the elder title and both switches still share one row at 1366 wide.
        self.header = header = FlowLayout(spacing=4)
        for widget in (self.title, self.elder_button, self.language_button, self.staff_button):
            header.addWidget(widget)
        header.keep_width(self.elder_button)
        header.keep_width(self.language_button)
        header.keep_width(self.staff_button)
        self.progress = QProgressBar()
        self.progress.setObjectName("journey_progress")
        self.progress.setRange(0, len(JOURNEY_STEPS))
        self.progress.setTextVisible(True)
        self.progress.setVisible(self.step is not None)
        if self.step is not None:
            self.progress.setValue(JOURNEY_STEPS.index(self.step) + 1)
        self.body = QVBoxLayout()
        # Wraps onto a second row where a portrait panel is too narrow for all of them.
        self.buttons = FlowLayout(spacing=24)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 16, 48, 16)
        layout.setSpacing(8)
        layout.addLayout(header)
        layout.addWidget(self.progress)
        layout.addLayout(self.body, stretch=1)
        layout.addWidget(self.staff_status)
        layout.addLayout(self.buttons)

    def retranslate(self) -> None:
        """Set the fixed texts; subclasses call super() first."""
        self.elder_button.setText(self.tr("长辈模式"))
        name_accessibly(
            self.elder_button, self.tr("长辈模式"), self.tr("字更大、步骤更少、时间更宽裕")
        )
        # Shown in the language it switches to, so a reader of that language finds it.
        self.language_button.setText(self.tr("English"))
        name_accessibly(self.language_button, self.tr("English"), self.tr("切换界面语言"))
        # Two characters on the button: with the two switches and a long elder title it still
        # shares one row at 1280 wide; screen readers name it in full.
        self.staff_button.setText(self.tr("求助"))
        name_accessibly(self.staff_button, self.tr("呼叫工作人员"), self.tr("请工作人员过来帮忙"))
        self._say_staff_call()
        if self.step is not None:
            self.progress.setFormat(self.tr("第 %v 步，共 %m 步"))
            name_accessibly(self.progress, self.tr("办理进度"))

    def show_staff_call(self, call: StaffCall) -> None:
        """Tell the resident what came of calling staff, on this screen until they leave it."""
        self._staff_call = call
        self._say_staff_call()
        self.staff_status.show()

    def _say_staff_call(self) -> None:
        texts = {
            StaffCall.CALLED: self.tr("已通知工作人员，请在此稍候。"),
            StaffCall.ALREADY_CALLED: self.tr("已经通知过工作人员，正在赶来，请在此稍候。"),
            StaffCall.FAILED: self.tr("暂时没能通知工作人员，请到大厅服务台求助。"),
        }
        self.staff_status.setText(texts[self._staff_call] if self._staff_call else "")

    def make_room_for(self, keyboard: OnScreenKeyboard) -> None:
        """Keep what is typed and the buttons in view while `keyboard` is up on a short panel."""
        from ui.widgets.keyboard_room import KeyboardRoom

        KeyboardRoom(self, keyboard, self.progress if self.step is not None else None)

    def instruction(self) -> str:
        """What the voice guide says when this screen appears."""
        return self.title.text()

    def show_elder(self, elder: bool) -> None:
        """Reflect elder mode in the toggle without announcing it again."""
        self.elder_button.blockSignals(True)
        self.elder_button.setChecked(elder)
        self.elder_button.blockSignals(False)

    def reset(self) -> None:
        """Drop everything a resident left on this screen."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        """A screen not on show asks for no room: the window is sized for the one that is,
        not for the largest of the stack."""
        return super().minimumSizeHint() if self.isVisible() else QSize(0, 0)

    def hideEvent(self, event: QHideEvent) -> None:  # noqa: N802 (Qt's name)
        """The note about calling staff belongs to the screen it was called from."""
        self._staff_call = None
        self.staff_status.setText("")
        self.staff_status.hide()
        super().hideEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
