"""`kiosk run --simulate` started the way a technician starts it, then stopped by systemd."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

from tests.helpers.data import ELDERLY_MATTER, elderly_json
from tests.helpers.ui.kiosk_process import read_until, start_kiosk, stop


def test_run_simulate_starts_the_app_and_stops_cleanly_on_sigterm() -> None:
    process = start_kiosk("--windowed")
    messages = [entry["msg"] for entry in read_until(process, lambda e: e["msg"] == "kiosk ready")]
    # The attract screen is on screen before the storage stack and the companions start.
    painted = messages.index("attract screen painted")
    assert painted < messages.index("database schema upgraded")
    assert painted < messages.index("simulated platform running")
    messages += stop(process)
    assert process.returncode == 0
    assert "kiosk stopped" in messages
    data_dir = Path(os.environ["KIOSK_DATA_DIR"])
    assert (data_dir / "kiosk.db").exists()


def test_run_simulate_delivers_a_submission_to_the_simulated_platform() -> None:
    process = start_kiosk("--windowed")
    try:
        read_until(process, lambda entry: entry["msg"] == "kiosk ready")
        data_dir = Path(os.environ["KIOSK_DATA_DIR"])
        snippet = data_dir / "simulated-platform" / "kiosk-platform.toml"
        platform = tomllib.loads(snippet.read_text(encoding="utf-8"))["platform"]
        # A submission made beside the touchscreen, sealed to the simulated platform's key.
        env = dict(os.environ, KIOSK_PLATFORM__SEALING_KEY=platform["sealing_key"])
        data = json.dumps(elderly_json(), ensure_ascii=False)
        submit = ["submit", "--matter", ELDERLY_MATTER, "--data", data, "--json"]
        submitted = subprocess.run(
            [sys.executable, "-m", "kiosk.cli.main", *submit],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )
        assert submitted.returncode == 0, submitted.stderr
        case_number = json.loads(submitted.stdout)["case_number"]
        (delivered,) = [
            entry
            for entry in read_until(
                process,
                lambda entry: (
                    entry["msg"] == "submission delivered" and entry["case_number"] == case_number
                ),
            )
            if entry["msg"] == "submission delivered"
        ]
        assert delivered["platform_case_id"]
    finally:
        messages = stop(process)
    assert process.returncode == 0
    assert {"kiosk stopped", "sync agent stopped", "simulated platform stopped"} <= set(messages)


def test_run_without_the_platforms_sealing_key_refuses_to_start(tmp_path: Path) -> None:
    config = tmp_path / "no-key.toml"
    config.write_text('[devices.printer]\nuri = ""\n', encoding="utf-8")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    finished = subprocess.run(
        [sys.executable, "-m", "kiosk.cli.main", "run", "--config", str(config)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert finished.returncode == 78
    assert "platform.sealing_key" in finished.stderr
