"""How fast the kiosk durably accepts submissions, against bare sqlite3 single-row inserts.

Both sides use WAL with synchronous=FULL on the same disk in the same run, so the ratio shows
what validation, sealing to the platform key, the ORM, the case-number sequence and the history
row cost on top of the disk's own fsync.

Usage: uv run python benchmarks/submission_commit.py [COUNT] [--smoke]
       (default 500 commits each; --smoke: 20, to check that the benchmark still runs)
"""

from __future__ import annotations

import argparse
import json
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path
from zoneinfo import ZoneInfo

from kiosk.catalog import load_catalog
from kiosk.crypto import DEFAULT_SUITE, suite_named
from kiosk.forms import Application
from kiosk.printing import NoPrinter
from kiosk.storage.engine import open_engine
from kiosk.storage.migrate import upgrade_to_head
from kiosk.submissions.sealing import PayloadSealer
from kiosk.submissions.service import FixedCatalog, KioskIdentity, SubmissionService
from kiosk.submissions.store import SubmissionStore

MATTER = "11440100MB2C91234A-LZ-0001"
ANSWERS = {
    "name": "王秀英",
    "id_number": "11010519491231002X",
    "address": "北京市朝阳区建国路88号1单元101室",
    "mobile": "13800138000",
    "reissue": "否",
}
APPLICATION = Application(answers=ANSWERS, delivery={"method": "自取"})
SMOKE_COUNT = 20


def kiosk_path(directory: Path, count: int) -> list[float]:
    engine = open_engine(directory / "kiosk.db")
    upgrade_to_head(engine)
    identity = KioskIdentity("BENCH01", "大厅", "12345", ZoneInfo("Asia/Shanghai"), "{case_number}")
    suite = suite_named(DEFAULT_SUITE)
    sealer = PayloadSealer(suite, suite.new_sealing_key().public)
    store = SubmissionStore(engine, "BENCH01", sealer)
    service = SubmissionService(FixedCatalog(load_catalog()), store, NoPrinter(), identity)
    timings = []
    for _ in range(count):
        start = time.perf_counter()
        service.submit(MATTER, APPLICATION)
        timings.append(time.perf_counter() - start)
    engine.dispose()
    return timings


def bare_sqlite(directory: Path, count: int) -> list[float]:
    connection = sqlite3.connect(directory / "bare.db", isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT)")
    payload = json.dumps(ANSWERS, ensure_ascii=False)
    timings = []
    for _ in range(count):
        start = time.perf_counter()
        connection.execute("BEGIN IMMEDIATE")
        connection.execute("INSERT INTO t (payload) VALUES (?)", (payload,))
        connection.execute("COMMIT")
        timings.append(time.perf_counter() - start)
    connection.close()
    return timings


def describe(name: str, timings: list[float]) -> float:
    median = statistics.median(timings) * 1000
    p99 = statistics.quantiles(timings, n=100)[98] * 1000
    rate = len(timings) / sum(timings)
    print(f"{name:<28} {rate:8.0f}/s   median {median:6.2f} ms   p99 {p99:6.2f} ms")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=500, help="commits each side")
    parser.add_argument("--smoke", action="store_true", help="20 commits: check that it runs")
    args = parser.parse_args()
    count = SMOKE_COUNT if args.smoke else args.count
    with tempfile.TemporaryDirectory() as tmp:
        print(f"{count} durable commits each, WAL + synchronous=FULL, in {tmp}")
        baseline = describe("bare sqlite3 insert", bare_sqlite(Path(tmp), count))
        kiosk = describe("kiosk submit (sealed)", kiosk_path(Path(tmp), count))
    print(f"ratio kiosk/baseline throughput: {kiosk / baseline:.2f}")


if __name__ == "__main__":
    main()
