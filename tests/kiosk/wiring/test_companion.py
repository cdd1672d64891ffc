"""A companion `kiosk` process (the --simulate sync agent) ends when its parent is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

from sync.agent_lock import LOCK_FILE

# The parent: starts `kiosk sync-agent` naming itself as the parent to end with, prints the
# agent's pid, then waits to be killed.
PARENT = textwrap.dedent(
    """
    import os, subprocess, sys, time
    env = dict(os.environ, KIOSK_END_WITH_PARENT=str(os.getpid()),
               KIOSK_PLATFORM__URL="http://127.0.0.1:9")
    agent = subprocess.Popen([sys.executable, "-m", "kiosk.cli.main", "sync-agent"],
                             env=env, stderr=subprocess.DEVNULL)
    print(agent.pid, flush=True)
    time.sleep(600)
    """
)


def wait_for(condition: Callable[[], bool], timeout_s: float = 30.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie (exited, its reaper gone with the parent) counts as ended.
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        return stat.read().split(") ")[1][0] != "Z"


def test_the_agent_ends_when_the_touchscreen_is_killed(isolated_environment: Path) -> None:
    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    assert parent.stdout is not None
    agent = int(parent.stdout.readline())
    try:
        wait_for((isolated_environment / LOCK_FILE).exists)  # the agent is at work
        assert alive(agent)
        parent.send_signal(signal.SIGKILL)
        parent.wait()
        wait_for(lambda: not alive(agent))
    finally:
        if alive(agent):
            os.kill(agent, signal.SIGKILL)
