"""sd_notify: what reaches systemd's socket, and when the kiosk keeps quiet."""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

from kiosk.sd_notify import (
    SilentNotifier,
    SocketNotifier,
    notifier,
    watchdog_interval,
    without_notify,
)
from tests.helpers.systemd.notify_socket import NotifySocket


def test_each_message_arrives_as_one_datagram_on_a_path_socket(tmp_path: Path) -> None:
    with NotifySocket(tmp_path / "notify") as systemd:
        sender = notifier(systemd.environment())
        assert isinstance(sender, SocketNotifier)
        sender.ready()
        sender.ping()
        sender.status("serving\nresidents")
        sender.stopping()
        sender.close()
        for _ in range(4):
            systemd.read(5)
    assert systemd.messages() == ["READY=1", "WATCHDOG=1", "STATUS=serving residents", "STOPPING=1"]


def test_an_abstract_socket_name_is_written_with_an_at_sign() -> None:
    with NotifySocket(f"@kiosk-test-{uuid.uuid4().hex}") as systemd:
        sender = notifier(systemd.environment())
        sender.ready()
        assert systemd.wait_for("READY=1", timeout_s=5).message == "READY=1"


def test_outside_systemd_nothing_is_sent_and_no_watchdog_is_kept() -> None:
    assert isinstance(notifier({}), SilentNotifier)
    assert watchdog_interval({}) is None


def test_a_vanished_socket_never_stops_the_sender(tmp_path: Path) -> None:
    sender = SocketNotifier(str(tmp_path / "gone"))
    sender.ping()
    sender.ping()  # logged once, raised never
    sender.close()


def test_the_watchdog_is_pinged_at_half_its_limit() -> None:
    assert watchdog_interval({"WATCHDOG_USEC": "30000000"}) == 15.0


def test_a_watchdog_meant_for_another_process_is_not_ours() -> None:
    ours = {"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getpid())}
    theirs = {"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getpid() + 1)}
    assert watchdog_interval(ours) == 15.0
    assert watchdog_interval(theirs) is None


def test_a_garbled_or_zero_limit_means_no_watchdog() -> None:
    assert watchdog_interval({"WATCHDOG_USEC": "soon"}) is None
    assert watchdog_interval({"WATCHDOG_USEC": "0"}) is None


def test_a_helper_process_inherits_nothing_that_lets_it_speak_for_the_service() -> None:
    env = {"NOTIFY_SOCKET": "@x", "WATCHDOG_USEC": "1", "WATCHDOG_PID": "2", "PATH": "/bin"}
    assert without_notify(env) == {"PATH": "/bin"}


@pytest.mark.skipif(shutil.which("systemd-notify") is None, reason="systemd-notify missing")
def test_the_socket_double_hears_what_systemds_own_tool_sends(tmp_path: Path) -> None:
    """The tests' stand-in for systemd reads the protocol as systemd's systemd-notify speaks it,
    so what the kiosk sends it is what systemd would read."""
    with NotifySocket(tmp_path / "notify") as systemd:
        subprocess.run(
            ["systemd-notify", "--no-block", "--ready", "--status=serving"],
            env=dict(os.environ, **systemd.environment()),
            check=True,
            timeout=30,
        )
        note = systemd.read(5)
    assert note is not None
    assert note.message.split("\n") == ["READY=1", "STATUS=serving"]
