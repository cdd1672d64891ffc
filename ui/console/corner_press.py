"""The hidden staff entry: a finger held still in the window's top-left corner for a few
seconds, on whatever screen is showing. One filter on the application watches every press; it
never consumes one, so a resident's tap there works as it always did."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, QTimer, Signal
from PySide6.QtGui import QMouseEvent, QTouchEvent
from PySide6.QtWidgets import QWidget

HOLD_MS = 3000
CORNER_PX = 120  # about 3 cm on the 21.5-inch panel: found by feel, not hit by chance

_PRESS = {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin}
_MOVE = {QEvent.Type.MouseMove, QEvent.Type.TouchUpdate}
_RELEASE = {QEvent.Type.MouseButtonRelease, QEvent.Type.TouchEnd, QEvent.Type.TouchCancel}


class CornerPress(QObject):
    held = Signal()

    def __init__(self, window: QWidget, enabled: Callable[[], bool]) -> None:
        super().__init__(window)
        self._window, self._enabled = window, enabled
        self.hold = QTimer(self)
        self.hold.setSingleShot(True)
        self.hold.setInterval(HOLD_MS)
        self.hold.timeout.connect(self.held)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind in _PRESS or kind in _MOVE or kind in _RELEASE:
            self._follow(kind, _global_point(event))
        return False

    def _follow(self, kind: QEvent.Type, point: QPoint | None) -> None:
        if kind in _RELEASE:
            self.hold.stop()
            return
        in_corner = point is not None and self._in_corner(point)
        if kind in _PRESS and in_corner and self._enabled():
            if not self.hold.isActive():
                self.hold.start()
        elif kind in _MOVE and not in_corner:
            self.hold.stop()  # the finger slid away: a swipe, not a hold

    def _in_corner(self, point: QPoint) -> bool:
        window = self._window
        if not window.isVisible():
            return False
        top_left = window.mapToGlobal(QPoint(0, 0))
        return QRect(top_left, QSize(CORNER_PX, CORNER_PX)).contains(point)


def _global_point(event: QEvent) -> QPoint | None:
    if isinstance(event, QMouseEvent):
        return event.globalPosition().toPoint()
    if isinstance(event, QTouchEvent) and event.points():
        return event.points()[0].globalPosition().toPoint()
    return None
