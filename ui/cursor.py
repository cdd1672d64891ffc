"""The mouse pointer on a touchscreen kiosk: hidden, since nobody steers it and a pointer left
where the last finger was looks like a fault to the next resident."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCursor, QGuiApplication


def hide_pointer(app: QGuiApplication) -> None:
    """A blank cursor over every window of the app for as long as it runs; the compositor
    (cage) draws the pointer only where a client shows one, so none is seen at all."""
    app.setOverrideCursor(QCursor(Qt.CursorShape.BlankCursor))
