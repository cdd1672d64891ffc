"""What every QR scanner does with a read's result besides returning it: log its state when it
changes (never the scanned text, which can carry personal data), and hand a fault back only
once the read's time is up, so a caller that reads in a loop retries at that pace."""

from __future__ import annotations

import logging
import time
from typing import TypeVar

from drivers.qr.interface import NothingScanned, Scanned, ScannerFault, ScanRead

_R = TypeVar("_R", NothingScanned, ScannerFault)


class ReadLog:
    """Logs "listening" or "fault <kind>" for the scanner called ``label`` when it changes,
    and the length of each code at DEBUG."""

    def __init__(self, logger: logging.Logger, label: str) -> None:
        self._logger = logger
        self._label = label
        self._last_status: str | None = None

    def record(self, result: ScanRead) -> None:
        status = f"fault {result.kind.value}" if isinstance(result, ScannerFault) else "listening"
        if isinstance(result, Scanned):
            self._logger.debug("%s: code of %d characters", self._label, len(result.text))
        if status == self._last_status:
            return
        self._last_status = status
        if isinstance(result, ScannerFault):
            self._logger.warning("%s: %s (%s)", self._label, status, result.detail)
        else:
            self._logger.info("%s: %s", self._label, status)


def after(deadline: float, result: _R) -> _R:
    """``result``, once ``deadline`` (``time.monotonic``) has passed."""
    remaining = deadline - time.monotonic()
    if remaining > 0:
        time.sleep(remaining)
    return result
