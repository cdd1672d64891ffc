"""How a call to the platform can fail, split by what the sync agent must do about it.

A transient failure is never the submission's fault: the batch goes back to the queue and is
sent again after a backoff. A permanent failure is the platform refusing this exact request
for good; the agent narrows it down to the one item at fault and quarantines only that.
"""

from __future__ import annotations


class SyncFailure(Exception):
    """A call to the platform did not succeed."""


class TransientFailure(SyncFailure):
    """Try again later: network down, timeout, TLS trouble, 408/425/429/5xx, a reply we
    cannot read. `retry_after_s` is the platform's Retry-After, when it gave one."""

    def __init__(self, reason: str, retry_after_s: float | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retry_after_s = retry_after_s


class AnswerLost(TransientFailure):
    """The request went out but no answer came back (a read timeout, or the connection reset
    or closed before the reply): unlike a connection that never opened, the platform may have
    acted on it. Idempotency keys make sending it again safe."""


class AuthRefused(TransientFailure):
    """The platform does not accept this terminal's credentials (401/403). It is staff's to
    fix (enrol the key, fix the clock), so nothing is ever quarantined for it."""

    def __init__(self, reason: str, code: str | None = None) -> None:
        super().__init__(reason)
        self.code = code


class PermanentFailure(SyncFailure):
    """The platform refused this request as such (400/409/413/422): sending it again as it
    is will not help."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(f"HTTP {status} {code}: {message}")
        self.status = status
        self.code = code
        self.message = message
