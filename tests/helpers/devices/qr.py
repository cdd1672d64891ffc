"""What the QR scanner tests share: how long they wait for a read, and a decoder that counts."""

from __future__ import annotations

from drivers.qr.decode import Frame

# A read that should find a code returns as soon as it is complete (well under a millisecond
# on a pty), so this only bounds how long a failing test hangs.
CODE_TIMEOUT = 2.0
# A read that should find nothing waits this long; short, since a pty delivers at once.
QUIET_TIMEOUT = 0.1


class CountingDecoder:
    """A fallback pass that reads nothing and counts how often it was run."""

    def __init__(self) -> None:
        self.calls = 0

    def decode(self, image: Frame) -> str | None:
        self.calls += 1
        return None
