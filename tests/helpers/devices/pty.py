"""What the tests of devices on a pseudo-terminal share: reading its other end, and counting
the descriptors a driver holds open on it."""

from __future__ import annotations

import os
import select
import time


def read_exactly(fd: int, size: int, timeout: float = 2.0) -> bytes:
    """`size` bytes from `fd`, or fewer if they have not all come within `timeout` seconds."""
    data = b""
    deadline = time.monotonic() + timeout
    while len(data) < size and select.select([fd], [], [], max(0, deadline - time.monotonic()))[0]:
        data += os.read(fd, size - len(data))
    return data


def open_fds_on(path: str) -> int:
    """How many of this process's file descriptors point at ``path``."""
    count = 0
    for fd in os.listdir("/proc/self/fd"):
        try:
            if os.readlink(f"/proc/self/fd/{fd}") == path:
                count += 1
        except OSError:
            continue
    return count
