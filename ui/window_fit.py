"""Keeps the kiosk window covering the screen it is on.

`showFullScreen` alone only asks the window manager for full screen (_NET_WM_STATE_FULLSCREEN
under X11). A kiosk started by xinit with no window manager has nobody to honour that, and the
window keeps its own preferred size. So the window's geometry is set from its screen explicitly,
and set again whenever the screen changes under it: the window moved to another screen, the
screen rotated or changed resolution, or another screen became the primary one. Under a Wayland
kiosk compositor (cage) the compositor sizes the window and the explicit geometry is ignored.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QMetaObject, QObject, QRect, Qt
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

# Windowed (development) size: a 1280x800 tablet-sized window, shrunk to fit a smaller screen.
WINDOWED_SIZE = (1280, 800)


def describe(rect: QRect) -> str:
    """`WIDTHxHEIGHT+X+Y`, as xwininfo and X geometry strings write it."""
    return f"{rect.width()}x{rect.height()}+{rect.x()}+{rect.y()}"


class WindowFit(QObject):
    """Shows `window` full screen on its screen and keeps it fitted there."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._watching: QMetaObject.Connection | None = None  # the screen's geometryChanged
        window.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        # The screen decides the size, not the content: without an explicit minimum the layout
        # would hold the window at its widest screen's minimum, past the edge of a narrow panel.
        window.setMinimumSize(1, 1)
        # The native window must exist to follow its screen; creating it shows nothing yet.
        window.winId()
        handle = window.windowHandle()
        assert handle is not None
        handle.screenChanged.connect(self._follow)
        app = QGuiApplication.instance()
        assert isinstance(app, QGuiApplication)
        app.primaryScreenChanged.connect(self._primary_changed)

    def show(self) -> None:
        self._follow(self._window.screen())
        self._window.showFullScreen()

    def fit(self, geometry: QRect | None = None) -> None:
        """Cover the window's screen (or `geometry`, the size a screen just reported)."""
        screen = self._window.screen()
        target = geometry if geometry is not None else screen.geometry()
        self._window.setGeometry(target)
        if not self._window.isFullScreen() and self._window.isVisible():
            self._window.showFullScreen()
        log.info(
            "window fitted to screen", extra={"screen": screen.name(), "size": describe(target)}
        )

    def _primary_changed(self, _primary: QScreen) -> None:
        """A bound slot, not a lambda: it is disconnected when the window goes."""
        self.fit()

    def _follow(self, screen: QScreen) -> None:
        """Listen to the screen the window is on now, and only to that one."""
        if self._watching is not None:  # by handle: a screen unplugged may be half gone
            QObject.disconnect(self._watching)
        self._watching = screen.geometryChanged.connect(self.fit)
        self.fit()


def show_windowed(window: QWidget) -> None:
    """A resizable development window, no larger than the screen's free area."""
    free = window.screen().availableGeometry()
    window.resize(min(WINDOWED_SIZE[0], free.width()), min(WINDOWED_SIZE[1], free.height()))
    window.show()


class OnScreenReport(QObject):
    """Logs "kiosk on screen" once the window system has really shown the window.

    "kiosk ready" is logged when the window is asked to show; the window system maps it a moment
    later. This line, with the window's and its screen's geometry, is what was actually shown.
    """

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        window.winId()
        handle = window.windowHandle()
        assert handle is not None
        handle.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        handle = self._window.windowHandle()
        if event.type() == QEvent.Type.Expose and handle is not None and handle.isExposed():
            watched.removeEventFilter(self)
            log.info(
                "kiosk on screen",
                extra={
                    "window": describe(self._window.geometry()),
                    "screen": describe(self._window.screen().geometry()),
                },
            )
        return False
