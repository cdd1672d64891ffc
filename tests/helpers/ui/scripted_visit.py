"""Runs the `kiosk` command with a resident's taps played into its event loop, so a test can
kill the real process in the middle of a visit, personal data on screen, with no hook in the
product itself.

    python -m tests.helpers.ui.scripted_visit FD run --simulate --windowed

Like benchmarks/paint_probe.py, it wraps `QMainWindow.show` before the command runs. Once the
kiosk window shows, a timer taps as a resident does: 开始办理, the 老年人优待证 tile (turning
pages to find it), then proceed on the guide; the simulated reader places its demo card by
itself (王秀英); on the form it types a mobile number. Then it writes one JSON line to the
inherited file descriptor FD (the screen on show, whether the visit holds an identity; no
personal data) and leaves the visit open until the test kills the process.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QMainWindow, QWidget

from tests.helpers.data import ELDERLY_MATTER

MOBILE = "13912345678"
STEP_MS = 100
W = TypeVar("W", bound=QWidget)
GIVE_UP_S = 240.0  # a cold start on a loaded two-core machine takes a minute or more


class Resident(QObject):
    """Taps through the window, one step per tick, until the form is filled in."""

    def __init__(self, window: QMainWindow, signal_fd: int) -> None:
        super().__init__(window)
        self._window, self._fd = window, signal_fd
        self._started = time.monotonic()
        self._name_masked = False
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._step)
        self._timer.start(STEP_MS)

    def _visible(self, kind: type[W], name: str) -> W | None:
        shown: list[W] = [w for w in self._window.findChildren(kind, name) if w.isVisible()]
        return shown[0] if shown else None

    def _tap(self, name: str) -> bool:
        button = self._visible(QAbstractButton, name)
        if button is None or not button.isEnabled():
            return False
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        return True

    def _screen(self) -> str:
        navigator = getattr(self._window, "navigator", None)
        return navigator.screen.objectName() if navigator is not None else ""

    def _step(self) -> None:
        screen = self._screen()
        actions: dict[str, Callable[[], object]] = {
            "attract_screen": lambda: self._tap("start_button"),
            "matter_list_screen": lambda: (
                self._tap(f"matter_{ELDERLY_MATTER}") or self._tap("matter_list_next")
            ),
            "guide_screen": lambda: self._tap("guide_proceed"),
            "form_screen": self._fill_in,
        }
        action = actions.get(screen)
        if action is not None:
            action()  # on the identify screen the simulated reader places its card
        if time.monotonic() - self._started > GIVE_UP_S:
            self._report({"stuck_on": screen})

    def _fill_in(self) -> None:
        """Note the name shown from the card, then turn the form's pages to the mobile number
        and type it."""
        shown = self._visible(QLabel, "field_name_shown")
        if shown is not None:
            self._name_masked = "**" in shown.text()
        line = self._visible(QLineEdit, "field_mobile_input")
        if line is None:
            self._tap("form_next")
            return
        line.setFocus()
        QTest.keyClicks(line, MOBILE)
        visit = getattr(self._window, "visit", None)
        self._report(
            {
                "screen": self._screen(),
                "identity_held": bool(visit is not None and visit.identity),
                "name_masked": self._name_masked,
                "typed": line.text() == MOBILE,
            }
        )

    def _report(self, what: dict[str, object]) -> None:
        self._timer.stop()
        os.write(self._fd, (json.dumps(what) + "\n").encode("utf-8"))


def install(signal_fd: int) -> None:
    """Start the resident once the kiosk window shows (not the early attract screen of the
    cold start, which takes no visit)."""
    original_show = QMainWindow.show
    residents: list[Resident] = []

    def show(window: QMainWindow) -> None:
        original_show(window)
        if not residents and hasattr(window, "navigator"):
            residents.append(Resident(window, signal_fd))

    QMainWindow.show = show  # type: ignore[method-assign,assignment]


def main(argv: list[str]) -> int:
    signal_fd, *kiosk_args = argv
    install(int(signal_fd))
    from kiosk.cli.main import main as kiosk_main

    return kiosk_main(kiosk_args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
