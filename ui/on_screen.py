"""Putting a window on the panel: full screen and kept fitted, or in a window for a demo; and
the one line that says the kiosk is ready for residents."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QWidget

from ui.window_fit import OnScreenReport, WindowFit, describe, show_windowed

if TYPE_CHECKING:
    from ui.main_window import KioskWindow

log = logging.getLogger(__name__)


def show_on_screen(window: QWidget, fullscreen: bool, *, report: bool = False) -> None:
    """Full screen and kept fitted to its screen, or in a window for a demo; with `report`,
    "kiosk on screen" is logged once the window system has shown it."""
    fit = WindowFit(window) if fullscreen else None  # sets the window's flags before it exists
    if report:
        OnScreenReport(window)
    if fit is not None:
        fit.show()
    else:
        show_windowed(window)


def show_kiosk_window(window: KioskWindow, fullscreen: bool) -> None:
    """Show the resident's window, ready for a visit."""
    show_on_screen(window, fullscreen, report=True)
    log.info(
        "kiosk ready",
        extra={
            "fullscreen": fullscreen,
            "showing": window.navigator.screen.objectName(),
            "window": describe(window.geometry()),
            "screen": describe(window.screen().geometry()),
        },
    )
