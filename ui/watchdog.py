"""Keeps systemd's watchdog fed from the GUI event loop, so a frozen touchscreen is restarted.

READY=1 goes out once the window's first paint pass is over (the resident can see a screen,
not merely a process that started); WATCHDOG=1 then comes from a timer on the GUI thread's
own event loop. A slot that blocks, a deadlock or a busy loop stops that timer with
everything else, the pings stop, and systemd kills and restarts the app after WatchdogSec.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from kiosk.sd_notify import Notifier

log = logging.getLogger(__name__)


class EventLoopWatchdog(QObject):
    """Tells `notifier` the window is up after its first paint, then pings every
    `ping_every_s` seconds (None: systemd set no watchdog, so only READY=1 is sent)."""

    def __init__(
        self,
        window: QWidget,
        notifier: Notifier,
        ping_every_s: float | None,
        parent: QObject | None = None,
    ) -> None:
        """`parent` keeps the pings going after `window` is gone (the early attract screen
        of a cold start gives way to the kiosk window); by default the window is it."""
        super().__init__(parent if parent is not None else window)
        self._notifier = notifier
        self._painted = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(notifier.ping)
        if ping_every_s is not None:
            self._timer.setInterval(max(1, round(ping_every_s * 1000)))
        self._pings = ping_every_s is not None
        window.installEventFilter(self)

    @property
    def is_ready(self) -> bool:
        return self._painted

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if not self._painted and event.type() == QEvent.Type.Paint:
            self._painted = True
            watched.removeEventFilter(self)
            # Queued: runs once this paint pass is over and the loop is turning again.
            QTimer.singleShot(0, self._ready)
        return False

    def _ready(self) -> None:
        self._notifier.ready()
        self._notifier.status("serving")
        if self._pings:
            self._notifier.ping()
            self._timer.start()
        log.info("first screen painted", extra={"watchdog_pings": self._pings})

    def stop(self) -> None:
        """The app is on its way out: no more pings, and systemd knows it is stopping."""
        self._timer.stop()
        self._notifier.stopping()
