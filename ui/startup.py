"""The touchscreen's start-up sequence: the attract screen painted first, the heavy work after.

A kiosk restarted by systemd (or after a crash) must show a usable screen at once, not after the
storage stack, the migrations, the devices, the full settings model, the sync companions, the
window's forty modules and the pinyin index have all loaded. So `ColdStart` goes in this order:

1. `begin`: the early attract screen (ui/early_attract.py), which needs only PySide6 and the
   light settings, is shown; its first paint emits `first_painted`.
2. Then `prepare` runs on a worker thread: everything that touches no widget (settings,
   devices, database and migrations, services, and importing the window's modules). The GUI
   thread meanwhile keeps answering taps. `prepare` returns the step left for the GUI thread.
3. Back on the GUI thread that step builds the kiosk window, which is shown over the early
   screen; once it is painted the early screen hands over its remembered taps and closes, the
   pinyin index starts building in the background, and `ready` is emitted.
A failure in 2 or 3 is kept in `failure` and emitted as `failed`, for whoever runs the event
loop to end it and report. `shutdown` waits for a preparation still under way, so whatever it
opened can be closed after it.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from kiosk.attract_settings import AttractSettings
from ui.early_attract import EarlyAttractWindow
from ui.on_screen import show_kiosk_window, show_on_screen

if TYPE_CHECKING:  # loaded by the preparation, on the worker thread
    from ui.main_window import KioskWindow

log = logging.getLogger(__name__)

WindowBuilder = Callable[[], "KioskWindow"]
Preparation = Callable[[], WindowBuilder]

# A window the window system never exposes (none should) still lets start-up go on after this.
PAINT_WAIT_MS = 3000


class FirstPaint(QObject):
    """Calls `then` once `window`'s first repaint pass is over (or after PAINT_WAIT_MS)."""

    def __init__(self, window: QWidget, then: Callable[[], None]) -> None:
        super().__init__(window)
        self._window, self._then, self._done = window, then, False
        window.installEventFilter(self)
        QTimer.singleShot(PAINT_WAIT_MS, self, self._finish)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._finish)  # after the whole pass, back in the loop
        return False

    def _finish(self) -> None:
        if not self._done:
            self._done = True
            self._window.removeEventFilter(self)
            self._then()


class _Relay(QObject):
    """Carries the worker's outcome to the GUI thread (queued: it lives on that thread)."""

    prepared = Signal(object)
    failed = Signal(object)


class ColdStart(QObject):
    first_painted = Signal()  # the attract screen is on screen and answers taps
    ready = Signal(object)  # the KioskWindow, painted, taking visits
    failed = Signal(object)  # the exception that stopped start-up

    def __init__(self, settings: AttractSettings, prepare: Preparation, fullscreen: bool) -> None:
        super().__init__()
        self.early: EarlyAttractWindow | None = EarlyAttractWindow(settings)
        self.window: KioskWindow | None = None
        self.failure: Exception | None = None
        self._prepare, self._fullscreen = prepare, fullscreen
        self._worker: threading.Thread | None = None
        self._relay = _Relay(self)
        self._relay.prepared.connect(self._build_window)
        self._relay.failed.connect(self._fail)

    def begin(self) -> None:
        assert self.early is not None
        FirstPaint(self.early, self._early_painted)
        show_on_screen(self.early, self._fullscreen)
        log.info("attract screen shown")

    def _early_painted(self) -> None:
        log.info("attract screen painted")
        self.first_painted.emit()
        self._worker = threading.Thread(target=self._run_preparation, name="start-up")
        self._worker.start()

    def _run_preparation(self) -> None:
        try:
            build = self._prepare()
        except Exception as exc:  # handed to the GUI thread, which ends start-up
            self._relay.failed.emit(exc)
        else:
            self._relay.prepared.emit(build)

    def _build_window(self, build: WindowBuilder) -> None:
        try:
            window = build()
        except Exception as exc:
            self._fail(exc)
            return
        self.window = window
        if not self._fullscreen and self.early is not None:
            window.move(self.early.pos())  # where the early screen was, not where a WM likes
        FirstPaint(window, self._window_painted)
        show_kiosk_window(window, self._fullscreen)

    def _window_painted(self) -> None:
        from ui.input.pinyin import PinyinEngine  # loaded by then, with the window's keyboard

        assert self.window is not None and self.early is not None
        self.early.hand_over(self.window.screens.attract)
        self.early = None
        # The index takes most of a second to build; the form that needs it is screens away.
        PinyinEngine().prepare_in_background()
        self.ready.emit(self.window)

    def _fail(self, exc: Exception) -> None:
        log.error("start-up failed", extra={"reason": str(exc)})
        self.failure = exc
        self.failed.emit(exc)

    def shutdown(self) -> None:
        """Wait for a preparation still running, then stop the window (if it was built)."""
        if self._worker is not None:
            self._worker.join()
        if self.window is not None:
            self.window.shutdown()
        if self.early is not None:
            self.early.close()
