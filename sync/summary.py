"""What one pass of the sync agent did, for `kiosk sync --once`, the logs and `kiosk doctor`."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Quarantined:
    """An item the platform refused for good, and why; staff retry it after a fix."""

    case_number: str
    reason: str


@dataclass
class PassSummary:
    started_at: datetime
    finished_at: datetime | None = None
    # Submissions the platform now holds; `duplicates` of them it held already (a lost ack).
    delivered: int = 0
    duplicates: int = 0
    quarantined: list[Quarantined] = field(default_factory=list)
    # Submissions put back in the queue to be sent again (a transient failure).
    released: int = 0
    ratings_delivered: int = 0
    ratings_quarantined: list[Quarantined] = field(default_factory=list)
    # Help requests (帮办) the platform now holds, sent before anything else.
    help_requests_delivered: int = 0
    help_requests_quarantined: list[Quarantined] = field(default_factory=list)
    status_updates_applied: int = 0
    # "unchanged", "installed VERSION", "refused: why", or None when not checked this pass.
    catalog: str | None = None
    heartbeat_sent: bool = False
    purged: int = 0
    # "ok" or "problem (see the log)" when the nightly housekeeping ran in this pass.
    housekeeping: str | None = None
    # Submissions per state and ratings waiting, after the pass.
    queue: dict[str, int] = field(default_factory=dict)
    ratings_queued: int = 0
    # The transient failure that ended the pass early, and the wait the platform asked for.
    error: str | None = None
    retry_after_s: float | None = None
    clock_offset_s: float | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def eventful(self) -> bool:
        """Whether anything changed or went wrong (worth a line in the log)."""
        return bool(
            self.delivered
            or self.quarantined
            or self.released
            or self.ratings_delivered
            or self.ratings_quarantined
            or self.help_requests_delivered
            or self.help_requests_quarantined
            or self.status_updates_applied
            or self.purged
            or self.housekeeping is not None
            or (self.catalog not in (None, "unchanged"))
            or self.error
        )

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["started_at"] = self.started_at.isoformat()
        data["finished_at"] = self.finished_at.isoformat() if self.finished_at else None
        return data

    def describe(self) -> str:
        """A few lines for a person at the terminal."""
        lines = [
            f"delivered {self.delivered} submission(s)"
            + (f" ({self.duplicates} already on the platform)" if self.duplicates else "")
            + f", {self.ratings_delivered} rating(s)"
            + (
                f", {self.help_requests_delivered} help request(s)"
                if self.help_requests_delivered
                else ""
            ),
        ]
        for item in self.quarantined:
            lines.append(f"quarantined {item.case_number}: {item.reason}")
        for item in self.ratings_quarantined:
            lines.append(f"rating of {item.case_number} quarantined: {item.reason}")
        for item in self.help_requests_quarantined:
            lines.append(f"{item.case_number} quarantined: {item.reason}")
        if self.released:
            lines.append(f"{self.released} submission(s) back in the queue for the next try")
        lines.append(f"status updates applied: {self.status_updates_applied}")
        if self.catalog is not None:
            lines.append(f"catalog: {self.catalog}")
        lines.append(f"heartbeat: {'sent' if self.heartbeat_sent else 'not sent'}")
        if self.purged:
            lines.append(f"sealed payloads purged after retention: {self.purged}")
        if self.housekeeping is not None:
            lines.append(f"nightly housekeeping: {self.housekeeping}")
        counts = ", ".join(f"{state} {count}" for state, count in self.queue.items())
        lines.append(f"queue: {counts}; ratings waiting {self.ratings_queued}")
        if self.clock_offset_s is not None:
            lines.append(f"kiosk clock is {self.clock_offset_s:+.0f} s off the platform's")
        if self.error is not None:
            wait = ""
            if self.retry_after_s is not None:
                wait = f" (the platform asks to wait {self.retry_after_s:g} s)"
            lines.append(f"stopped early: {self.error}{wait}")
        return "\n".join(lines)
