"""The idle timeout: after a while without a touch, ask "需要更多时间吗?" with a countdown,
then end the visit so the next person sees nothing of this one.

Any press, touch or key anywhere restarts the wait. Elder mode waits longer.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from ui.screens.base import name_accessibly, touch_button, wrapping_label

_ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
}


class IdleDialog(QWidget):
    """A countdown laid over the current screen; "继续办理" keeps the visit going."""

    continue_requested = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("idle_dialog")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 64, 64, 64)
        self.question = wrapping_label("", "idle_question", role="instruction")
        self.countdown = wrapping_label("", "idle_countdown", role="instruction")
        self.continue_button = touch_button("", "idle_continue", primary=True)
        self.continue_button.clicked.connect(self.continue_requested)
        layout.addStretch(1)
        layout.addWidget(self.question)
        layout.addWidget(self.countdown)
        layout.addWidget(self.continue_button)
        layout.addStretch(1)
        self._seconds = 0
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.question.setText(self.tr("需要更多时间吗？"))
        self.continue_button.setText(self.tr("继续办理"))
        name_accessibly(self.continue_button, self.tr("继续办理"), self.tr("继续当前办理"))
        self.show_seconds(self._seconds)

    def show_seconds(self, seconds: int) -> None:
        self._seconds = seconds
        self.countdown.setText(
            self.tr("{seconds} 秒后将结束本次办理并清除您的信息").format(seconds=seconds)
        )

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class IdleWatch(QObject):
    warning = Signal(int)  # seconds left
    resumed = Signal()
    expired = Signal()

    def __init__(self, timeout_s: float, warning_s: float, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timeout_s, self._warning_s = timeout_s, warning_s
        self._factor = 1.0
        self._armed = False
        self._left = 0
        self._idle = QTimer(self)
        self._idle.setSingleShot(True)
        self._idle.timeout.connect(self._start_countdown)
        self._tick = QTimer(self)
        self._tick.timeout.connect(self._count_down)

    def configure(self, timeout_s: float, warning_s: float) -> None:
        self._timeout_s, self._warning_s = timeout_s, warning_s

    def arm(self, factor: float = 1.0) -> None:
        """Start watching (a visit began); `factor` lengthens the wait (elder mode)."""
        self._armed, self._factor = True, factor
        self.poke()

    def disarm(self) -> None:
        self._armed = False
        self._idle.stop()
        self._tick.stop()

    def poke(self) -> None:
        """The resident did something: start the wait again."""
        if not self._armed:
            return
        was_warning = self._tick.isActive()
        self._tick.stop()
        self._idle.start(int(self._timeout_s * self._factor * 1000))
        if was_warning:
            self.resumed.emit()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() in _ACTIVITY:
            self.poke()
        return False

    def _start_countdown(self) -> None:
        self._left = max(1, round(self._warning_s))
        self.warning.emit(self._left)
        self._tick.start(int(self._warning_s * 1000 / self._left))

    def _count_down(self) -> None:
        self._left -= 1
        if self._left > 0:
            self.warning.emit(self._left)
            return
        self.disarm()
        self.expired.emit()
