"""Runs the `kiosk` command with a pause point at the commit that stores submissions, so a
crash test can SIGKILL it at exactly that moment with no hook in the product itself.

    python -m tests.helpers.commit_pause block|go FD submit --matter CODE --data ... --config ...

Every sqlite3 connection the process opens (the kiosk's own, and those under SQLAlchemy)
gets a trace callback, which SQLite calls as each statement starts to run. When a COMMIT is
about to run in a transaction that inserted rows into `submissions`, the runner writes one
line to the inherited file descriptor FD, then in mode "block" waits until it is killed (the
commit never happens), or in mode "go" carries straight on, so a kill a moment later lands
while SQLite is really committing, or just after.
"""

from __future__ import annotations

import os
import sqlite3
import sys
import threading
from typing import Any

READY = b"committing\n"


def install(mode: str, signal_fd: int) -> None:
    """Watch every connection this process opens (the kiosk opens its own after this)."""
    connect = sqlite3.connect

    def watched_connect(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        connection = connect(*args, **kwargs)
        stores_submissions = False

        def starting(statement: str) -> None:
            nonlocal stores_submissions
            words = statement.lstrip().upper()
            if words.startswith("INSERT INTO SUBMISSIONS "):
                stores_submissions = True
            elif words.startswith("ROLLBACK"):
                stores_submissions = False
            elif words.startswith("COMMIT") and stores_submissions:
                stores_submissions = False
                os.write(signal_fd, READY)
                if mode == "block":
                    threading.Event().wait()  # until the test's SIGKILL

        connection.set_trace_callback(starting)
        return connection

    sqlite3.connect = watched_connect


def main(argv: list[str]) -> int:
    mode, signal_fd, *kiosk_args = argv
    if mode not in ("block", "go"):
        raise SystemExit(f"commit_pause: mode must be block or go, not {mode!r}")
    install(mode, int(signal_fd))
    from kiosk.cli.main import main as kiosk_main

    return kiosk_main(kiosk_args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
