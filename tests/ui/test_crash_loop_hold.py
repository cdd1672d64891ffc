"""A start in a crash loop opens on the out-of-service screen with a note for staff (never the
attract screen first), and serves again after the calm period or when staff say so."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QStackedWidget, QWidget
from pytestqt.qtbot import QtBot

from kiosk.audit.events import AuditEvent
from kiosk.config import KioskSettings
from kiosk.crash_loop import CrashLoopGuard
from kiosk.start_record import START_FILE, StartRecord
from tests.helpers.audit import snapshot
from tests.helpers.ui.kiosk_process import read_until, start_kiosk, stop
from tests.helpers.ui.ui_rig import UiRig, ui_rig
from ui.crash_loop_hold import CrashLoopHold
from ui.modes import Event, Mode


class FirstPaint(QObject):
    """Which step of the stack was on show when the window was first painted."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.screen: QWidget | None = None
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if self.screen is None and event.type() == QEvent.Type.Paint:
            stack = watched.findChild(QStackedWidget)
            assert stack is not None
            self.screen = stack.currentWidget()
        return False


@pytest.fixture
def rig(qtbot: QtBot, settings: KioskSettings, tmp_path: Path) -> Iterator[UiRig]:
    with ui_rig(settings, tmp_path, ("true",)) as rig:
        qtbot.addWidget(rig.window)
        rig.window.resize(1280, 800)
        yield rig


def start_after_crashes(rig: UiRig, crashes: int) -> CrashLoopGuard:
    """This start, after `crashes` runs that began moments ago and never exited cleanly."""
    record = StartRecord(rig.services.settings.data_dir)
    for _ in range(crashes):
        record.begin()
    guard = CrashLoopGuard(record, rig.services.service_switch, rig.services.audit)
    guard.on_start(record.begin())
    return guard


def audited(rig: UiRig) -> list[AuditEvent]:
    return snapshot(rig.services.audit).kinds()


def test_a_crash_loop_paints_out_of_service_first_with_a_note_for_staff(
    qtbot: QtBot, rig: UiRig
) -> None:
    screens, navigator = rig.window.screens, rig.window.navigator
    hold = CrashLoopHold(navigator, screens.out_of_service, start_after_crashes(rig, 3))
    painted = FirstPaint(rig.window)

    rig.window.show()

    qtbot.waitUntil(lambda: painted.screen is not None, timeout=10_000)
    assert painted.screen is screens.out_of_service  # the attract screen never showed
    assert navigator.mode is Mode.OUT_OF_SERVICE
    note = screens.out_of_service.staff_note
    assert note.isVisible() and "重启" in note.text()
    hotline = rig.services.settings.terminal.hotline
    assert hotline in screens.out_of_service.where_instead.text()
    assert hold.waiting_for_calm
    assert AuditEvent.CRASH_LOOP in audited(rig)
    screens.attract.start_requested.emit()  # a tap that got through starts nothing
    assert navigator.mode is Mode.OUT_OF_SERVICE


def test_two_crashes_open_on_the_attract_screen(qtbot: QtBot, rig: UiRig) -> None:
    screens = rig.window.screens
    hold = CrashLoopHold(rig.window.navigator, screens.out_of_service, start_after_crashes(rig, 2))
    painted = FirstPaint(rig.window)

    rig.window.show()

    qtbot.waitUntil(lambda: painted.screen is not None, timeout=10_000)
    assert painted.screen is screens.attract
    assert not hold.waiting_for_calm
    assert AuditEvent.CRASH_LOOP not in audited(rig)


def test_after_the_calm_period_the_kiosk_serves_again(qtbot: QtBot, rig: UiRig) -> None:
    screens, navigator = rig.window.screens, rig.window.navigator
    CrashLoopHold(navigator, screens.out_of_service, start_after_crashes(rig, 3), calm_ms=50)
    rig.window.show()

    qtbot.waitUntil(lambda: navigator.mode is Mode.ATTRACT, timeout=10_000)

    assert rig.window.navigator.screen is screens.attract
    assert rig.services.service_switch.in_service
    assert audited(rig)[-1] is AuditEvent.BACK_IN_SERVICE
    assert not screens.out_of_service.staff_note.isVisibleTo(screens.out_of_service)


def test_staff_putting_it_back_in_service_end_the_hold(qtbot: QtBot, rig: UiRig) -> None:
    screens, navigator = rig.window.screens, rig.window.navigator
    guard = start_after_crashes(rig, 3)
    hold = CrashLoopHold(navigator, screens.out_of_service, guard)
    rig.window.show()

    # What the console does: the switch, then the window follows it.
    rig.services.service_switch.set_in_service(True, "S0042")
    navigator.handle(Event.BACK_IN_SERVICE)

    assert navigator.screen is screens.attract
    assert not hold.waiting_for_calm and not guard.holding
    assert rig.services.service_switch.state().changed_by == "S0042"


def test_kiosk_run_after_three_crashes_opens_out_of_service(tmp_path: Path) -> None:
    """The command as systemd restarts it, after three runs that never exited cleanly."""
    data_dir = Path(os.environ["KIOSK_DATA_DIR"])
    record = StartRecord(data_dir)
    for _ in range(3):
        record.begin()  # as each killed run left it

    process = start_kiosk("--windowed")
    try:
        seen = read_until(process, lambda entry: entry["msg"] == "kiosk ready")
    finally:
        rest = stop(process)

    assert seen[-1]["showing"] == "out_of_service_screen"
    (loop,) = [e for e in seen if e["msg"] == "crash loop: the kiosk starts out of service"]
    assert loop["unclean_starts"] == "3"
    assert process.returncode == 0 and "kiosk stopped" in rest
    state = json.loads((data_dir / "service-state.json").read_text(encoding="utf-8"))
    assert state["in_service"] is False and state["changed_by"] == "system"
    starts = json.loads((data_dir / START_FILE).read_text(encoding="utf-8"))["starts"]
    assert starts[-1]["clean"] is True  # stopped by SIGTERM: this run does not count
