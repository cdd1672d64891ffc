"""`kiosk run` as a child process, read through its JSON log lines on stderr."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from typing import Any

Entry = dict[str, Any]


def start_kiosk(*options: str, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    """`kiosk run --simulate OPTIONS`, offscreen unless `env` says otherwise."""
    return subprocess.Popen(
        [sys.executable, "-m", "kiosk.cli.main", "run", "--simulate", *options],
        stderr=subprocess.PIPE,
        text=True,
        env=env if env is not None else dict(os.environ, QT_QPA_PLATFORM="offscreen"),
    )


def read_until(process: subprocess.Popen[str], wanted: Callable[[Entry], bool]) -> list[Entry]:
    """Every log line (each one JSON, the children's included) up to the first `wanted`."""
    assert process.stderr is not None
    seen: list[Entry] = []
    for line in process.stderr:
        seen.append(json.loads(line))
        if wanted(seen[-1]):
            return seen
    raise AssertionError(f"the kiosk exited first: {[entry['msg'] for entry in seen]}")


def first(process: subprocess.Popen[str], message: str) -> Entry:
    """The first log line saying `message`."""
    return read_until(process, lambda entry: entry["msg"] == message)[-1]


def stop(process: subprocess.Popen[str]) -> list[str]:
    """SIGTERM as systemd sends it; the messages logged until the process ended."""
    process.send_signal(signal.SIGTERM)
    _, rest = process.communicate(timeout=60)
    return [json.loads(line)["msg"] for line in rest.splitlines()]
