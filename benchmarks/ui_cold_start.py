"""Cold start of `kiosk run --simulate --windowed` until its attract screen is painted, against
a bare PySide6 window started the same way; and, for honesty, until the kiosk is ready.

Measured, per start: from just before `subprocess.Popen` (a new Python process; the time to fork
and exec the interpreter is included) to the end of the first repaint pass of the program's first
main window. Both programs run through `benchmarks/paint_probe.py`, which wraps `QMainWindow.show`
to put a one-shot Paint filter on the window and stamps CLOCK_MONOTONIC when that pass is over (see
its docstring); this process stamps the same clock before spawning. The kiosk runs its real entry
point, `kiosk.cli.main`, unmodified but for that wrapped `show`: its first main window is the
attract screen it paints before the rest of start-up (ui/startup.py). The baseline is
`benchmarks/bare_window.py` (QApplication, QMainWindow, one QLabel, 1280x800 like the windowed
kiosk). Also timed for the kiosk: its "kiosk ready" log line, received here, which it logs once
the settings, devices, database, migrations, services and sync companions are up and the full
window is shown in the attract screen's place, taking visits.

Each start gets a fresh KIOSK_DATA_DIR (so the kiosk creates and migrates its database every time,
as on a first boot) and QT_QPA_PLATFORM=offscreen; the kiosk runs with its default settings, so
it starts espeak-ng for the attract screen's instruction and builds its pinyin index on a
background thread while it starts, as it does in service. Starts alternate kiosk / bare, after
one untimed start of each to warm the page cache. Python bytecode is cached in a private
PYTHONPYCACHEPREFIX for the run (filled by the untimed starts; nothing is written to the tree);
`--no-bytecode-cache` instead compiles every module from source on every start, as happens when
PYTHONDONTWRITEBYTECODE is set or the venv is read-only and was installed without bytecode.
After the marker (the kiosk: after it is ready) each process gets SIGTERM and is waited for
before the next start.

Usage: uv run --frozen python benchmarks/ui_cold_start.py [STARTS] [--no-bytecode-cache]
       [--smoke] (default 7 starts of each; --smoke: one of each, no untimed warm-up starts,
       bytecode cached beside the sources as usual, to check that the benchmark still runs)
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO

HERE = Path(__file__).resolve().parent
PROBE = HERE / "paint_probe.py"
KIOSK = ("kiosk.cli.main", "run", "--simulate", "--windowed")
BARE = ("bare_window",)
FIRST_FRAME = "first frame painted"  # the marker paint_probe.py writes
READY = "kiosk ready"
MARKER_TIMEOUT_S = 120.0
TARGET_RATIO = 3.0
EXIT_TIMEOUT_S = 30.0


@dataclass
class Start:
    painted_ms: float
    ready_ms: float | None  # "kiosk ready" line received, kiosk only
    exit_code: int


def now_ns() -> int:
    return time.clock_gettime_ns(time.CLOCK_MONOTONIC)


def _pump(stream: IO[bytes], lines: queue.Queue[tuple[int, str] | None]) -> None:
    """Hands each stderr line over with the time it arrived; None at end of stream."""
    for raw in iter(stream.readline, b""):
        lines.put((now_ns(), raw.decode("utf-8", errors="replace")))
    lines.put(None)


def cold_start(
    target: tuple[str, ...], pycache: Path | None, *, cached_beside_sources: bool = False
) -> Start:
    """One start of `target` through the probe; `pycache` None compiles every module anew.
    `cached_beside_sources` instead leaves the bytecode settings as they are (the
    __pycache__ dirs the tests fill too), so a single start need not compile everything."""
    with tempfile.TemporaryDirectory(prefix="kiosk-cold-") as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
        env.update(QT_QPA_PLATFORM="offscreen", KIOSK_DATA_DIR=str(Path(tmp) / "data"))
        if cached_beside_sources:
            pass
        elif pycache is None:
            env["PYTHONDONTWRITEBYTECODE"] = "1"
            env.pop("PYTHONPYCACHEPREFIX", None)
        else:
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            env["PYTHONPYCACHEPREFIX"] = str(pycache)
        spawned = now_ns()
        process = subprocess.Popen(
            [sys.executable, str(PROBE), *target],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=env,
            cwd=tmp,
        )
        assert process.stderr is not None
        lines: queue.Queue[tuple[int, str] | None] = queue.Queue()
        pump = threading.Thread(target=_pump, args=(process.stderr, lines), daemon=True)
        pump.start()
        deadline = spawned + int(MARKER_TIMEOUT_S * 1e9)
        painted, ready, seen = _wait_for_marker(lines, deadline, target == KIOSK)
        process.send_signal(signal.SIGTERM)
        try:
            exit_code = process.wait(timeout=EXIT_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            exit_code = process.wait()
        pump.join(timeout=5)
        if painted is None:
            tail = "".join(seen[-20:])
            raise RuntimeError(f"{' '.join(target)}: no first-paint marker; stderr ends:\n{tail}")
        return Start(
            (painted - spawned) / 1e6,
            None if ready is None else (ready - spawned) / 1e6,
            exit_code,
        )


def _wait_for_marker(
    lines: queue.Queue[tuple[int, str] | None], deadline: int, until_ready: bool
) -> tuple[int | None, int | None, list[str]]:
    """(first frame painted, kiosk ready received, the lines seen), in CLOCK_MONOTONIC ns;
    with `until_ready`, the wait goes on after the paint until "kiosk ready" arrives."""
    painted: int | None = None
    ready: int | None = None
    seen: list[str] = []
    while (left := (deadline - now_ns()) / 1e9) > 0:
        try:
            item = lines.get(timeout=left)
        except queue.Empty:
            break
        if item is None:
            break
        arrived, line = item
        seen.append(line)
        try:
            entry = json.loads(line)
        except json.JSONDecodeError:
            continue  # Qt prints a few plain lines before the kiosk installs its handler
        if not isinstance(entry, dict):
            continue
        if entry.get("msg") == READY:
            ready = arrived
        elif entry.get("msg") == FIRST_FRAME and painted is None:
            painted = int(entry["monotonic_ns"])
        if painted is not None and (ready is not None or not until_ready):
            break
    return painted, ready, seen


def describe(name: str, timings: list[float]) -> float:
    median = statistics.median(timings)
    p90 = statistics.quantiles(timings, n=10, method="inclusive")[8] if timings[1:] else median
    low, high = min(timings), max(timings)
    print(
        f"{name:<34} median {median:7.1f} ms   p90 {p90:7.1f} ms   "
        f"min {low:7.1f} ms   max {high:7.1f} ms"
    )
    return median


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("starts", nargs="?", type=int, default=7, help="starts of each")
    parser.add_argument(
        "--no-bytecode-cache",
        action="store_true",
        help="compile every module from source on every start (PYTHONDONTWRITEBYTECODE=1)",
    )
    parser.add_argument(
        "--smoke", action="store_true", help="one start of each, no warm-up: check that it runs"
    )
    args = parser.parse_args()
    if args.smoke:
        args.starts = 1
    with tempfile.TemporaryDirectory(prefix="kiosk-pycache-") as pycache_dir:
        pycache = None if args.no_bytecode_cache else Path(pycache_dir)
        bytecode = "none (compiled from source every start)" if pycache is None else "cached"
        if args.smoke:
            bytecode = "cached beside the sources"
        print(
            f"{args.starts} cold starts each, alternating kiosk / bare, "
            f"QT_QPA_PLATFORM=offscreen, {os.cpu_count()} cores, bytecode {bytecode}"
        )
        if not args.smoke:
            cold_start(KIOSK, pycache)  # untimed: page cache, and the bytecode cache if any
            cold_start(BARE, pycache)
        kiosk: list[Start] = []
        bare: list[Start] = []
        for run in range(1, args.starts + 1):
            kiosk.append(cold_start(KIOSK, pycache, cached_beside_sources=args.smoke))
            bare.append(cold_start(BARE, pycache, cached_beside_sources=args.smoke))
            ready = kiosk[-1].ready_ms
            shown = f"{ready:7.1f}" if ready is not None else "      -"
            print(
                f"  start {run}: kiosk painted {kiosk[-1].painted_ms:7.1f} ms "
                f"(ready {shown} ms)   bare painted {bare[-1].painted_ms:7.1f} ms"
            )
    bare_median = describe("bare PySide6 window, painted", [s.painted_ms for s in bare])
    kiosk_median = describe("kiosk attract screen, painted", [s.painted_ms for s in kiosk])
    readies = [s.ready_ms for s in kiosk if s.ready_ms is not None]
    if readies:
        describe('kiosk ready ("kiosk ready" line)', readies)
    print(
        "exit codes after SIGTERM: kiosk "
        f"{sorted({s.exit_code for s in kiosk})}, bare {sorted({s.exit_code for s in bare})} "
        "(bare has no handler: -15 is SIGTERM's default)"
    )
    print(
        f"ratio kiosk/bare of median time to first paint: {kiosk_median / bare_median:.2f} "
        f"(target: at most {TARGET_RATIO:.0f})"
    )
    if readies:
        ready_ratio = statistics.median(readies) / bare_median
        print(f"ratio kiosk ready/bare first paint: {ready_ratio:.2f} (no target: for honesty)")


if __name__ == "__main__":
    main()
