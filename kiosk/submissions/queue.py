"""The delivery queue of submissions: the queue's verbs (kiosk.delivery_queue) for the kind
"submission", and what only a submission does on top of them: the platform's own case id in
each acknowledgement, the platform's status updates (handling steps, lost acknowledgements)
and their cursor, and the purge of sealed payloads after retention.

Only the sync agent and staff (`kiosk queue retry`) call it; the kiosk reads nothing sealed
back.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, Engine, or_, select
from sqlalchemy.orm import Session

from kiosk.audit.trail import AGENT, TransactionalAuditTrail
from kiosk.delivery_queue.queue import DeliveryQueue, Moves, QueueKind, RetryResult
from kiosk.storage.engine import READ_ONLY
from kiosk.storage.sqlite import flush_wal
from kiosk.storage.tables import MetaValue, SubmissionRow
from kiosk.submissions.states import (
    ALLOWED_TRANSITIONS,
    DELIVERED_STATES,
    SUBMISSION_KIND,
    SubmissionState,
    can_move,
)
from kiosk.submissions.store import STATUSES_SYNCED_KEY

log = logging.getLogger(__name__)

STATUS_CURSOR_KEY = "case_updates_cursor"
PURGED = "sealed payload purged after retention"


@dataclass(frozen=True)
class Acknowledgement:
    """The platform holds the submission under its own case id."""

    idempotency_key: str
    platform_case_id: str
    duplicate: bool = False  # it held it already: an earlier acknowledgement was lost


@dataclass(frozen=True)
class OutgoingSubmission:
    """A claimed submission as the platform receives it; `sealed` is the stored envelope."""

    idempotency_key: str
    case_number: str
    matter_code: str
    catalog_version: str
    submitted_at: datetime  # aware, UTC
    bundle_id: str | None
    bundle_code: str | None
    sealed: dict[str, Any] = field(repr=False)


@dataclass(frozen=True)
class StatusUpdate:
    """The platform's word on one case, already mapped to a delivered state."""

    idempotency_key: str
    platform_case_id: str
    state: SubmissionState
    at: datetime
    note: str | None = None

    def __post_init__(self) -> None:
        if self.state not in DELIVERED_STATES:
            raise ValueError(f"a status update cannot say {self.state}: the platform holds it")


@dataclass(frozen=True)
class QueueEntry:
    """A submission as staff see it: masked, nothing sealed."""

    case_number: str
    idempotency_key: str
    matter_code: str
    state: SubmissionState
    created_at: datetime
    state_changed_at: datetime
    attempts: int
    last_error: str | None
    platform_case_id: str | None
    applicant_name_masked: str
    applicant_id_masked: str
    sealed: bool  # whether the sealed payload is still kept (False once purged)


class SubmissionQueue:
    def __init__(
        self,
        engine: Engine,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        *,
        audit: TransactionalAuditTrail | None = None,
        actor: str = AGENT,
    ) -> None:
        """Deliveries, quarantines and retries are audited as done by `actor`."""
        self._engine = engine
        self._queue = DeliveryQueue(engine, SUBMISSIONS, clock, audit=audit, actor=actor)

    # -- sending ---------------------------------------------------------------------------

    def recover_interrupted(self) -> int:
        """Put back what a stopped agent was sending; call before the first claim."""
        return self._queue.recover_interrupted()

    def has_claimable(self) -> bool:
        return self._queue.has_claimable()

    def claim_batch(self, limit: int) -> list[OutgoingSubmission]:
        """The oldest queued submissions, now marked as being sent."""
        return self._queue.claim_batch(limit)

    def mark_delivered(
        self, idempotency_key: str, platform_case_id: str, duplicate: bool = False
    ) -> None:
        """The platform acknowledged the submission; `duplicate` when it already held it."""
        self.mark_all_delivered([Acknowledgement(idempotency_key, platform_case_id, duplicate)])

    def mark_all_delivered(self, acknowledgements: Sequence[Acknowledgement]) -> None:
        """A whole batch's acknowledgements in one transaction: one fsync, not one per case."""
        with self._queue.moving() as moves:
            rows = moves.by_keys([ack.idempotency_key for ack in acknowledgements])
            for ack in acknowledgements:
                detail = f"platform case {ack.platform_case_id}"
                if ack.duplicate:
                    detail += " (the platform already held it)"
                row = rows[ack.idempotency_key]
                if SubmissionState(row.state) in DELIVERED_STATES:
                    if row.platform_case_id != ack.platform_case_id:
                        raise ValueError(
                            f"{row.case_number} is already platform case "
                            f"{row.platform_case_id}, not {ack.platform_case_id}"
                        )
                    continue  # already recorded: an acknowledgement is news only once
                _deliver(moves, row, ack.platform_case_id, detail)

    def release(self, idempotency_keys: Sequence[str], reason: str) -> None:
        """A transient failure: queue the submissions again to be sent later."""
        self._queue.release(idempotency_keys, reason)

    def quarantine(self, idempotency_key: str, reason: str) -> None:
        """The platform refused the submission for good; it waits for staff."""
        self._queue.quarantine(idempotency_key, reason)

    def retry(self, case_numbers: Sequence[str] | None, actor: str = "") -> RetryResult:
        """Queue quarantined submissions again after a fix; None retries every one. `actor`
        is who asked (a staff number), when not the queue's own."""
        return self._queue.retry(case_numbers, actor)

    # -- the platform's status of delivered cases -----------------------------------------

    def apply_updates(self, updates: Sequence[StatusUpdate], cursor: int | None = None) -> int:
        """Record what the platform reports, forward only; returns how many cases changed.

        An update for a case still waiting here means its acknowledgement was lost: the case
        is marked delivered first. Keys this kiosk never issued are ignored. A `cursor` (the
        platform's number of the last of these updates) is stored in the same transaction,
        so the updates and the cursor past them are kept together or not at all.
        """
        if not updates and cursor is None:
            return 0
        changed: set[int] = set()
        with self._queue.moving() as moves:
            session, now = moves.session, moves.now
            if cursor is not None:
                session.merge(MetaValue(key=STATUS_CURSOR_KEY, value=str(cursor)))
            keys = {u.idempotency_key for u in updates}
            rows = {
                row.idempotency_key: row
                for row in session.scalars(
                    select(SubmissionRow).where(SubmissionRow.idempotency_key.in_(keys))
                )
            }
            for status in updates:
                row = rows.get(status.idempotency_key)
                if row is None:
                    continue
                row.last_synced_at = now
                if SubmissionState(row.state) not in DELIVERED_STATES:
                    detail = f"platform case {status.platform_case_id} (acknowledgement lost)"
                    _deliver(moves, row, status.platform_case_id, detail)
                    changed.add(row.id)
                if not can_move(SubmissionState(row.state), status.state):
                    continue  # old news, or the case is closed
                moves.move(row, status.state, _update_detail(status))
                changed.add(row.id)
        return len(changed)

    def mark_synced(self) -> None:
        """The platform just confirmed every open case's status is current: one value for
        all of them (progress lookup reads it), not a write to each case."""
        with self._queue.moving() as moves:
            synced_at = moves.now.replace(tzinfo=UTC).isoformat()
            moves.session.merge(MetaValue(key=STATUSES_SYNCED_KEY, value=synced_at))

    def purge_delivered(self, retention: timedelta) -> int:
        """Erase the sealed payloads the platform has held for `retention`; returns how many.
        With secure_delete on and the WAL flushed, the bytes leave the disk."""
        with self._queue.moving() as moves:
            rows = moves.session.scalars(
                select(SubmissionRow).where(
                    SubmissionRow.state.in_([s.value for s in DELIVERED_STATES]),
                    SubmissionRow.delivered_at <= moves.now - retention,
                    or_(
                        SubmissionRow.sealed_payload.is_not(None),
                        SubmissionRow.payload.is_not(None),
                    ),
                )
            ).all()
            for row in rows:
                row.sealed_payload = None
                row.payload = None
                moves.note(row, PURGED)
        if rows:
            flush_wal(self._engine)
            log.info("delivered payloads purged", extra={"count": len(rows)})
        return len(rows)

    def status_cursor(self) -> int:
        """The sequence of the last status update applied (0 before the first)."""
        with Session(self._engine.execution_options(**READ_ONLY)) as session:
            value = session.get(MetaValue, STATUS_CURSOR_KEY)
            return int(value.value) if value is not None else 0

    # -- for staff -------------------------------------------------------------------------

    def entries(self, state: SubmissionState | None = None) -> list[QueueEntry]:
        """Every submission (or those in one state), oldest first."""
        query = select(SubmissionRow).order_by(SubmissionRow.id)
        if state is not None:
            query = query.where(SubmissionRow.state == state.value)
        with Session(self._engine.execution_options(**READ_ONLY)) as session:
            return [_entry(row) for row in session.scalars(query)]

    def history(self, case_number: str) -> list[tuple[datetime, SubmissionState, str | None]]:
        """Each state the case reached, when, and why; empty for an unknown case."""
        return [
            (at, SubmissionState(state), detail)
            for at, state, detail in self._queue.history(case_number)
        ]


def _sealed() -> tuple[ColumnElement[bool], ...]:
    """Only a sealed submission is claimed: a row kept in clear from before sealing waits
    until SubmissionStore.seal_clear_payloads has sealed it."""
    return (SubmissionRow.sealed_payload.is_not(None),)


def _deliver(
    moves: Moves[SubmissionRow], row: SubmissionRow, platform_case_id: str, detail: str
) -> None:
    moves.deliver(row, detail)
    row.platform_case_id = platform_case_id


def _update_detail(status: StatusUpdate) -> str:
    at = status.at.astimezone(UTC).isoformat(timespec="seconds")
    return f"platform status at {at}" + (f": {status.note}" if status.note else "")


def _outgoing(row: SubmissionRow) -> OutgoingSubmission:
    sealed: dict[str, Any] = json.loads(row.sealed_payload or "{}")
    return OutgoingSubmission(
        idempotency_key=row.idempotency_key,
        case_number=row.case_number,
        matter_code=row.matter_code,
        catalog_version=row.catalog_version,
        submitted_at=_aware(row.created_at),
        bundle_id=row.bundle_id,
        bundle_code=row.bundle_code,
        sealed=sealed,
    )


def _entry(row: SubmissionRow) -> QueueEntry:
    return QueueEntry(
        case_number=row.case_number,
        idempotency_key=row.idempotency_key,
        matter_code=row.matter_code,
        state=SubmissionState(row.state),
        created_at=_aware(row.created_at),
        state_changed_at=_aware(row.state_changed_at or row.created_at),
        attempts=row.attempts,
        last_error=row.last_error,
        platform_case_id=row.platform_case_id,
        applicant_name_masked=row.applicant_name_masked,
        applicant_id_masked=row.applicant_id_masked,
        sealed=row.sealed_payload is not None,
    )


def _aware(stored: datetime) -> datetime:
    return stored.replace(tzinfo=UTC)


SUBMISSIONS: QueueKind[SubmissionRow, OutgoingSubmission] = QueueKind(
    name=SUBMISSION_KIND,
    table=SubmissionRow,
    moves=ALLOWED_TRANSITIONS,
    label=SubmissionRow.case_number,
    label_noun="case",
    outgoing=_outgoing,
    ready=_sealed,
)
