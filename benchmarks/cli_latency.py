"""How long the `kiosk` commands a technician types take, against `python -c pass`.

Every command is a new process, timed from just before it is spawned to its exit, in the same
run and interleaved (pass, queue status, submit, catalog list, then again), so that the other
load on the machine falls on all of them alike. The commands run from this checkout
(`python -m kiosk.cli.main` with this tree first on the path), on one data dir and one config:
a generated platform sealing key and a printer simulator on loopback, so `submit` validates,
seals, stores and prints a real receipt of a demo matter. One untimed round first migrates the
database, fills the catalog cache and the bytecode cache (PYTHONPYCACHEPREFIX, private to the
run): the figures are those of a kiosk that has started before. Target: 0.3 s for
`queue status` and `submit`. Also printed: the CPU time (user + system) each process used,
which other load on a shared machine inflates far less than the wall time.

Usage: uv run --frozen python benchmarks/cli_latency.py [RUNS] [--smoke]
       (default 15 runs of each; --smoke: 1 run, a few seconds)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from drivers.printer import PrinterSimulator  # noqa: E402
from kiosk.crypto import DEFAULT_SUITE, suite_named  # noqa: E402
from kiosk.crypto.suite import encode_key  # noqa: E402

TARGET_S = 0.3
MATTER = "11440100MB2C91234A-LZ-0001"  # 老年人优待证申领 in the demo catalog
APPLICATION = {
    "answers": {
        "name": "王秀英",
        "id_number": "11010519491231002X",
        "address": "北京市朝阳区建国路88号1单元101室",
        "mobile": "13800138000",
        "reissue": "否",
    },
    "delivery": {"method": "自取"},
}
TARGETED = ("kiosk queue status", "kiosk submit")


def commands(config: Path, answers: Path) -> dict[str, list[str]]:
    kiosk = [sys.executable, "-m", "kiosk.cli.main"]
    settings = ["--config", str(config)]
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "kiosk queue status": [*kiosk, "queue", "status", *settings],
        "kiosk submit": [*kiosk, "submit", "--matter", MATTER, "--data", f"@{answers}", *settings],
        "kiosk catalog list": [*kiosk, "catalog", "list", *settings],
    }


def timed(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one run of `command`."""
    cpu_before = _children_cpu()
    start = time.perf_counter()
    result = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} exited {result.returncode}:\n{result.stderr}")
    return elapsed, _children_cpu() - cpu_before


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def p90(timings: list[float]) -> float:
    if len(timings) < 2:
        return timings[0]
    return statistics.quantiles(timings, n=10, method="inclusive")[8]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="?", type=int, default=15, help="timed runs of each")
    parser.add_argument("--smoke", action="store_true", help="1 run of each, a few seconds")
    args = parser.parse_args()
    runs = 1 if args.smoke else args.runs
    with tempfile.TemporaryDirectory(prefix="kiosk-cli-latency-") as tmp:
        work = Path(tmp)
        printer = PrinterSimulator(work / "receipts.bin")
        uri = printer.start()
        try:
            timings = measure(work, uri, runs)
        finally:
            printer.stop()
    report(timings, runs)


def measure(work: Path, printer_uri: str, runs: int) -> dict[str, list[tuple[float, float]]]:
    sealing_key = encode_key(suite_named(DEFAULT_SUITE).new_sealing_key().public)
    config = work / "kiosk.toml"
    config.write_text(
        f'[devices.printer]\nuri = "{printer_uri}"\n\n[platform]\nsealing_key = "{sealing_key}"\n',
        encoding="utf-8",
    )
    answers = work / "answers.json"
    answers.write_text(json.dumps(APPLICATION, ensure_ascii=False), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("KIOSK_", "PYTHON"))}
    env.update(
        KIOSK_DATA_DIR=str(work / "data"),
        PYTHONPATH=str(ROOT),
        PYTHONPYCACHEPREFIX=str(work / "pycache"),
    )
    to_run = commands(config, answers)
    for command in to_run.values():  # untimed: migrations, catalog and bytecode caches
        timed(command, env)
    timings: dict[str, list[tuple[float, float]]] = {name: [] for name in to_run}
    for _ in range(runs):
        for name, command in to_run.items():
            timings[name].append(timed(command, env))
    return timings


def report(timings: dict[str, list[tuple[float, float]]], runs: int) -> None:
    print(f"{runs} runs of each, interleaved, bytecode cached, {os.cpu_count()} cores")
    baseline = statistics.median(wall for wall, _ in timings["python -c pass"])
    cpu_baseline = statistics.median(cpu for _, cpu in timings["python -c pass"])
    for name, values in timings.items():
        walls = [wall for wall, _ in values]
        median = statistics.median(walls)
        cpu = statistics.median(cpu for _, cpu in values)
        verdict = ""
        if name in TARGETED:
            verdict = f"  target {TARGET_S:.1f} s {'met' if median <= TARGET_S else 'NOT met'}"
        print(
            f"{name:<20} median {median * 1000:7.1f} ms   p90 {p90(walls) * 1000:7.1f} ms   "
            f"x{median / baseline:6.1f}   cpu {cpu * 1000:7.1f} ms x{cpu / cpu_baseline:6.1f}"
            f"{verdict}"
        )


if __name__ == "__main__":
    main()
