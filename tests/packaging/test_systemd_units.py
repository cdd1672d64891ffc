"""The systemd units ship the recovery the kiosk relies on: notify-type services with a
watchdog, restarts on every exit, and a guard against restarting in a loop."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

UNITS = Path(__file__).resolve().parents[2] / "packaging" / "systemd"
Unit = dict[str, dict[str, list[str]]]


def parse(path: Path) -> Unit:
    """Sections and their settings; a key given twice (Environment=) keeps every value."""
    unit: Unit = {}
    section: dict[str, list[str]] = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("[") and line.endswith("]"):
            section = unit.setdefault(line[1:-1], {})
            continue
        key, _, value = line.partition("=")
        section.setdefault(key.strip(), []).append(value.strip())
    return unit


def one(unit: Unit, section: str, key: str) -> str:
    (value,) = unit[section][key]
    return value


def seconds(value: str) -> float:
    """A systemd time span as these units write it: plain seconds, or with "s" or "min"."""
    if value.endswith("min"):
        return float(value[:-3]) * 60
    return float(value.removesuffix("s"))


@pytest.fixture
def touchscreen() -> Unit:
    return parse(UNITS / "kiosk.service")


@pytest.fixture
def agent() -> Unit:
    return parse(UNITS / "kiosk-sync-agent.service")


def test_the_touchscreen_is_a_notify_service_whose_child_may_speak(touchscreen: Unit) -> None:
    assert one(touchscreen, "Service", "Type") == "notify"
    # cage is the main process; the app that notifies is its child.
    assert one(touchscreen, "Service", "NotifyAccess") == "all"
    command = one(touchscreen, "Service", "ExecStart")
    assert command.startswith("/usr/bin/cage -- ")
    # The watchdog systemd names is cage's pid; the app must not take it as meant for another.
    assert "env -u WATCHDOG_PID" in command
    assert command.endswith("kiosk run")


def test_the_touchscreen_is_watched_and_always_restarted(touchscreen: Unit) -> None:
    assert 10 <= seconds(one(touchscreen, "Service", "WatchdogSec")) <= 60
    assert one(touchscreen, "Service", "Restart") == "always"
    assert seconds(one(touchscreen, "Service", "RestartSec")) <= 5
    # systemd never gives up on it: the app's own crash-loop guard shows out of service.
    assert one(touchscreen, "Unit", "StartLimitIntervalSec") == "0"
    assert one(touchscreen, "Service", "RestartPreventExitStatus") == "78"


def test_the_agent_is_watched_restarted_and_guarded_against_a_loop(agent: Unit) -> None:
    assert one(agent, "Service", "Type") == "notify"
    assert "NotifyAccess" not in agent["Service"]  # the agent is the main process
    assert 30 <= seconds(one(agent, "Service", "WatchdogSec")) <= 300
    assert one(agent, "Service", "Restart") == "always"
    interval = seconds(one(agent, "Unit", "StartLimitIntervalSec"))
    burst = int(one(agent, "Unit", "StartLimitBurst"))
    restart_every = seconds(one(agent, "Service", "RestartSec"))
    # A crash loop reaches the burst inside the interval, so systemd really stops it.
    assert burst * restart_every < interval


def test_every_recovery_setting_says_why(touchscreen: Unit, agent: Unit) -> None:
    for name in ("kiosk.service", "kiosk-sync-agent.service"):
        lines = (UNITS / name).read_text(encoding="utf-8").splitlines()
        for key in ("Type=notify", "WatchdogSec=", "StartLimitIntervalSec="):
            (at,) = [i for i, line in enumerate(lines) if line.startswith(key)]
            above = [line for line in lines[:at] if line.strip()][-1]
            assert above.startswith("#"), f"{name}: {key} has no comment saying why"


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze missing")
def test_systemd_reads_every_setting_of_both_units(tmp_path: Path) -> None:
    result = subprocess.run(
        ["systemd-analyze", "verify", *(str(path) for path in sorted(UNITS.glob("*.service")))],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=tmp_path,
    )
    # The installed paths (/opt/kiosk) do not exist on a build machine; nothing else may warn.
    complaints = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if line.strip() and "is not executable" not in line
    ]
    assert complaints == []
