"""The touchscreen's watchdog pings come from its event loop: READY=1 after the first paint,
WATCHDOG=1 on a timer, and nothing while the loop is stalled, so systemd restarts a frozen app."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from pytestqt.qtbot import QtBot

from kiosk.config import KioskSettings
from kiosk.sd_notify import notifier, watchdog_interval
from tests.helpers.systemd.notify_socket import NotifySocket
from tests.helpers.ui.ui_rig import UiRig, ui_rig
from ui.watchdog import EventLoopWatchdog

LIMIT_USEC = 200_000  # WatchdogSec=0.2: pings every 0.1 s
STALL_S = 1.5  # several limits: systemd would have killed the app
# How late the reading thread may time a datagram on a loaded machine.
READ_LAG_S = 0.3


@pytest.fixture
def systemd(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[NotifySocket]:
    """Our own notify socket, named to the process as systemd names it."""
    with NotifySocket(tmp_path / "notify") as socket:
        for key, value in socket.environment(watchdog_usec=LIMIT_USEC).items():
            monkeypatch.setenv(key, value)
        socket.listen_in_background()
        yield socket


@pytest.fixture
def rig(qtbot: QtBot, settings: KioskSettings, tmp_path: Path) -> Iterator[UiRig]:
    """The kiosk window as `kiosk run` builds it, not shown yet."""
    with ui_rig(settings, tmp_path, ("true",)) as rig:
        qtbot.addWidget(rig.window)
        rig.window.resize(1280, 800)
        yield rig


def watched(rig: UiRig) -> EventLoopWatchdog:
    """The watchdog as run_kiosk_app sets it up, from what systemd put in the environment."""
    return EventLoopWatchdog(rig.window, notifier(), watchdog_interval())


def test_ready_is_sent_only_once_the_window_has_been_painted(
    qtbot: QtBot, systemd: NotifySocket, rig: UiRig
) -> None:
    watchdog = watched(rig)
    qtbot.wait(50)  # the loop turns, but nothing is on screen yet
    assert "READY=1" not in systemd.messages()
    assert not watchdog.is_ready

    rig.window.show()

    qtbot.waitUntil(lambda: "READY=1" in systemd.messages(), timeout=10_000)
    assert watchdog.is_ready
    qtbot.waitUntil(lambda: systemd.messages().count("WATCHDOG=1") >= 3, timeout=10_000)


def test_a_stalled_event_loop_stops_the_pings_and_they_resume_after(
    qtbot: QtBot, systemd: NotifySocket, rig: UiRig
) -> None:
    watched(rig)
    rig.window.show()
    qtbot.waitUntil(lambda: systemd.messages().count("WATCHDOG=1") >= 3, timeout=10_000)
    stall: dict[str, float] = {}

    def stall_the_gui_thread() -> None:
        # The one place a sleep is the point: a slot that blocks the event loop.
        stall["from"] = time.monotonic()
        time.sleep(STALL_S)
        stall["to"] = time.monotonic()

    QTimer.singleShot(0, stall_the_gui_thread)
    qtbot.waitUntil(lambda: "to" in stall, timeout=10_000)
    resumed = len(systemd.received)
    qtbot.waitUntil(lambda: systemd.messages()[resumed:].count("WATCHDOG=1") >= 2, timeout=10_000)

    before = systemd.arrived("WATCHDOG=1", stall["from"] - 0.5, stall["from"])
    during = systemd.arrived("WATCHDOG=1", stall["from"] + READ_LAG_S, stall["to"])
    after = systemd.arrived("WATCHDOG=1", stall["to"], time.monotonic())
    assert before, "pings came before the stall"
    assert during == [], "no ping while the loop was stalled"
    assert len(after) >= 2, "pings came again once the loop turned"
    # The gap systemd saw is the whole stall: past its limit, so it would restart the app.
    last_before = max(n.at for n in systemd.received if n.at <= stall["from"] + READ_LAG_S)
    first_after = min(n.at for n in after)
    assert first_after - last_before >= STALL_S - READ_LAG_S > 2 * LIMIT_USEC / 1e6


def test_stopping_tells_systemd_and_ends_the_pings(
    qtbot: QtBot, systemd: NotifySocket, rig: UiRig
) -> None:
    watchdog = watched(rig)
    rig.window.show()
    qtbot.waitUntil(lambda: "WATCHDOG=1" in systemd.messages(), timeout=10_000)

    watchdog.stop()

    qtbot.waitUntil(lambda: "STOPPING=1" in systemd.messages(), timeout=5_000)
    stopped_at = len(systemd.received)
    qtbot.wait(400)  # four ping intervals with the loop turning
    assert "WATCHDOG=1" not in systemd.messages()[stopped_at:]
