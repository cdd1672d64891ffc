"""The trial in docs/platform.md ("A trial on one machine"), run as written.

The blocks after `<!-- recipe:setup -->`, `<!-- recipe:serve -->` and `<!-- recipe:kiosk -->`
are run by bash in an empty directory holding a copy of the shipped example settings as
kiosk.toml, with no KIOSK_* variable set beforehand: the recipe's own lines must do
everything. The only change made to them is the one the page announces: port 8443 becomes a
free loopback port. The serve block runs in its own process, as in its own terminal, until
the platform says it is listening.
"""

from __future__ import annotations

import json
import os
import queue
import re
import shutil
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.helpers.network.ports import free_port

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "docs" / "platform.md"
SHIPPED_EXAMPLE = ROOT / "packaging" / "config" / "kiosk.toml"
DOCUMENTED_PORT = "8443"
LISTENING = "platform listening on "
MATTER = "11440100MB2C91234A-LZ-0001"


def recipe_block(name: str) -> str:
    """The shell block right after `<!-- recipe:NAME -->` on the page."""
    found = re.search(
        rf"<!-- recipe:{name} -->\s*```sh\n(.*?)```", PAGE.read_text(encoding="utf-8"), re.S
    )
    assert found is not None, f"docs/platform.md has no recipe:{name} block"
    return found.group(1)


def as_run_here(block: str, port: int) -> str:
    assert DOCUMENTED_PORT in block or "--port" not in block
    return block.replace(DOCUMENTED_PORT, str(port))


@pytest.fixture
def shell_environment() -> dict[str, str]:
    """This environment without any KIOSK_* setting, with the venv's `kiosk` first on PATH."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    environment["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]])
    return environment


def run_block(script: str, cwd: Path, environment: dict[str, str]) -> str:
    result = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    assert result.returncode == 0, f"{script}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
    return result.stdout


@contextmanager
def serving(script: str, cwd: Path, environment: dict[str, str]) -> Iterator[str]:
    """The serve block in its own process group, once the platform is listening."""
    process = subprocess.Popen(
        ["bash", "-euo", "pipefail", "-c", script],
        cwd=cwd,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    lines: queue.Queue[str] = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(line) for line in process.stderr or ()])
    reader.start()
    try:
        while True:
            line = lines.get(timeout=120)
            if LISTENING in line:
                yield json.loads(line)["msg"].removeprefix(LISTENING)
                break
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
        reader.join(timeout=60)


def test_the_documented_trial_delivers_a_submission_to_the_platform(
    tmp_path: Path, shell_environment: dict[str, str]
) -> None:
    if shutil.which("bash") is None:
        pytest.skip("the recipe is a bash script")
    shutil.copy(SHIPPED_EXAMPLE, tmp_path / "kiosk.toml")
    port = free_port()

    run_block(as_run_here(recipe_block("setup"), port), tmp_path, shell_environment)
    with serving(as_run_here(recipe_block("serve"), port), tmp_path, shell_environment) as url:
        assert url == f"http://127.0.0.1:{port}"
        output = run_block(as_run_here(recipe_block("kiosk"), port), tmp_path, shell_environment)

    case_number = re.search(r"^GZ0001-\d{8}-\d{6}$", output, re.M)
    assert case_number is not None, output
    assert "delivered 1 submission(s)" in output
    assert "reissue_reason" in output  # the form as `catalog show --fields` lists it
    held = [line.split() for line in output.splitlines() if MATTER in line and "received" in line]
    assert [row[1] for row in held] == [case_number.group(0)]
