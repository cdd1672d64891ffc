"""The delivery queue: every move a submission makes on its way to the provincial platform.

Each move is a named method that checks it against the allowed transitions
(kiosk.submissions.states), records it in the case's history and commits at once in its own
short write transaction, so a kiosk that loses power never forgets a move it made, and the
UI and `kiosk submit` wait for the lock only for milliseconds. Only the sync agent and staff
(`kiosk queue retry`) call it; the kiosk reads nothing sealed back.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Engine, exists, or_, select
from sqlalchemy.orm import Session

from kiosk.storage.engine import READ_ONLY
from kiosk.storage.sqlite import flush_wal
from kiosk.storage.tables import EvaluationRow, MetaValue, SubmissionEvent, SubmissionRow
from kiosk.submissions.states import DELIVERED_STATES, SubmissionState, can_move
from kiosk.submissions.store import STATUSES_SYNCED_KEY

log = logging.getLogger(__name__)

STATUS_CURSOR_KEY = "case_updates_cursor"
RETRIED_BY_STAFF = "retried by staff"
INTERRUPTED = "interrupted; will be sent again"
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
class RetryResult:
    retried: list[str]
    refused: dict[str, str]  # case number → why it was not retried


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
        self, engine: Engine, clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        self._engine = engine
        self._clock = clock

    # -- sending ---------------------------------------------------------------------------

    def recover_interrupted(self) -> int:
        """Put back what a stopped agent was sending; the platform's idempotency makes a
        second delivery harmless. Call before the first claim."""
        with self._writing() as (session, now):
            rows = _rows_in(session, SubmissionState.SENDING)
            for row in rows:
                _move(
                    session,
                    row,
                    SubmissionState.SENDING,
                    SubmissionState.QUEUED,
                    now=now,
                    detail=INTERRUPTED,
                )
        if rows:
            log.info("interrupted deliveries queued again", extra={"count": len(rows)})
        return len(rows)

    def has_claimable(self) -> bool:
        """Whether claim_batch would claim anything: one cheap read, no write lock."""
        with Session(self._engine.execution_options(**READ_ONLY)) as session:
            return bool(session.scalar(select(exists().where(*_claimable()))))

    def claim_batch(self, limit: int) -> list[OutgoingSubmission]:
        """The oldest queued submissions, now marked as being sent."""
        if limit <= 0:
            return []
        with self._writing() as (session, now):
            rows = session.scalars(
                select(SubmissionRow).where(*_claimable()).order_by(SubmissionRow.id).limit(limit)
            ).all()
            claimed = []
            for row in rows:
                detail = f"attempt {row.attempts + 1}"
                _move(
                    session,
                    row,
                    SubmissionState.QUEUED,
                    SubmissionState.SENDING,
                    now=now,
                    detail=detail,
                )
                claimed.append(_outgoing(row))
        return claimed

    def mark_delivered(
        self, idempotency_key: str, platform_case_id: str, duplicate: bool = False
    ) -> None:
        """The platform acknowledged the submission; `duplicate` when it already held it."""
        self.mark_all_delivered([Acknowledgement(idempotency_key, platform_case_id, duplicate)])

    def mark_all_delivered(self, acknowledgements: Sequence[Acknowledgement]) -> None:
        """A whole batch's acknowledgements in one transaction: one fsync, not one per case."""
        with self._writing() as (session, now):
            keys = [ack.idempotency_key for ack in acknowledgements]
            rows = rows_by_keys(session, SubmissionRow, keys, "submission")
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
                _deliver(session, row, ack.platform_case_id, now, detail)

    def release(self, idempotency_keys: Sequence[str], reason: str) -> None:
        """A transient failure: queue the submissions again to be sent later."""
        with self._writing() as (session, now):
            rows = rows_by_keys(session, SubmissionRow, idempotency_keys, "submission")
            for key in idempotency_keys:
                row = rows[key]
                _move(
                    session,
                    row,
                    SubmissionState.SENDING,
                    SubmissionState.QUEUED,
                    now=now,
                    detail=reason,
                )
                row.attempts += 1
                row.last_error = reason

    def quarantine(self, idempotency_key: str, reason: str) -> None:
        """The platform refused the submission for good; it waits for staff."""
        with self._writing() as (session, now):
            (row,) = rows_by_keys(session, SubmissionRow, [idempotency_key], "submission").values()
            _move(
                session,
                row,
                SubmissionState.SENDING,
                SubmissionState.QUARANTINED,
                now=now,
                detail=reason,
            )
            row.last_error = reason
            case_number = row.case_number
        log.warning("submission quarantined", extra={"case_number": case_number})

    def retry(self, case_numbers: Sequence[str] | None) -> RetryResult:
        """Queue quarantined submissions again after a fix; None retries every one."""
        refused: dict[str, str] = {}
        with self._writing() as (session, now):
            if case_numbers is None:
                rows = _rows_in(session, SubmissionState.QUARANTINED)
            else:
                wanted = list(dict.fromkeys(case_numbers))
                found = {
                    row.case_number: row
                    for row in session.scalars(
                        select(SubmissionRow).where(SubmissionRow.case_number.in_(wanted))
                    )
                }
                rows = []
                for number in wanted:
                    row = found.get(number)
                    if row is None:
                        refused[number] = "unknown case"
                    elif row.state != SubmissionState.QUARANTINED:
                        refused[number] = f"not quarantined (it is {row.state})"
                    else:
                        rows.append(row)
            for row in rows:
                _move(
                    session,
                    row,
                    SubmissionState.QUARANTINED,
                    SubmissionState.QUEUED,
                    now=now,
                    detail=RETRIED_BY_STAFF,
                )
                row.attempts = 0
                row.last_error = None
            retried = [row.case_number for row in rows]
        if retried:
            log.info("quarantined submissions retried", extra={"cases": ",".join(retried)})
        return RetryResult(retried, refused)

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
        with self._writing() as (session, now):
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
                    _deliver(session, row, status.platform_case_id, now, detail)
                    changed.add(row.id)
                current = SubmissionState(row.state)
                if not can_move(current, status.state):  # old news, or the case is closed
                    continue
                _move(session, row, current, status.state, now=now, detail=_update_detail(status))
                changed.add(row.id)
        return len(changed)

    def mark_synced(self) -> None:
        """The platform just confirmed every open case's status is current: one value for
        all of them (progress lookup reads it), not a write to each case."""
        with self._writing() as (session, now):
            synced_at = now.replace(tzinfo=UTC).isoformat()
            session.merge(MetaValue(key=STATUSES_SYNCED_KEY, value=synced_at))

    def purge_delivered(self, retention: timedelta) -> int:
        """Erase the sealed payloads the platform has held for `retention`; returns how many.
        With secure_delete on and the WAL flushed, the bytes leave the disk."""
        with self._writing() as (session, now):
            rows = session.scalars(
                select(SubmissionRow).where(
                    SubmissionRow.state.in_([s.value for s in DELIVERED_STATES]),
                    SubmissionRow.delivered_at <= now - retention,
                    or_(
                        SubmissionRow.sealed_payload.is_not(None),
                        SubmissionRow.payload.is_not(None),
                    ),
                )
            ).all()
            for row in rows:
                row.sealed_payload = None
                row.payload = None
                session.add(
                    SubmissionEvent(submission_id=row.id, at=now, state=row.state, detail=PURGED)
                )
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
        query = (
            select(SubmissionEvent.at, SubmissionEvent.state, SubmissionEvent.detail)
            .join(SubmissionRow)
            .where(SubmissionRow.case_number == case_number)
            .order_by(SubmissionEvent.id)
        )
        with Session(self._engine.execution_options(**READ_ONLY)) as session:
            return [
                (_aware(at), SubmissionState(state), detail)
                for at, state, detail in session.execute(query)
            ]

    @contextmanager
    def _writing(self) -> Iterator[tuple[Session, datetime]]:
        """One short BEGIN IMMEDIATE transaction, committed on leaving, and its time."""
        now = self._clock().astimezone(UTC).replace(tzinfo=None)
        with Session(self._engine, expire_on_commit=False) as session, session.begin():
            yield session, now


def _rows_in(session: Session, state: SubmissionState) -> list[SubmissionRow]:
    """The rows in one state, oldest first."""
    query = select(SubmissionRow).where(SubmissionRow.state == state.value)
    return list(session.scalars(query.order_by(SubmissionRow.id)))


def _claimable() -> tuple[ColumnElement[bool], ...]:
    """What claim_batch takes: queued and sealed (a row kept in clear from before sealing
    waits until SubmissionStore.seal_clear_payloads has sealed it)."""
    return (
        SubmissionRow.state == SubmissionState.QUEUED.value,
        SubmissionRow.sealed_payload.is_not(None),
    )


# A row of either delivery queue: submissions, or ratings (kiosk.evaluation_queue).
_Queued = TypeVar("_Queued", SubmissionRow, EvaluationRow)


def rows_by_keys(
    session: Session, table: type[_Queued], keys: Sequence[str], what: str
) -> dict[str, _Queued]:
    """The rows for a batch's keys in one query (one per key would flush each time);
    ValueError naming the first key no `what` has."""
    rows = {
        row.idempotency_key: row
        for row in session.scalars(select(table).where(table.idempotency_key.in_(set(keys))))
    }
    missing = set(keys) - set(rows)
    if missing:
        raise ValueError(f"no {what} has idempotency key {sorted(missing)[0]}")
    return rows


def _move(
    session: Session,
    row: SubmissionRow,
    expected: SubmissionState,
    target: SubmissionState,
    *,
    now: datetime,
    detail: str | None,
) -> None:
    """The one place a state changes: checked, timestamped and written to the history."""
    current = SubmissionState(row.state)
    if current is not expected or not can_move(current, target):
        raise ValueError(f"{row.case_number}: cannot move from {current} to {target}")
    row.state = target.value
    row.state_changed_at = now
    session.add(SubmissionEvent(submission_id=row.id, at=now, state=target.value, detail=detail))


def _deliver(
    session: Session, row: SubmissionRow, platform_case_id: str, now: datetime, detail: str
) -> None:
    _move(
        session, row, SubmissionState(row.state), SubmissionState.DELIVERED, now=now, detail=detail
    )
    row.platform_case_id = platform_case_id
    row.delivered_at = now
    row.last_error = None


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
