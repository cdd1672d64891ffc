"""Every script in benchmarks/ still runs: each one, found anew on every run, is started with
--smoke (its tiny size) and must exit 0 and print its figures, so a benchmark that breaks
fails the build instead of rotting until someone next runs it by hand."""

from __future__ import annotations

import ast
import os
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
SMOKE = "--smoke"
# Each smoke run takes seconds; this only stops one that hangs from holding up the suite.
SMOKE_TIMEOUT_S = 100
CLEANUP_S = 30  # after an interrupt, for a benchmark's own clean-up (servers, clusters)
TAIL = 3000  # characters of output shown when a run fails


def benchmark_scripts() -> list[Path]:
    return sorted(BENCHMARKS.glob("*.py"))


def declares_smoke_flag(script: Path) -> bool:
    """True when the script's code (not just its prose) names the --smoke flag."""
    tree = ast.parse(script.read_text(encoding="utf-8"), filename=str(script))
    return any(isinstance(node, ast.Constant) and node.value == SMOKE for node in ast.walk(tree))


def smoke_environment(tmp_path: Path) -> dict[str, str]:
    """The tests' environment: offscreen Qt, a temp data dir, no other KIOSK_* settings (a
    benchmark configures its own kiosk, as it must when run by hand)."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("KIOSK_")}
    env.update(QT_QPA_PLATFORM="offscreen", KIOSK_DATA_DIR=str(tmp_path / "data"))
    return env


def tail(text: str) -> str:
    return text if len(text) <= TAIL else "…" + text[-TAIL:]


@dataclass(frozen=True)
class SmokeRun:
    finished: bool
    returncode: int | None
    stdout: str
    stderr: str

    def output(self) -> str:
        return f"--- stdout\n{tail(self.stdout)}\n--- stderr\n{tail(self.stderr)}"


def run_smoke(script: Path, tmp_path: Path) -> SmokeRun:
    """`script --smoke` in its own process group. One still running at the deadline gets
    Ctrl-C, so its finally blocks stop what it started, then SIGKILL, group-wide, for
    whatever is left."""
    process = subprocess.Popen(
        [sys.executable, str(script), SMOKE],
        cwd=tmp_path,
        env=smoke_environment(tmp_path),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        stdout, stderr = process.communicate(timeout=SMOKE_TIMEOUT_S)
        return SmokeRun(True, process.returncode, stdout, stderr)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGINT)
        try:
            stdout, stderr = process.communicate(timeout=CLEANUP_S)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
        return SmokeRun(False, process.returncode, stdout, stderr)


def test_the_benchmarks_folder_holds_benchmarks() -> None:
    assert benchmark_scripts(), f"no benchmarks found in {BENCHMARKS}"


@pytest.mark.timeout(SMOKE_TIMEOUT_S + CLEANUP_S + 20)
@pytest.mark.parametrize("script", benchmark_scripts(), ids=lambda script: script.name)
def test_benchmark_runs_at_smoke_size(script: Path, tmp_path: Path) -> None:
    assert declares_smoke_flag(script), (
        f"benchmarks/{script.name} has no {SMOKE} flag: every benchmark must accept {SMOKE}, "
        "a tiny size that runs in a few seconds and exits 0, so the test suite can run it"
    )

    run = run_smoke(script, tmp_path)

    assert run.finished, (
        f"benchmarks/{script.name} {SMOKE} still running after {SMOKE_TIMEOUT_S} s\n{run.output()}"
    )
    assert run.returncode == 0, (
        f"benchmarks/{script.name} {SMOKE} exited {run.returncode}\n{run.output()}"
    )
    assert run.stdout.strip(), f"benchmarks/{script.name} {SMOKE} printed nothing"
