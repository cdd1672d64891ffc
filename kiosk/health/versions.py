"""The app's version, and how long the app and the machine have been running.

Uptimes come from /proc: the machine's from /proc/uptime, the app's from its start time in
/proc/self/stat (clock ticks after boot), so they need no clock of the app's own.
"""

from __future__ import annotations

import os
from datetime import timedelta
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from kiosk.health.durations import duration
from kiosk.health.report import HealthLine, Status, line
from kiosk.i18n import msg

DISTRIBUTION = "gov-kiosk"
VERSIONS_TITLE = msg("软件版本", "Software versions")
UPTIME_TITLE = msg("运行时间", "Running time")


def app_version() -> str:
    """The installed package's version ("unknown" in a checkout that was never installed)."""
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return "unknown"


def versions_line(app: str, agent: str | None) -> HealthLine:
    """`agent` is what the sync agent last wrote in its pass record (None: not yet)."""
    if agent is not None and agent != app:
        return line(
            "versions",
            VERSIONS_TITLE,
            Status.WARNING,
            msg(
                "本机程序 {app}，同步程序 {agent}：两者版本不一致",
                "App {app}, sync agent {agent}: they differ",
                app=app,
                agent=agent,
            ),
            msg(
                "请重启本机，让两者使用同一版本；仍不一致请联系技术人员",
                "Restart the kiosk so both run the same version; if they still differ, call a "
                "technician",
            ),
        )
    return line(
        "versions",
        VERSIONS_TITLE,
        Status.OK,
        msg(
            "本机程序 {app}，同步程序 {agent}",
            "App {app}, sync agent {agent}",
            app=app,
            agent=agent or "-",
        ),
    )


def machine_uptime(proc_uptime: Path = Path("/proc/uptime")) -> timedelta | None:
    try:
        return timedelta(seconds=float(proc_uptime.read_text().split()[0]))
    except (OSError, ValueError, IndexError):
        return None


def process_uptime(
    proc_stat: Path = Path("/proc/self/stat"), proc_uptime: Path = Path("/proc/uptime")
) -> timedelta | None:
    machine = machine_uptime(proc_uptime)
    try:
        # Field 22 is the start time; the command name (field 2) may hold spaces, so count
        # from the parenthesis that closes it.
        fields = proc_stat.read_text().rpartition(")")[2].split()
        started_ticks = int(fields[19])
    except (OSError, ValueError, IndexError):
        return None
    if machine is None:
        return None
    ticks_per_second = os.sysconf("SC_CLK_TCK")
    return machine - timedelta(seconds=started_ticks / ticks_per_second)


def uptime_line(app: timedelta | None, machine: timedelta | None) -> HealthLine:
    return line(
        "uptime",
        UPTIME_TITLE,
        Status.OK,
        msg(
            "本机程序已运行 {app}，机器已开机 {machine}",
            "App running for {app}, machine up for {machine}",
            app=duration(app) if app is not None else "-",
            machine=duration(machine) if machine is not None else "-",
        ),
    )
