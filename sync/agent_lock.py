"""One sync agent per data dir: two would claim the same queue and fight over the cursor.

An exclusive flock on <data dir>/sync-agent.lock, held for the agent's lifetime. The kernel
drops it when the process dies however it dies, so a crash never leaves a stale lock. The
holder's pid is written into the file so the refusal can name it.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

LOCK_FILE = "sync-agent.lock"


class AgentLockHeld(Exception):
    """Another agent (or `kiosk sync --once`) works on this data dir."""


class AgentLock:
    def __init__(
        self,
        path: Path,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._path = path
        self._monotonic = monotonic
        self._sleep = sleep
        self._fd: int | None = None

    def acquire(self, wait_s: float = 0.0) -> None:
        """Take the lock, trying for up to `wait_s`; AgentLockHeld if another keeps it."""
        self._path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        deadline = self._monotonic() + wait_s
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if self._monotonic() >= deadline:
                    holder = _holder(fd)
                    os.close(fd)
                    raise AgentLockHeld(
                        f"a sync agent{holder} is already working on this data dir "
                        f"({self._path}); it delivers on its own — see `kiosk queue status`"
                    ) from None
                # flock cannot wait with a timeout; a short poll is the portable way.
                self._sleep(0.1)
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> AgentLock:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.release()


def _holder(fd: int) -> str:
    try:
        pid = os.pread(fd, 32, 0).decode().strip()
    except (OSError, UnicodeDecodeError):
        return ""
    return f" (pid {pid})" if pid.isdigit() else ""
