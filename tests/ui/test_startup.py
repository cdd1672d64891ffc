"""Start-up paints the attract screen first, and the kiosk window takes its place when ready."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.attract_settings import AttractSettings
from kiosk.cli.common import CommandFailed
from kiosk.config import KioskSettings
from tests.helpers.ui.ui_rig import UiRig, ui_rig
from ui.early_attract import EarlyAttractWindow
from ui.startup import ColdStart, Preparation, WindowBuilder

READY_MS = 10_000
HALL = AttractSettings(hall_name="天河区政务服务中心", hotline="020-12345")


@pytest.fixture
def rig(settings: KioskSettings, tmp_path: Path) -> Iterator[UiRig]:
    """A kiosk window, built but not shown: what the preparation hands to the GUI thread."""
    with ui_rig(settings, tmp_path, ("true",)) as rig:
        yield rig


def held_until(gate: threading.Event, rig: UiRig) -> Preparation:
    """A preparation that takes until `gate` is set, as the storage stack and devices do."""

    def prepare() -> WindowBuilder:
        assert gate.wait(READY_MS / 1000), "the test never let start-up finish"
        return lambda: rig.window

    return prepare


def painted(qtbot: QtBot, start: ColdStart) -> EarlyAttractWindow:
    with qtbot.waitSignal(start.first_painted, timeout=READY_MS):
        start.begin()
    assert start.early is not None
    return start.early


def test_the_attract_screen_is_painted_while_the_rest_of_start_up_still_runs(
    qtbot: QtBot, rig: UiRig
) -> None:
    gate = threading.Event()
    start = ColdStart(HALL, held_until(gate, rig), fullscreen=False)

    early = painted(qtbot, start)

    assert early.isVisible() and not rig.window.isVisible()
    assert early.attract.footer.text() == "天河区政务服务中心 · 咨询投诉热线 020-12345"
    assert early.attract.start_button.isEnabled()
    with qtbot.waitSignal(start.ready, timeout=READY_MS):
        gate.set()
    assert rig.window.isVisible()
    assert start.early is None  # handed over and closed
    assert rig.window.navigator.screen is rig.window.screens.attract
    start.shutdown()


def test_a_tap_before_the_kiosk_is_ready_says_to_wait_and_is_honoured_once_it_is(
    qtbot: QtBot, rig: UiRig
) -> None:
    gate = threading.Event()
    start = ColdStart(HALL, held_until(gate, rig), fullscreen=False)
    early = painted(qtbot, start)

    qtbot.mouseClick(early.attract.elder_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(early.attract.start_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(early.attract.lookup_button, Qt.MouseButton.LeftButton)  # second: ignored

    assert early.attract.staff_status.isVisible()
    assert early.attract.staff_status.text() == "正在准备，请稍候…"
    assert early.taps == ("elder_toggle", "start_button")
    with qtbot.waitSignal(start.ready, timeout=READY_MS):
        gate.set()
    window = rig.window
    qtbot.waitUntil(lambda: window.navigator.screen is window.screens.matters)
    assert window.visit.elder
    start.shutdown()


def test_a_failure_while_preparing_is_kept_and_reported_for_the_loop_to_end(
    qtbot: QtBot,
) -> None:
    def prepare() -> WindowBuilder:
        raise CommandFailed("invalid configuration:\n  platform.sealing_key: not set", 78)

    start = ColdStart(HALL, prepare, fullscreen=False)

    with qtbot.waitSignal(start.failed, timeout=READY_MS) as failed:
        start.begin()

    assert failed.args is not None and failed.args[0] is start.failure
    assert isinstance(start.failure, CommandFailed) and start.failure.exit_code == 78
    start.shutdown()
