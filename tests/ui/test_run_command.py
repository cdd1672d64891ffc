"""`kiosk run --simulate` started the way a technician starts it, then stopped by systemd."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path


def test_run_simulate_starts_the_app_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    process = subprocess.Popen(
        [sys.executable, "-m", "kiosk.cli.main", "run", "--simulate", "--windowed"],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert process.stderr is not None
    messages = []
    for line in process.stderr:
        messages.append(json.loads(line)["msg"])
        if messages[-1] == "kiosk ready":
            break
    process.send_signal(signal.SIGTERM)
    _, rest = process.communicate(timeout=30)
    messages += [json.loads(line)["msg"] for line in rest.splitlines()]
    assert process.returncode == 0
    assert "kiosk stopped" in messages
    data_dir = Path(env["KIOSK_DATA_DIR"])
    assert (data_dir / "kiosk.db").exists()
