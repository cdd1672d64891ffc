"""`kiosk sync --once` and `kiosk sync-agent`: delivery to the provincial platform.

The agent is its own process (a systemd unit beside the touchscreen), sharing the database
file; `kiosk sync --once` does one pass by hand, for staff and for tests.
"""

from __future__ import annotations

import argparse
import logging
import signal
import threading
from typing import Any

from kiosk.cli.common import EXIT_FAILURE, EXIT_OK, CommandFailed, print_json, settings_from

log = logging.getLogger(__name__)

# Long enough for another `kiosk sync --once` to finish its pass; a running agent holds the
# lock for good, and waiting longer would not help.
ONCE_LOCK_WAIT_S = 30.0


def register(commands: Any, parent: argparse.ArgumentParser) -> None:
    once = commands.add_parser(
        "sync", parents=[parent], help="deliver to the provincial platform once, now"
    )
    once.add_argument(
        "--once", action="store_true", required=True, help="one pass, then exit (required)"
    )
    once.add_argument("--json", action="store_true", help="print the pass summary as JSON")
    once.add_argument(
        "--wait",
        type=float,
        default=ONCE_LOCK_WAIT_S,
        metavar="SECONDS",
        help=f"how long to wait for a pass in progress (default {ONCE_LOCK_WAIT_S:g})",
    )
    once.set_defaults(handler=run_once)
    agent = commands.add_parser(
        "sync-agent",
        parents=[parent],
        help="deliver to the provincial platform continuously (until SIGTERM)",
    )
    agent.set_defaults(handler=run_agent)


def run_once(args: argparse.Namespace) -> int:
    from sync.agent_lock import AgentLock, AgentLockHeld
    from sync.wiring import build_agent

    settings = settings_from(args)
    runtime = build_agent(settings)
    try:
        with AgentLock(runtime.lock_path) as lock:
            try:
                lock.acquire(args.wait)
            except AgentLockHeld as exc:
                raise CommandFailed(str(exc)) from exc
            summary = runtime.agent.run_once()
    finally:
        runtime.close()
    if args.json:
        print_json(summary.to_json())
    else:
        print(summary.describe())
    return EXIT_OK if summary.ok else EXIT_FAILURE


def run_agent(args: argparse.Namespace) -> int:
    from kiosk.sd_notify import notifier, watchdog_interval
    from sync.agent_lock import AgentLock, AgentLockHeld
    from sync.wiring import build_agent

    settings = settings_from(args, service=True)
    runtime = build_agent(settings)
    stop = threading.Event()
    failed = threading.Event()

    def work() -> None:
        try:
            runtime.agent.run_forever(stop, notifier(), watchdog_interval())
        except BaseException:
            log.exception("sync agent crashed")
            failed.set()

    try:
        with AgentLock(runtime.lock_path) as lock:
            try:
                lock.acquire()
            except AgentLockHeld as exc:
                raise CommandFailed(str(exc)) from exc
            # The agent works on a thread; the main thread only waits for signals, so a
            # handler never runs in the middle of the agent's own locking.
            worker = threading.Thread(target=work, name="sync-agent")
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, lambda *_: stop.set())
            log.info(
                "sync agent started",
                extra={
                    "terminal_id": runtime.identity.terminal_id,
                    "platform": settings.platform.url,
                },
            )
            worker.start()
            while worker.is_alive():
                worker.join(timeout=1.0)
    finally:
        runtime.close()
    log.info("sync agent stopped")
    return EXIT_FAILURE if failed.is_set() else EXIT_OK
