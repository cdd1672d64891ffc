"""What the sync agent needs from the platform, so tests and fault injection can stand in for
the HTTP client (sync.platform_client.PlatformClient is the real one)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from sync.contract import (
    BatchResult,
    CaseUpdates,
    Heartbeat,
    HeartbeatAck,
    HelpRequestItem,
    RatingItem,
    SignedCatalog,
    SubmissionItem,
)


class PlatformApi(Protocol):
    """Each call returns the contract's answer or raises a sync.failures.SyncFailure."""

    @property
    def clock_offset_s(self) -> float | None: ...

    def deliver_submissions(self, items: Sequence[SubmissionItem]) -> BatchResult: ...

    def deliver_ratings(self, items: Sequence[RatingItem]) -> BatchResult: ...

    def deliver_help_requests(self, items: Sequence[HelpRequestItem]) -> BatchResult: ...

    def case_updates(self, after: int, limit: int) -> CaseUpdates: ...

    def send_heartbeat(self, heartbeat: Heartbeat) -> HeartbeatAck: ...

    def current_catalog(self, have: str | None) -> SignedCatalog | None: ...
