"""Does a draining sync agent slow the touchscreen? Submission latency with the agent at work.

The touchscreen and the agent share one SQLite file. This queues a backlog (default 5,000),
starts `kiosk platform serve` and `kiosk sync-agent` as their own processes, and while the
agent drains, commits submissions the way the touchscreen does (SubmissionService.submit, one
every 20 ms). The baseline is the same submissions on the same file with no agent running,
in the same run. It prints both latency distributions and the ratio of their medians and p99s.

Usage: uv run python benchmarks/submit_during_drain.py [BACKLOG] [SUBMISSIONS] [--smoke]
       (default 5,000 and 200; --smoke: 500 and 10, to check that the benchmark still runs)
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parent))
from backlog_drain import (
    forget_kiosk_environment,
    platform_databases,
    prepared_platform,
    queue_backlog,
    serving_platform,
    waiting,
)

from kiosk.config import load_settings
from kiosk.forms import Application
from kiosk.printing import NoPrinter
from kiosk.submissions.service import SubmissionService
from kiosk.wiring.services import build_services
from sync.platform.keys import PlatformKeys
from sync.platform.terminals import enrol_terminal
from sync.wiring import terminal_identity

MATTER = "11440100MB2C91234A-LZ-0001"
APPLICATION = Application(
    {
        "name": "王秀英",
        "id_number": "11010519491231002X",
        "address": "北京市朝阳区建国路88号1单元101室",
        "mobile": "13800138000",
        "reissue": "否",
    },
    delivery={"method": "自取"},
)
PACE_S = 0.02  # a busier touchscreen than any real one: fifty residents a second
SMOKE_BACKLOG, SMOKE_COUNT = 500, 10


def timed_submissions(service: SubmissionService, count: int) -> list[float]:
    timings = []
    for _ in range(count):
        start = time.perf_counter()
        service.submit(MATTER, APPLICATION)
        timings.append(time.perf_counter() - start)
        time.sleep(PACE_S)
    return timings


def describe(name: str, timings: list[float]) -> tuple[float, float]:
    median = statistics.median(timings) * 1000
    p99 = statistics.quantiles(timings, n=100)[98] * 1000
    longest = max(timings) * 1000
    print(f"{name:<26} median {median:6.2f} ms   p99 {p99:6.2f} ms   max {longest:6.1f} ms")
    return median, p99


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("backlog", nargs="?", type=int, default=5_000, help="queued first")
    parser.add_argument("count", nargs="?", type=int, default=200, help="submissions timed")
    parser.add_argument(
        "--smoke",
        action="store_true",
        help=f"backlog {SMOKE_BACKLOG}, {SMOKE_COUNT} submissions: check that it runs",
    )
    args = parser.parse_args()
    backlog, count = (SMOKE_BACKLOG, SMOKE_COUNT) if args.smoke else (args.backlog, args.count)
    forget_kiosk_environment()  # or KIOSK_DATA_DIR would part this process from the agent's
    keys = PlatformKeys.generate()
    with tempfile.TemporaryDirectory() as tmp, platform_databases(Path(tmp)) as databases:
        root = Path(tmp)
        drain_url, _, store_name = databases
        config = root / "kiosk.toml"
        keys.save(root / "platform-keys")
        engine = prepared_platform(drain_url, keys)
        config.write_text(
            f'data_dir = "{root / "kiosk"}"\n[devices.printer]\nuri = ""\n\n' + keys.kiosk_config(),
            encoding="utf-8",
        )
        settings = load_settings(config)
        services = build_services(settings, NoPrinter())
        idle = timed_submissions(services.submissions, count)
        queue_backlog(services.store, backlog)
        identity = terminal_identity(settings)
        with Session(engine) as session, session.begin():
            enrol_terminal(
                session,
                identity.terminal_id,
                identity.public_key,
                identity.suite,
                datetime.now(UTC),
            )
        with serving_platform(drain_url, root / "platform-keys") as url:
            with config.open("a", encoding="utf-8") as handle:
                handle.write(f'url = "{url}"\n')  # the [platform] section is the file's last
            agent = subprocess.Popen(
                [sys.executable, "-m", "kiosk.cli.main", "sync-agent", "--config", str(config)],
                stderr=subprocess.DEVNULL,
                env=dict(os.environ, KIOSK_DATA_DIR=str(root / "kiosk")),
            )
            try:
                while services.store.counts_by_state()["sending"] == 0:
                    if agent.poll() is not None:
                        raise SystemExit(f"FAILED: the sync agent exited {agent.returncode}")
                    time.sleep(0.01)  # measure only while the agent is really delivering
                busy = timed_submissions(services.submissions, count)
                still_draining = waiting(services.store.counts_by_state())
            finally:
                agent.send_signal(signal.SIGTERM)
                agent.wait(60)
        services.close()
    print(f"platform on {store_name}; backlog {backlog}; {count} submissions each side")
    idle_median, idle_p99 = describe("submit, no agent", idle)
    busy_median, busy_p99 = describe("submit, agent draining", busy)
    print(f"ratio busy/idle: median {busy_median / idle_median:.2f}, p99 {busy_p99 / idle_p99:.2f}")
    print(f"backlog still waiting when the measurement ended: {still_draining}")


if __name__ == "__main__":
    main()
