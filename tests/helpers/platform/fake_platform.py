"""An in-memory platform for the agent's scheduling tests: it stores whatever it is sent,
fails on cue, and counts every call; no HTTP, so a simulated hour runs in milliseconds."""

from __future__ import annotations

import threading
from collections import Counter, deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sync.contract import (
    BatchResult,
    CaseUpdates,
    Heartbeat,
    HeartbeatAck,
    HelpRequestItem,
    ItemOutcome,
    ItemResult,
    RatingItem,
    SignedCatalog,
    SubmissionItem,
)
from sync.failures import SyncFailure


@dataclass
class FakePlatform:
    cases: dict[str, str] = field(default_factory=dict)  # idempotency key → case id
    # Every item's key as it arrived, resends included: "sent once" is checkable.
    sent_submissions: list[str] = field(default_factory=list)
    sent_ratings: list[str] = field(default_factory=list)
    sent_help_requests: list[HelpRequestItem] = field(default_factory=list)
    # Every call's method name in order, to see what went before what.
    call_order: list[str] = field(default_factory=list)
    heartbeats: list[Heartbeat] = field(default_factory=list)
    calls: Counter[str] = field(default_factory=Counter)
    # Raised, in order, by the next calls of that method ("deliver_submissions", ...).
    failures: dict[str, deque[SyncFailure]] = field(default_factory=dict)
    # Called with the method's name before it answers (to act "while the agent works").
    on_call: Callable[[str], None] | None = None
    clock_offset_s: float | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def fail(self, method: str, *failures: SyncFailure) -> None:
        self.failures.setdefault(method, deque()).extend(failures)

    def deliver_submissions(self, items: Sequence[SubmissionItem]) -> BatchResult:
        self._called("deliver_submissions")
        results = []
        for item in items:
            with self._lock:
                self.sent_submissions.append(item.idempotency_key)
                known = item.idempotency_key in self.cases
                case_id = self.cases.setdefault(item.idempotency_key, f"P{len(self.cases):04d}")
            outcome = ItemOutcome.DUPLICATE if known else ItemOutcome.STORED
            results.append(
                ItemResult(idempotency_key=item.idempotency_key, outcome=outcome, case_id=case_id)
            )
        return BatchResult(results=results)

    def deliver_ratings(self, items: Sequence[RatingItem]) -> BatchResult:
        self._called("deliver_ratings")
        with self._lock:
            self.sent_ratings += [item.idempotency_key for item in items]
        return BatchResult(
            results=[
                ItemResult(idempotency_key=i.idempotency_key, outcome=ItemOutcome.STORED)
                for i in items
            ]
        )

    def deliver_help_requests(self, items: Sequence[HelpRequestItem]) -> BatchResult:
        self._called("deliver_help_requests")
        with self._lock:
            self.sent_help_requests += items
        return BatchResult(
            results=[
                ItemResult(idempotency_key=i.idempotency_key, outcome=ItemOutcome.STORED)
                for i in items
            ]
        )

    def case_updates(self, after: int, limit: int) -> CaseUpdates:
        self._called("case_updates")
        return CaseUpdates(updates=[], last=after)

    def send_heartbeat(self, heartbeat: Heartbeat) -> HeartbeatAck:
        self._called("send_heartbeat")
        self.heartbeats.append(heartbeat)
        return HeartbeatAck(received_at=datetime.now(UTC))

    def current_catalog(self, have: str | None) -> SignedCatalog | None:
        self._called("current_catalog")
        return None

    def _called(self, method: str) -> None:
        self.calls[method] += 1
        self.call_order.append(method)
        if self.on_call is not None:
            self.on_call(method)
        pending = self.failures.get(method)
        if pending:
            raise pending.popleft()


class FakeTime:
    """Monotonic time that only moves when the agent waits; stops the agent after `until`
    simulated seconds. Every wait is recorded, so a test sees exactly how the agent paced
    itself."""

    def __init__(self, until: float) -> None:
        self.now = 1000.0
        self._end = self.now + until
        self.waits: list[float] = []
        # Run at a simulated moment: (time, action), consumed in order.
        self.events: deque[tuple[float, Callable[[], None]]] = deque()

    def monotonic(self) -> float:
        return self.now

    def wait(self, stop: threading.Event, seconds: float) -> bool:
        self.waits.append(seconds)
        self.now += seconds
        while self.events and self.events[0][0] <= self.now - 1000.0:
            self.events.popleft()[1]()
        if self.now >= self._end:
            stop.set()
        return stop.is_set()

    def at(self, seconds: float, action: Callable[[], None]) -> None:
        self.events.append((seconds, action))
