"""Runs the installed `kiosk` command as a user would, in its own process."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.printer import PrinterSimulator
from tests.helpers.kiosk_cli import Kiosk
from tests.helpers.platform_keys import TEST_PLATFORM


@pytest.fixture
def printer(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    receipts = tmp_path / "receipts.bin"
    simulator = PrinterSimulator(receipts)
    yield simulator.start(), receipts
    simulator.stop()


@pytest.fixture
def config(tmp_path: Path, printer: tuple[str, Path]) -> Path:
    path = tmp_path / "kiosk.toml"
    path.write_text(
        f'[devices.printer]\nuri = "{printer[0]}"\n\n' + TEST_PLATFORM.kiosk_config(),
        encoding="utf-8",
    )
    return path


@pytest.fixture
def kiosk(config: Path) -> Kiosk:
    def run(*args: str, data_dir: Path | None = None) -> subprocess.CompletedProcess[str]:
        env = dict(os.environ)
        if data_dir is not None:
            env["KIOSK_DATA_DIR"] = str(data_dir)
        return subprocess.run(
            [sys.executable, "-m", "kiosk.cli.main", *args, "--config", str(config)],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            check=False,
        )

    return run
