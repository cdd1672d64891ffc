"""The sync agent: delivers the local queues to the provincial platform and keeps the kiosk
current with it, in its own process beside the touchscreen.

A pass delivers help requests first (a resident is waiting for staff, however long the
backlog), then queued submissions, then ratings (a rating follows its case), pulls case
status updates, checks for a new signed catalog and sends a heartbeat; once a day, at the quiet
hour, it runs the housekeeping (kiosk.housekeeping: purge past retention, integrity check,
verified backup). A transient failure ends the network part of a pass; what was being sent
goes back to the queue and the agent waits (exponential backoff with jitter, or longer if the
platform says Retry-After) before trying again. Every database write is its own short
transaction, so the touchscreen sharing the file is never held up by the agent.

Under systemd the agent says READY=1 as it starts its first pass and pings the watchdog on
every turn of its loop and between delivery batches; no wait lasts longer than the ping
interval, so an idle agent keeps pinging and only a stuck one is restarted.
"""

from __future__ import annotations

import logging
import random as _random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import Enum
from pathlib import Path
from typing import Protocol

from kiosk.audit.chain import ChainHead
from kiosk.catalog.holder import CatalogHolder
from kiosk.config import SyncSettings
from kiosk.help_queue import HelpQueue
from kiosk.housekeeping.housekeeper import Housekeeper
from kiosk.rating_queue import RatingQueue
from kiosk.sd_notify import Notifier, SilentNotifier
from kiosk.submissions.queue import SubmissionQueue
from kiosk.submissions.store import SubmissionStore
from sync.backoff import Backoff
from sync.catalog_update import CatalogTrust, update_catalog
from sync.delivery import (
    Deliverer,
    DeliveryTally,
    HelpRequestOutbox,
    RatingOutbox,
    SubmissionOutbox,
)
from sync.failures import SyncFailure, TransientFailure
from sync.heartbeat import build_heartbeat
from sync.pass_record import PassRecorder
from sync.ports import PlatformApi
from sync.statuses import pull_case_updates
from sync.summary import PassSummary

log = logging.getLogger(__name__)

# Housekeeping runs once a day at an hour; asking every few minutes whether it is due is plenty.
HOUSEKEEPING_CHECK_S = 300.0
# During a long backoff, how often the agent still looks for staff's "sync now".
REQUEST_CHECK_S = 30.0


class Step(Enum):
    DELIVER = "deliver"
    STATUSES = "statuses"
    CATALOG = "catalog"
    HEARTBEAT = "heartbeat"
    HOUSEKEEPING = "housekeeping"


EVERY_STEP = frozenset(Step)


def _wait_on(stop: threading.Event, seconds: float) -> bool:
    return stop.wait(seconds)


@dataclass(frozen=True)
class AgentClock:
    """Time as the agent sees it; tests replace these to run hours in milliseconds."""

    now: Callable[[], datetime] = lambda: datetime.now(UTC)
    monotonic: Callable[[], float] = time.monotonic
    # Wait up to `seconds` unless `stop` is set first; True when stopped.
    wait: Callable[[threading.Event, float], bool] = _wait_on
    # Draws in [0, 1) for the backoff's jitter.
    jitter: Callable[[], float] = _random.random


class SyncRequestInbox(Protocol):
    """Where staff's "sync now" arrives (kiosk.console.sync_now.SyncRequests)."""

    def take(self) -> bool:
        """Whether a request waits; taking it removes it."""
        ...


class SyncAgent:
    def __init__(
        self,
        *,
        platform: PlatformApi,
        submissions: SubmissionQueue,
        ratings: RatingQueue,
        help_requests: HelpQueue,
        store: SubmissionStore,
        catalogs: CatalogHolder,
        catalog_trust: CatalogTrust,
        settings: SyncSettings,
        terminal_id: str,
        health_file: Path,
        housekeeper: Housekeeper,
        recorder: PassRecorder | None = None,
        clock: AgentClock | None = None,
        audit_head: Callable[[], ChainHead | None] | None = None,
        requests: SyncRequestInbox | None = None,
    ) -> None:
        """`audit_head` reads the audit log's head for the heartbeat."""
        self._platform = platform
        self._submissions = submissions
        self._ratings = ratings
        self._help_requests = help_requests
        self._store = store
        self._catalogs = catalogs
        self._trust = catalog_trust
        self._settings = settings
        self._terminal_id = terminal_id
        self._health_file = health_file
        self._housekeeper = housekeeper
        self._recorder = recorder
        self._audit_head = audit_head
        self._clock = clock or AgentClock()
        self._requests = requests
        self._backoff = Backoff(
            settings.backoff_initial_s, settings.backoff_max_s, self._clock.jitter
        )
        self._intervals = {
            Step.STATUSES: settings.status_interval_s,
            Step.CATALOG: settings.catalog_interval_s,
            Step.HEARTBEAT: settings.heartbeat_interval_s,
            Step.HOUSEKEEPING: HOUSEKEEPING_CHECK_S,
        }
        # Set when run_forever is told to stop; checked between batches.
        self._stop = threading.Event()
        self._notifier: Notifier = SilentNotifier()

    def run_once(self) -> PassSummary:
        """One whole pass: every step, whatever its schedule."""
        self._recover()
        summary, _ = self._pass(EVERY_STEP)
        return summary

    def run_forever(
        self,
        stop: threading.Event,
        notifier: Notifier | None = None,
        ping_every_s: float | None = None,
    ) -> None:
        """Deliver whenever something is queued and do the periodic steps on time, until
        `stop` is set; after a failure, wait out the backoff (a stop still ends the wait). A
        staff request runs a whole pass at the next turn, even during a backoff. `notifier`
        hears READY=1 once and WATCHDOG=1 at least every `ping_every_s`."""
        self._stop = stop
        self._notifier = notifier or SilentNotifier()
        self._recover()
        clock = self._clock

        def wait(seconds: float) -> None:
            clock.wait(stop, seconds if ping_every_s is None else min(seconds, ping_every_s))

        next_due = dict.fromkeys(self._intervals, clock.monotonic())
        not_before = clock.monotonic()
        self._notifier.ready()
        while not stop.is_set():
            self._notifier.ping()
            now = clock.monotonic()
            requested = self._requested()
            if now < not_before and not requested:
                backoff = not_before - now
                wait(backoff if self._requests is None else min(backoff, REQUEST_CHECK_S))
                continue
            steps = set(EVERY_STEP if requested else ())
            steps |= {step for step, due in next_due.items() if due <= now}
            if self._something_to_deliver():
                steps.add(Step.DELIVER)
            if steps:
                summary, completed = self._pass(frozenset(steps))
                for step in completed - {Step.DELIVER}:
                    next_due[step] = now + self._intervals[step]
                not_before = now + self._after(summary)
            soonest = min(next_due.values())
            wait(max(0.0, min(soonest, now + self._settings.poll_interval_s) - now))
        self._notifier.stopping()

    def _requested(self) -> bool:
        """Whether staff asked for a pass now (a broken inbox must not stop the agent)."""
        if self._requests is None:
            return False
        try:
            taken = self._requests.take()
        except OSError:
            log.exception("sync request unreadable")
            return False
        if taken:
            log.info("sync requested by staff: a whole pass now")
        return taken

    def _after(self, summary: PassSummary) -> float:
        """Seconds to hold off after a pass: 0 after a success, else the backoff."""
        if summary.ok:
            self._backoff.succeeded()
            return 0.0
        delay = self._backoff.failed(summary.retry_after_s)
        log.warning(
            "sync pass failed; trying again in %.0f s",
            delay,
            extra={"reason": summary.error, "failures_in_a_row": self._backoff.failures},
        )
        return delay

    def _something_to_deliver(self) -> bool:
        """Whether a delivery would claim anything: cheap reads, so an idle agent takes no
        write lock and runs no empty pass."""
        try:
            return any(
                queue.has_claimable()
                for queue in (self._help_requests, self._submissions, self._ratings)
            )
        except Exception:
            log.exception("queues unavailable")
            return False

    def _pass(self, steps: frozenset[Step] | set[Step]) -> tuple[PassSummary, set[Step]]:
        summary = PassSummary(started_at=self._clock.now())
        completed: set[Step] = set()
        try:
            # Ratings wait for their case; each status round also gives them another try.
            wants_delivery = Step.DELIVER in steps or Step.STATUSES in steps
            if wants_delivery and self._deliver(summary):
                completed.add(Step.DELIVER)
            # Before the heartbeat, so the head it reports includes the housekeeping's record.
            if Step.HOUSEKEEPING in steps:
                self._housekeep(summary)
                completed.add(Step.HOUSEKEEPING)
            network = (
                (Step.STATUSES, self._pull_statuses),
                (Step.CATALOG, self._update_catalog),
                (Step.HEARTBEAT, self._send_heartbeat),
            )
            for step, action in network:
                if step in steps and summary.ok:
                    try:
                        action(summary)
                        completed.add(step)
                    except SyncFailure as failure:
                        _failed(summary, failure)
        except Exception as exc:  # a bug or a broken disk must not kill the agent
            log.exception("sync pass failed unexpectedly")
            summary.error = f"internal error: {type(exc).__name__}: {exc}"
            self._recover()
        self._finish(summary)
        return summary, completed

    def _deliver(self, summary: PassSummary) -> bool:
        helps = HelpRequestOutbox(self._help_requests, self._platform)
        tally = Deliverer(helps, self._settings.batch_size, self._between_batches).deliver_all()
        summary.help_requests_delivered = tally.delivered
        summary.help_requests_quarantined = tally.quarantined
        if _stopped(summary, tally):
            return False
        outbox = SubmissionOutbox(self._submissions, self._platform)
        tally = Deliverer(outbox, self._settings.batch_size, self._between_batches).deliver_all()
        summary.delivered, summary.duplicates = tally.delivered, tally.duplicates
        summary.quarantined, summary.released = tally.quarantined, tally.released
        if _stopped(summary, tally):
            return False
        ratings = RatingOutbox(self._ratings, self._platform)
        tally = Deliverer(ratings, self._settings.batch_size, self._between_batches).deliver_all()
        summary.ratings_delivered = tally.delivered
        summary.ratings_quarantined = tally.quarantined
        return not _stopped(summary, tally)

    def _housekeep(self, summary: PassSummary) -> None:
        """The nightly housekeeping, when it is due."""
        report = self._housekeeper.run_if_due(self._clock.now())
        if report is not None:
            summary.purged = report.purged
            summary.housekeeping = "ok" if report.ok else "problem (see the log)"

    def _between_batches(self) -> bool:
        """Whether to stop delivering; a long backlog keeps the watchdog fed meanwhile."""
        self._notifier.ping()
        return self._stop.is_set()

    def _pull_statuses(self, summary: PassSummary) -> None:
        summary.status_updates_applied = pull_case_updates(
            self._platform, self._submissions, self._settings.batch_size
        )

    def _update_catalog(self, summary: PassSummary) -> None:
        summary.catalog = update_catalog(self._platform, self._catalogs, self._trust)

    def _send_heartbeat(self, summary: PassSummary) -> None:
        heartbeat = build_heartbeat(
            terminal_id=self._terminal_id,
            catalog_version=self._catalogs.refresh().version,  # a local install counts too
            store=self._store,
            ratings=self._ratings,
            health_file=self._health_file,
            clock_offset_s=self._platform.clock_offset_s,
            now=self._clock.now,
            audit_head=self._audit_head() if self._audit_head else None,
        )
        self._platform.send_heartbeat(heartbeat)
        summary.heartbeat_sent = True

    def _finish(self, summary: PassSummary) -> None:
        summary.clock_offset_s = self._platform.clock_offset_s
        try:
            summary.queue = self._store.counts_by_state()
            summary.ratings_queued = self._ratings.waiting_count()
        except Exception:
            log.exception("queue counts unavailable")
        summary.finished_at = self._clock.now()
        if self._recorder is not None:
            self._recorder.record(summary)
        # A routine pass (a heartbeat, nothing new) is DEBUG: journald keeps what changed.
        log.log(
            logging.INFO if summary.eventful else logging.DEBUG,
            "sync pass finished" if summary.ok else "sync pass stopped early",
            extra={
                "delivered": summary.delivered,
                "quarantined": len(summary.quarantined),
                "released": summary.released,
                "ratings_delivered": summary.ratings_delivered,
                "help_requests_delivered": summary.help_requests_delivered,
                "status_updates": summary.status_updates_applied,
                "catalog": summary.catalog,
                "heartbeat_sent": summary.heartbeat_sent,
                "error": summary.error,
            },
        )

    def _recover(self) -> None:
        """Nothing stays marked as being sent once no send is in progress."""
        try:
            self._help_requests.recover_interrupted()
            self._submissions.recover_interrupted()
            self._ratings.recover_interrupted()
        except Exception:
            log.exception("interrupted deliveries could not be queued again")


def _stopped(summary: PassSummary, tally: DeliveryTally) -> bool:
    if tally.failure is None:
        return False
    _failed(summary, tally.failure)
    return True


def _failed(summary: PassSummary, failure: SyncFailure) -> None:
    summary.error = failure.reason if isinstance(failure, TransientFailure) else str(failure)
    if isinstance(failure, TransientFailure):
        summary.retry_after_s = failure.retry_after_s
