"""A `kiosk` process started beside another (the agent and simulated platform of
`kiosk run --simulate`) ends when that parent is gone, however it went.

The parent names itself in KIOSK_END_WITH_PARENT; a watcher thread here notices when this
process's parent is no longer that one (it was killed, even with SIGKILL) and sends this
process SIGTERM, so it stops the clean way it stops under systemd.
"""

from __future__ import annotations

import os
import signal
import threading
import time

PARENT_ENV = "KIOSK_END_WITH_PARENT"
# A dead parent is noticed within this long; a check is one system call.
CHECK_INTERVAL_S = 1.0


def end_with_parent() -> None:
    """Start watching the parent named in the environment, if any."""
    named = os.environ.get(PARENT_ENV)
    if not named or not named.isdigit():
        return
    parent = int(named)
    threading.Thread(target=_watch, args=(parent,), name="end-with-parent", daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(CHECK_INTERVAL_S)
    os.kill(os.getpid(), signal.SIGTERM)
