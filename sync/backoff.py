"""How long the sync agent waits after a transient failure.

Exponential backoff with full jitter: the n-th failure in a row waits a random time between
the initial delay and min(maximum, initial * 2**n). The randomness spreads a hall full of
kiosks that lost the platform together, so they do not all come back in the same second.
A Retry-After from the platform is honoured: the wait is at least that long (capped, so a
mistaken header cannot silence a kiosk for days).
"""

from __future__ import annotations

import random as _random
from collections.abc import Callable
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

# A platform asking for more than an hour is more likely misconfigured than overloaded.
RETRY_AFTER_CAP_S = 3600.0


class Backoff:
    def __init__(
        self,
        initial_s: float,
        maximum_s: float,
        random: Callable[[], float] = _random.random,
        retry_after_cap_s: float = RETRY_AFTER_CAP_S,
    ) -> None:
        self._initial = initial_s
        self._maximum = max(maximum_s, initial_s)
        self._random = random
        self._retry_after_cap = retry_after_cap_s
        self._failures = 0

    @property
    def failures(self) -> int:
        """Transient failures in a row since the last success."""
        return self._failures

    def failed(self, retry_after_s: float | None = None) -> float:
        """Record a failure; the seconds to wait before trying again."""
        self._failures += 1
        # 2**n overflows a float long before a kiosk gives up; cap the exponent first.
        ceiling = min(self._maximum, self._initial * 2.0 ** min(self._failures, 64))
        delay = self._initial + self._random() * (ceiling - self._initial)
        if retry_after_s is not None:
            delay = max(delay, min(retry_after_s, self._retry_after_cap))
        return delay

    def succeeded(self) -> None:
        self._failures = 0


def parse_retry_after(value: str | None, now: datetime | None = None) -> float | None:
    """Retry-After as seconds from now: delta-seconds or an HTTP-date (RFC 9110 10.2.3).
    None when absent or unreadable; a date in the past means "now" (0)."""
    if value is None or not value.strip():
        return None
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:  # an HTTP-date is always GMT
        when = when.replace(tzinfo=UTC)
    reference = now or datetime.now(UTC)
    return max(0.0, (when - reference).total_seconds())
