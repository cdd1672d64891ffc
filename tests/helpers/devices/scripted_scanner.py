"""A QR scanner that answers from a script, and time that moves only when a wait sleeps: for
tests of what reads one code or one card within a time limit (the console's device tests)."""

from __future__ import annotations

from drivers.qr import NothingScanned, ScanRead


class ScriptedScanner:
    """A QrScanner whose reads return the scripted results in order, then nothing."""

    def __init__(self, *reads: ScanRead) -> None:
        self.reads = list(reads)
        self.flushed = 0

    def read(self, timeout: float) -> ScanRead:
        return self.reads.pop(0) if self.reads else NothingScanned()

    def flush(self) -> None:
        self.flushed += 1

    def close(self) -> None:
        """Nothing to release."""


class SleepClock:
    """A monotonic clock that moves only when `sleep` is called."""

    def __init__(self) -> None:
        self.now = 0.0

    def monotonic(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.now += seconds
