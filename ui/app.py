"""Starts the Qt application: font, style sheet, the kiosk window."""

from __future__ import annotations

import logging
import signal
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QMessageLogContext, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication

from kiosk.sd_notify import notifier, watchdog_interval
from ui.fonts import apply_kiosk_font
from ui.style import DisplayMode, apply_mode, base_pixel_size
from ui.watchdog import EventLoopWatchdog

if TYPE_CHECKING:  # the window's modules load after the attract screen is painted
    from ui.provisioning_window import ProvisioningWindow
    from ui.startup import ColdStart

log = logging.getLogger(__name__)

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    logging.getLogger("qt").log(_QT_LEVELS.get(kind, logging.WARNING), message)


def prepare_application(font_family: str) -> QApplication:
    """The styled QApplication, with the pinyin index building in the background."""
    from ui.input.pinyin import PinyinEngine  # not needed to paint the attract screen

    app = styled_application(font_family)
    # The pinyin index takes most of a second to build; do it before anyone types.
    PinyinEngine().prepare_in_background()
    return app


def styled_application(font_family: str) -> QApplication:
    """The QApplication with the kiosk's font and style; Qt's own messages become log lines."""
    qInstallMessageHandler(_qt_message)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("kiosk")
    apply_kiosk_font(app, font_family, base_pixel_size(DisplayMode.NORMAL))
    apply_mode(app, DisplayMode.NORMAL)
    return app


def run_kiosk_app(app: QApplication, start: ColdStart) -> int:
    """Paint the attract screen at once, put the kiosk window in its place once the rest of
    start-up is done (ui/startup.py), and run until told to stop; under systemd, tell it when
    the first screen is painted and keep its watchdog fed from this event loop throughout."""
    stop_on_signals(app)
    assert start.early is not None
    watchdog = EventLoopWatchdog(start.early, notifier(), watchdog_interval(), parent=app)
    start.failed.connect(lambda _failure: app.exit(1))  # the caller reports start.failure
    start.begin()
    try:
        return app.exec()
    finally:
        watchdog.stop()
        start.shutdown()
        log.info("kiosk stopped")


def stop_on_signals(app: QApplication) -> None:
    """Quit cleanly on SIGTERM (systemd stop) and SIGINT, finishing any commit in progress.

    Python runs signal handlers only between bytecodes, so a timer wakes the interpreter while
    Qt's event loop (C++) is waiting.
    """
    for signum in (signal.SIGTERM, signal.SIGINT):
        # Queued, not called: a signal arriving before exec() starts must still end it.
        signal.signal(signum, lambda *_: QTimer.singleShot(0, app.quit))
    wakeup = QTimer(app)
    wakeup.timeout.connect(lambda: None)
    wakeup.start(250)


def run_provisioning_app(app: QApplication, window: ProvisioningWindow, fullscreen: bool) -> int:
    """Show an unprovisioned kiosk's provisioning screen until it is provisioned (then exit
    with the restart code, for systemd to start the kiosk again) or told to stop; READY=1 and
    the watchdog's pings as for the resident's window, so systemd sees the unit up."""
    from kiosk.app_restart import RESTART_EXIT_CODE
    from ui.on_screen import show_on_screen

    stop_on_signals(app)
    watchdog = EventLoopWatchdog(window, notifier(), watchdog_interval(), parent=app)
    window.flow.restart_requested.connect(lambda: app.exit(RESTART_EXIT_CODE))
    show_on_screen(window, fullscreen, report=True)
    window.flow.start()
    log.info("provisioning screen shown")
    try:
        return app.exec()
    finally:
        watchdog.stop()
        window.shutdown()
        log.info("kiosk stopped")
