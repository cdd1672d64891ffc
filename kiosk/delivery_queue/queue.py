"""The delivery queue's verbs, once for every kind of item the kiosk sends the platform.

A kind (QueueKind) names its table, the moves its items may make (kiosk.delivery_queue.states
or its own extension of them), what staff call an item, when an item is ready to be claimed
and the value it is sent as. Each verb checks every move against the kind's moves, records it
in the one history table (delivery_events) and commits at once in its own short write
transaction, so a kiosk that loses power never forgets a move it made, and the UI and
`kiosk submit` wait for the lock only for milliseconds. Behaviour of one kind alone (a
submission's platform case id, the platform's status updates) is built on `moving()`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Generic, TypeVar

from sqlalchemy import ColumnElement, Engine, exists, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import AGENT, TransactionalAuditTrail
from kiosk.delivery_queue.states import DeliveryState
from kiosk.storage.engine import READ_ONLY
from kiosk.storage.sqlite import Cursor
from kiosk.storage.tables import DeliveryEvent, Queued

log = logging.getLogger(__name__)

RETRIED_BY_STAFF = "retried by staff"
INTERRUPTED = "interrupted; will be sent again"

Row = TypeVar("Row", bound=Queued)
Out = TypeVar("Out")


@dataclass(frozen=True)
class QueueKind(Generic[Row, Out]):
    """One kind of item the queue delivers, declared once; the verbs need nothing else."""

    name: str  # "submission", "rating": in the history, in log lines and in errors
    table: type[Row]
    moves: Mapping[str, frozenset[str]]  # every state of the kind and where it may go next
    # What staff and log lines name an item by (a case number), never personal data.
    label: InstrumentedAttribute[str]
    label_noun: str  # what a label names, for "unknown case"
    # The item as the sync agent sends it, read from its row while it is claimed.
    outgoing: Callable[[Row], Out]
    # Conditions beyond "queued" for an item to be claimed (a rating waits for its case).
    ready: Callable[[], tuple[ColumnElement[bool], ...]] = lambda: ()

    def label_of(self, row: Row) -> str:
        label: str = getattr(row, self.label.key)
        return label


@dataclass(frozen=True)
class SetAside:
    """A quarantined item as staff see it: its label, why it was refused, since when."""

    label: str
    reason: str | None
    since: datetime | None  # aware, UTC


@dataclass(frozen=True)
class RetryResult:
    retried: list[str]  # labels of the items queued again, oldest first
    refused: dict[str, str]  # label → why it was not retried


class Moves(Generic[Row]):
    """The moves of one write transaction, each checked and written to the history; what is
    audited is appended to the audit log in the same transaction."""

    def __init__(
        self,
        session: Session,
        kind: QueueKind[Row, Any],
        now: datetime,
        audit: TransactionalAuditTrail | None = None,
        actor: str = AGENT,
    ) -> None:
        self.session = session
        self.now = now  # naive UTC, as stored
        self._kind = kind
        self._audit = audit
        self._actor = actor

    def move(
        self,
        row: Row,
        target: str,
        detail: str | None = None,
        *,
        expected: str | None = None,
    ) -> None:
        """The one place a state changes: checked, timestamped and written to the history.
        `expected` also refuses a move from any other state than that one."""
        current = row.state
        allowed = self._kind.moves[current]
        if (expected is not None and current != expected) or target not in allowed:
            label = self._kind.label_of(row)
            raise ValueError(f"{self._kind.name} {label}: cannot move from {current} to {target}")
        row.state = target
        row.state_changed_at = self.now
        self.note(row, detail)

    def note(self, row: Row, detail: str | None) -> None:
        """A history row for the item's current state: a move, or something done to it."""
        self.session.add(
            DeliveryEvent(
                kind=self._kind.name, item_id=row.id, at=self.now, state=row.state, detail=detail
            )
        )

    def audit(self, event: AuditEvent, details: dict[str, str], actor: str = "") -> None:
        """Append `event` to the audit log in this transaction; `actor` when not the queue's
        own."""
        if self._audit is None:
            return
        cursor: Cursor = self.session.connection().connection.cursor()
        try:
            self._audit.record_in(cursor, event, actor or self._actor, details)
        finally:
            cursor.close()

    def audit_item(self, event: AuditEvent, row: Row, actor: str = "") -> None:
        """An audited event about one item, named by its kind and label."""
        self.audit(event, {"kind": self._kind.name, "label": self._kind.label_of(row)}, actor)

    def add_queued(self, rows: Sequence[Row]) -> None:
        """New items, queued, each with its first history row."""
        for row in rows:
            row.state = DeliveryState.QUEUED
            row.state_changed_at = self.now
            row.attempts = 0
            self.session.add(row)
        self.session.flush()  # the ids the history rows name
        for row in rows:
            self.note(row, None)

    def deliver(self, row: Row, detail: str | None = None) -> None:
        """The platform holds the item now."""
        self.move(row, DeliveryState.DELIVERED, detail)
        row.delivered_at = self.now
        row.last_error = None
        self.audit_item(AuditEvent.DELIVERED, row)

    def by_keys(self, keys: Sequence[str]) -> dict[str, Row]:
        """The rows for a batch's keys in one query (one per key would flush each time);
        ValueError naming the first key no item of this kind has."""
        table = self._kind.table
        rows = {
            row.idempotency_key: row
            for row in self.session.scalars(
                select(table).where(table.idempotency_key.in_(set(keys)))
            )
        }
        missing = set(keys) - set(rows)
        if missing:
            raise ValueError(f"no {self._kind.name} has idempotency key {sorted(missing)[0]}")
        return rows

    def in_state(self, state: str) -> list[Row]:
        """The rows in one state, oldest first."""
        table = self._kind.table
        query = select(table).where(table.state == state).order_by(table.id)
        return list(self.session.scalars(query))


class DeliveryQueue(Generic[Row, Out]):
    """The queue of one kind: what the sync agent and staff (`kiosk queue retry`) call."""

    def __init__(
        self,
        engine: Engine,
        kind: QueueKind[Row, Out],
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
        *,
        audit: TransactionalAuditTrail | None = None,
        actor: str = AGENT,
    ) -> None:
        """Deliveries, quarantines and retries are appended to `audit` as done by `actor`
        (None: a queue that only reads, or a test that does not look)."""
        self._engine = engine
        self.kind = kind
        self._clock = clock
        self._audit = audit
        self._actor = actor

    @contextmanager
    def moving(self) -> Iterator[Moves[Row]]:
        """One short BEGIN IMMEDIATE transaction, committed on leaving, and its moves."""
        now = self._clock().astimezone(UTC).replace(tzinfo=None)
        with Session(self._engine, expire_on_commit=False) as session, session.begin():
            yield Moves(session, self.kind, now, self._audit, self._actor)

    # -- sending ---------------------------------------------------------------------------

    def enqueue(self, rows: Sequence[Row]) -> None:
        """New items, queued with a first history row, in one transaction. (The submit path
        writes its rows in plain SQL instead: kiosk.submissions.store.)"""
        with self.moving() as moves:
            moves.add_queued(rows)

    def recover_interrupted(self) -> int:
        """Put back what a stopped agent was sending; the platform's idempotency makes a
        second delivery harmless. Call before the first claim; returns how many."""
        with self.moving() as moves:
            rows = moves.in_state(DeliveryState.SENDING)
            for row in rows:
                moves.move(row, DeliveryState.QUEUED, INTERRUPTED)
        if rows:
            log.info(
                "interrupted deliveries queued again",
                extra={"kind": self.kind.name, "count": len(rows)},
            )
        return len(rows)

    def has_claimable(self) -> bool:
        """Whether claim_batch would claim anything: one cheap read, no write lock."""
        with Session(self._engine.execution_options(**READ_ONLY)) as session:
            return bool(session.scalar(select(exists().where(*self._claimable()))))

    def claim_batch(self, limit: int) -> list[Out]:
        """The oldest items ready to be sent, now marked as being sent."""
        if limit <= 0:
            return []
        table = self.kind.table
        with self.moving() as moves:
            query = select(table).where(*self._claimable()).order_by(table.id).limit(limit)
            claimed = []
            for row in moves.session.scalars(query).all():
                moves.move(row, DeliveryState.SENDING, f"attempt {row.attempts + 1}")
                claimed.append(self.kind.outgoing(row))
        return claimed

    def mark_delivered(self, idempotency_key: str) -> None:
        self.mark_all_delivered([idempotency_key])

    def mark_all_delivered(self, idempotency_keys: Sequence[str]) -> None:
        """A whole batch's acknowledgements in one transaction: one fsync, not one per item."""
        with self.moving() as moves:
            rows = moves.by_keys(idempotency_keys)
            for key in idempotency_keys:
                moves.deliver(rows[key])

    def release(self, idempotency_keys: Sequence[str], reason: str) -> None:
        """A transient failure: queue the items again to be sent later."""
        with self.moving() as moves:
            rows = moves.by_keys(idempotency_keys)
            for key in idempotency_keys:
                row = rows[key]
                moves.move(row, DeliveryState.QUEUED, reason, expected=DeliveryState.SENDING)
                row.attempts += 1
                row.last_error = reason

    def quarantine(self, idempotency_key: str, reason: str) -> None:
        """The platform refused the item for good; it waits for staff."""
        with self.moving() as moves:
            (row,) = moves.by_keys([idempotency_key]).values()
            moves.move(row, DeliveryState.QUARANTINED, reason, expected=DeliveryState.SENDING)
            row.last_error = reason
            moves.audit_item(AuditEvent.QUARANTINED, row)
            label = self.kind.label_of(row)
        log.warning("%s quarantined", self.kind.name, extra={"case_number": label})

    def retry(self, labels: Sequence[str] | None, actor: str = "") -> RetryResult:
        """Queue quarantined items again after a fix: those named, or None for every one.
        `actor` is who asked (a staff number), when not the queue's own."""
        refused: dict[str, str] = {}
        with self.moving() as moves:
            if labels is None:
                rows = moves.in_state(DeliveryState.QUARANTINED)
            else:
                rows = self._quarantined_named(moves, list(dict.fromkeys(labels)), refused)
            for row in rows:
                moves.move(row, DeliveryState.QUEUED, RETRIED_BY_STAFF)
                row.attempts = 0
                row.last_error = None
                moves.audit_item(AuditEvent.RETRIED, row, actor)
            retried = [self.kind.label_of(row) for row in rows]
        if retried:
            log.info("quarantined %ss retried", self.kind.name, extra={"cases": ",".join(retried)})
        return RetryResult(retried, refused)

    # -- counting and history --------------------------------------------------------------

    def counts(self) -> dict[str, int]:
        """Every state of the kind with its count, zero included."""
        table = self.kind.table
        query = select(table.state, func.count()).group_by(table.state)
        with Session(self._engine.execution_options(**READ_ONLY)) as session:
            counted = {state: int(count) for state, count in session.execute(query)}
        return dict.fromkeys(self.kind.moves, 0) | counted

    def quarantined(self) -> list[SetAside]:
        """Every quarantined item, oldest first."""
        table = self.kind.table
        query = select(table).where(table.state == DeliveryState.QUARANTINED).order_by(table.id)
        with Session(self._engine.execution_options(**READ_ONLY)) as session:
            return [
                SetAside(
                    self.kind.label_of(row),
                    row.last_error,
                    row.state_changed_at.replace(tzinfo=UTC) if row.state_changed_at else None,
                )
                for row in session.scalars(query)
            ]

    def waiting_count(self) -> int:
        """Items not delivered yet: queued or being sent."""
        counts = self.counts()
        return counts[DeliveryState.QUEUED] + counts[DeliveryState.SENDING]

    def history(self, label: str) -> list[tuple[datetime, str, str | None]]:
        """Each state the item(s) so named reached, when (aware, UTC) and why; empty for an
        unknown label."""
        table = self.kind.table
        ids = select(table.id).where(self.kind.label == label)
        query = (
            select(DeliveryEvent.at, DeliveryEvent.state, DeliveryEvent.detail)
            .where(DeliveryEvent.kind == self.kind.name, DeliveryEvent.item_id.in_(ids))
            .order_by(DeliveryEvent.id)
        )
        with Session(self._engine.execution_options(**READ_ONLY)) as session:
            return [
                (at.replace(tzinfo=UTC), state, detail)
                for at, state, detail in session.execute(query)
            ]

    def _claimable(self) -> tuple[ColumnElement[bool], ...]:
        return (self.kind.table.state == DeliveryState.QUEUED, *self.kind.ready())

    def _quarantined_named(
        self, moves: Moves[Row], labels: list[str], refused: dict[str, str]
    ) -> list[Row]:
        """The quarantined items among those named, oldest first; why each other name was
        not, in `refused`."""
        table = self.kind.table
        named: dict[str, list[Row]] = {}
        query = select(table).where(self.kind.label.in_(labels)).order_by(table.id)
        for row in moves.session.scalars(query):
            named.setdefault(self.kind.label_of(row), []).append(row)
        rows = []
        for label in labels:
            found = named.get(label, [])
            waiting = [row for row in found if row.state == DeliveryState.QUARANTINED]
            if not found:
                refused[label] = f"unknown {self.kind.label_noun}"
            elif not waiting:
                refused[label] = f"not quarantined (it is {found[-1].state})"
            rows.extend(waiting)
        return sorted(rows, key=lambda row: row.id)
