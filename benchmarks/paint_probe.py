"""Runs a Qt program and reports on stderr when its main window has first been painted.

`ui_cold_start.py` starts both the kiosk and the bare-window baseline through this launcher, so
both are timed by the same mechanism:

    python benchmarks/paint_probe.py kiosk.cli.main run --simulate --windowed
    python benchmarks/paint_probe.py bare_window

The launcher wraps `QMainWindow.show` and `showFullScreen`, then runs the named module as
`__main__` with the remaining arguments. The first main window shown gets a one-shot event
filter (on that window only, so the rest of the program's events pay nothing). At the first
`QEvent.Paint` delivered to the window it writes the JSON line `{"msg": "first paint", ...}`;
a zero-delay timer started at that moment fires once that repaint pass is over and control is
back in the event loop (the whole window painted into the backing store), and writes
`{"msg": "first frame painted", ...}`. Both lines carry `monotonic_ns`, CLOCK_MONOTONIC in
nanoseconds: one clock for the whole machine, so the parent can subtract its own spawn time.

`paint_probe.py --smoke` probes the bare window, quits it once its first frame is painted and
exits 0 (1 if no frame is painted within 20 s): a check that the probe still works.
"""

from __future__ import annotations

import json
import runpy
import sys
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QWidget

FIRST_PAINT = "first paint"
FIRST_FRAME = "first frame painted"
SMOKE = "--smoke"
SMOKE_TARGET = "bare_window"
SMOKE_TIMEOUT_MS = 20_000


def report(message: str) -> None:
    """One JSON line on stderr, written and flushed at once."""
    stamp = time.clock_gettime_ns(time.CLOCK_MONOTONIC)
    sys.stderr.write(json.dumps({"msg": message, "monotonic_ns": stamp}) + "\n")
    sys.stderr.flush()


class FirstPaintProbe(QObject):
    """Watches one window for its first Paint event, then removes itself."""

    def __init__(self) -> None:
        super().__init__()
        self.armed = False
        self.fired = False
        self.smoke = False  # quit the program once its first frame is painted

    def watch(self, window: QWidget) -> None:
        if self.armed:
            return
        self.armed = True
        window.installEventFilter(self)
        if self.smoke:
            QTimer.singleShot(SMOKE_TIMEOUT_MS, self._no_frame)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if not self.fired and event.type() == QEvent.Type.Paint:
            self.fired = True
            report(FIRST_PAINT)
            QTimer.singleShot(0, self._frame_painted)
            watched.removeEventFilter(self)
        return False

    def _frame_painted(self) -> None:
        report(FIRST_FRAME)
        if self.smoke:
            print(f"{SMOKE_TARGET}: {FIRST_FRAME}")
            QApplication.quit()

    def _no_frame(self) -> None:
        if not self.fired:
            report(f"no frame painted in {SMOKE_TIMEOUT_MS} ms")
            QApplication.exit(1)


PROBE = FirstPaintProbe()


def _watching(show: Callable[[QMainWindow], None]) -> Callable[[QMainWindow], None]:
    def show_watched(window: QMainWindow) -> None:
        PROBE.watch(window)
        show(window)

    return show_watched


def main() -> None:
    if len(sys.argv) < 2:
        sys.exit("usage: paint_probe.py MODULE [ARGS...] | paint_probe.py --smoke")
    module = sys.argv[1]
    if module == SMOKE:
        PROBE.smoke, module = True, SMOKE_TARGET
    QMainWindow.show = _watching(QMainWindow.show)  # type: ignore[method-assign,assignment]
    QMainWindow.showFullScreen = _watching(QMainWindow.showFullScreen)  # type: ignore[method-assign,assignment]
    sys.argv = [module, *sys.argv[2:]]
    runpy.run_module(module, run_name="__main__", alter_sys=True)


if __name__ == "__main__":
    main()
