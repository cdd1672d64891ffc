"""Runs the `kiosk` command with a pause point at the commit that stores submissions, so a
crash test can SIGKILL it at exactly that moment with no hook in the product itself.

    python -m tests.sync.commit_pause block|go FD submit --matter CODE --data ... --config ...

SQLAlchemy's "commit" event fires just before the DB-API commit. When the transaction about
to commit inserted rows into `submissions`, the runner writes one line to the inherited file
descriptor FD, then in mode "block" waits until it is killed (the commit never happens), or
in mode "go" carries straight on, so a kill a moment later lands while SQLite is really
committing, or just after.
"""

from __future__ import annotations

import os
import sys
import threading
from typing import Any

from sqlalchemy import Engine, event
from sqlalchemy.engine import Connection

READY = b"committing\n"
_STORES_SUBMISSIONS = "commit_pause.stores_submissions"


def install(mode: str, signal_fd: int) -> None:
    """Watch every engine this process creates (the kiosk opens its own after this)."""

    def noticed_insert(
        connection: Connection,
        _cursor: Any,
        statement: str,
        *_: Any,
    ) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO SUBMISSIONS "):
            connection.info[_STORES_SUBMISSIONS] = True

    def about_to_commit(connection: Connection) -> None:
        if not connection.info.pop(_STORES_SUBMISSIONS, False):
            return
        os.write(signal_fd, READY)
        if mode == "block":
            threading.Event().wait()  # until the test's SIGKILL

    def rolled_back(connection: Connection) -> None:
        connection.info.pop(_STORES_SUBMISSIONS, None)

    event.listen(Engine, "before_cursor_execute", noticed_insert)
    event.listen(Engine, "commit", about_to_commit)
    event.listen(Engine, "rollback", rolled_back)


def main(argv: list[str]) -> int:
    mode, signal_fd, *kiosk_args = argv
    if mode not in ("block", "go"):
        raise SystemExit(f"commit_pause: mode must be block or go, not {mode!r}")
    install(mode, int(signal_fd))
    from kiosk.cli.main import main as kiosk_main

    return kiosk_main(kiosk_args)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
