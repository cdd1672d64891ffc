"""How fast the sync agent drains a backlog to the platform, against the platform's own ingest.

A kiosk that was offline for a week holds thousands of sealed submissions. This queues COUNT
of them (default 10,000), then measures two things on the same machine in the same run:
- baseline: the reference platform's ingest called directly, in batches of the agent's size,
  on a copy of the very same items (no HTTP, no signing, no kiosk bookkeeping);
- drain: the real agent, over HTTP with signed requests, to `kiosk platform serve` running in
  its own process on loopback, with the kiosk marking every item sending/delivered in its
  SQLite queue.
It prints both rates, their ratio, and checks that the platform holds every item exactly once.
The platform stores on a throwaway PostgreSQL cluster when the server binaries are installed
(scripts/setup installs them), else on SQLite, and says which.

Usage: uv run python benchmarks/backlog_drain.py [COUNT] [--smoke]
       (default 10,000; --smoke: 200, to check that the benchmark still runs)
"""

from __future__ import annotations

import argparse
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # for the throwaway PostgreSQL cluster the tests use

from kiosk.catalog import load_catalog  # noqa: E402
from kiosk.catalog.loader import default_catalog_dir  # noqa: E402
from kiosk.catalog.offerings import find_offering  # noqa: E402
from kiosk.config import load_settings  # noqa: E402
from kiosk.forms import Application  # noqa: E402
from kiosk.forms.application import check_application  # noqa: E402
from kiosk.printing import NoPrinter  # noqa: E402
from kiosk.privacy import mask_id_number, mask_name  # noqa: E402
from kiosk.storage.engine import open_engine  # noqa: E402
from kiosk.submissions.queue import SubmissionQueue  # noqa: E402
from kiosk.submissions.states import SubmissionState  # noqa: E402
from kiosk.submissions.store import NewSubmission, SubmissionStore  # noqa: E402
from kiosk.wiring.services import build_services  # noqa: E402
from sync.contract import SubmissionBatch  # noqa: E402
from sync.delivery import submission_item  # noqa: E402
from sync.platform.catalogs import CatalogCache, publish_catalog  # noqa: E402
from sync.platform.db import create_schema, open_platform_engine, session_factory  # noqa: E402
from sync.platform.ingest import Ingestor  # noqa: E402
from sync.platform.keys import PlatformKeys  # noqa: E402
from sync.platform.tables import CaseRow  # noqa: E402
from sync.platform.terminals import enrol_terminal  # noqa: E402
from sync.wiring import build_agent  # noqa: E402
from tests.helpers.network.ports import free_port  # noqa: E402

MATTER = "11440100MB2C91234A-LZ-0001"
ANSWERS = {
    "name": "王秀英",
    "id_number": "11010519491231002X",
    "address": "北京市朝阳区建国路88号1单元101室",
    "mobile": "13800138000",
    "reissue": "否",
}
CHUNK = 200  # submissions queued per transaction while building the backlog
SMOKE_COUNT = 200  # four batches of the agent's default size
SHANGHAI = ZoneInfo("Asia/Shanghai")


@contextmanager
def platform_databases(root: Path) -> Iterator[tuple[str, str, str]]:
    """Two empty platform databases (drain, baseline) and the name of what stores them."""
    from tests.helpers.postgres import PostgresCluster, server_binaries

    binaries = server_binaries()
    if binaries is None:
        yield f"sqlite:///{root / 'drain.db'}", f"sqlite:///{root / 'base.db'}", "SQLite"
        return
    # Its own temp dir: the server runs as the postgres user, who cannot enter `root`.
    cluster = PostgresCluster(binaries, Path(tempfile.mkdtemp(prefix="kiosk-bench-pg-")))
    cluster.start()
    try:
        yield cluster.new_database(), cluster.new_database(), "PostgreSQL"
    finally:
        cluster.stop()


def forget_kiosk_environment() -> None:
    """Drops inherited KIOSK_* variables: they override kiosk.toml, and the run's kiosk (and an
    agent process it starts) must be configured by the file the run writes, and nothing else."""
    for key in [key for key in os.environ if key.startswith("KIOSK_")]:
        del os.environ[key]


def prepared_platform(url: str, keys: PlatformKeys) -> Engine:
    """A platform database with its schema and the shipped catalog published."""
    engine = open_platform_engine(url)
    create_schema(engine)
    with Session(engine) as session, session.begin():
        publish_catalog(session, keys, default_catalog_dir(), datetime.now(UTC))
    return engine


def queue_backlog(store: SubmissionStore, count: int) -> None:
    """COUNT sealed submissions, each sealed with its own key as the kiosk stores them."""
    catalog = load_catalog()
    offering = find_offering(catalog, MATTER)
    assert offering is not None
    today = datetime.now(SHANGHAI).date()
    checked = check_application(offering, Application(ANSWERS, delivery={"method": "自取"}), today)
    assert checked.ok, checked.errors
    new = NewSubmission(
        matter_code=MATTER,
        catalog_version=catalog.version,
        payload=checked.payload_for(offering.members[0]),
        applicant_name_masked=mask_name(ANSWERS["name"]),
        applicant_id_masked=mask_id_number(ANSWERS["id_number"]),
        applicant_id_number=ANSWERS["id_number"],
    )
    for start in range(0, count, CHUNK):
        store.add([new] * min(CHUNK, count - start), today)


def warmed_catalogs(engine: Engine) -> CatalogCache:
    """A catalog cache that has loaded the published catalog, so neither side of the
    comparison pays for that one-off load."""
    catalogs = CatalogCache()
    with Session(engine) as session:
        catalogs.get(session, load_catalog().version)
    return catalogs


def ingest_rate(
    engine: Engine, keys: PlatformKeys, kiosk_copy: Path, terminal: str, size: int
) -> float:
    """Items per second through the platform's Ingestor alone, on the agent's very items."""
    ingestor = Ingestor(
        session_factory(engine), keys, warmed_catalogs(engine), SHANGHAI, lambda: datetime.now(UTC)
    )
    queue = SubmissionQueue(open_engine(kiosk_copy))
    batches = []
    while claimed := queue.claim_batch(size):
        batches.append(SubmissionBatch(items=[submission_item(item) for item in claimed]))
    start = time.perf_counter()
    for batch in batches:
        ingestor.submissions(terminal, batch)
    return sum(len(batch.items) for batch in batches) / (time.perf_counter() - start)


@contextmanager
def serving_platform(database_url: str, keys_dir: Path) -> Iterator[str]:
    """`kiosk platform serve` in its own process, as the platform runs beside the agent."""
    port = free_port()
    command = [sys.executable, "-m", "kiosk.cli.main", "platform", "serve", "--db", database_url]
    command += ["--keys", str(keys_dir), "--host", "127.0.0.1", "--port", str(port)]
    server = subprocess.Popen(command, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stderr is not None
        for line in server.stderr:
            if "platform listening on" in line:
                break
        else:
            raise SystemExit("the platform did not start")
        # Keep reading its log so the pipe never fills and stalls the server.
        threading.Thread(target=server.stderr.read, daemon=True).start()
        yield f"http://127.0.0.1:{port}"
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(30)


def waiting(counts: dict[str, int]) -> int:
    return counts[SubmissionState.QUEUED.value] + counts[SubmissionState.SENDING.value]


def held_on_platform(engine: Engine) -> tuple[int, int]:
    """(cases held, idempotency keys held more than once)."""
    with Session(engine) as session:
        held = session.scalar(select(func.count()).select_from(CaseRow)) or 0
        repeated = session.scalar(
            select(func.count()).select_from(
                select(CaseRow.idempotency_key)
                .group_by(CaseRow.idempotency_key)
                .having(func.count() > 1)
                .subquery()
            )
        )
    return held, repeated or 0


def backlog_size() -> int:
    """COUNT from the command line; --smoke asks for a backlog of a few batches."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", nargs="?", type=int, default=10_000, help="backlog size")
    parser.add_argument(
        "--smoke", action="store_true", help=f"{SMOKE_COUNT} submissions: check that it runs"
    )
    args = parser.parse_args()
    return SMOKE_COUNT if args.smoke else int(args.count)


def main() -> None:
    count = backlog_size()
    forget_kiosk_environment()
    keys = PlatformKeys.generate()
    with tempfile.TemporaryDirectory() as tmp, platform_databases(Path(tmp)) as databases:
        root = Path(tmp)
        drain_url, baseline_url, store_name = databases
        config = root / "kiosk.toml"
        config.write_text(
            f'data_dir = "{root / "kiosk"}"\n[devices.printer]\nuri = ""\n\n' + keys.kiosk_config(),
            encoding="utf-8",
        )
        settings = load_settings(config)
        services = build_services(settings, NoPrinter())
        started = time.perf_counter()
        queue_backlog(services.store, count)
        print(f"queued {count} sealed submissions in {time.perf_counter() - started:.1f} s")
        copy = root / "kiosk-copy.db"
        with sqlite3.connect(settings.database_path) as source, sqlite3.connect(copy) as target:
            source.backup(target)
        size = settings.sync.batch_size
        terminal = services.store.terminal_id()
        baseline = ingest_rate(prepared_platform(baseline_url, keys), keys, copy, terminal, size)

        engine = prepared_platform(drain_url, keys)
        keys.save(root / "platform-keys")
        with serving_platform(drain_url, root / "platform-keys") as url:
            platform = settings.platform.model_copy(update={"url": url})
            runtime = build_agent(settings.model_copy(update={"platform": platform}))
            identity = runtime.identity
            with Session(engine) as session, session.begin():
                enrol_terminal(
                    session,
                    identity.terminal_id,
                    identity.public_key,
                    identity.suite,
                    datetime.now(UTC),
                )
            # The agent as `kiosk sync-agent` runs it; the clock stops when nothing is left
            # queued or sending (polled every 20 ms, well under the drain's length).
            stop = threading.Event()
            agent = threading.Thread(target=runtime.agent.run_forever, args=(stop,))
            start = time.perf_counter()
            agent.start()
            while waiting(services.store.counts_by_state()):
                if not agent.is_alive():
                    raise SystemExit("FAILED: the agent stopped with the backlog undelivered")
                time.sleep(0.02)
            drain_s = time.perf_counter() - start
            stop.set()
            agent.join()
            runtime.close()
        held, repeated = held_on_platform(engine)
        delivered = services.store.counts_by_state()[SubmissionState.DELIVERED.value]
        services.close()
    drain = count / drain_s
    print(f"platform on {store_name}; batches of {size}")
    print(f"platform ingest alone (no HTTP)    {baseline:8.0f} submissions/s")
    print(f"agent drain, signed HTTP loopback  {drain:8.0f} submissions/s   {drain_s:.1f} s")
    print(f"ratio drain/ingest: {drain / baseline:.2f}")
    print(
        f"platform holds {held}; keys held twice or more: {repeated}; kiosk delivered {delivered}"
    )
    if held != count or repeated or delivered != count:
        raise SystemExit("FAILED: the backlog did not arrive exactly once")


if __name__ == "__main__":
    main()
