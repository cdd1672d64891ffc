"""The delivery queue of ratings (好差评), beside the one of submissions.

A rating names a case, so it may reach the platform only after its case has: a rating of a
case the platform does not hold yet would be refused. Moves are checked like a submission's,
each in its own short write transaction.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, Engine, exists, func, select
from sqlalchemy.orm import Session

from kiosk.storage.engine import READ_ONLY
from kiosk.storage.tables import EvaluationRow, SubmissionRow
from kiosk.submissions.queue import rows_by_keys
from kiosk.submissions.states import DELIVERED_STATES, EvaluationState

_ALLOWED = {
    EvaluationState.QUEUED: frozenset({EvaluationState.SENDING}),
    EvaluationState.SENDING: frozenset(
        {EvaluationState.QUEUED, EvaluationState.DELIVERED, EvaluationState.QUARANTINED}
    ),
    EvaluationState.DELIVERED: frozenset[EvaluationState](),
    # Staff queue a refused rating again once the cause is fixed.
    EvaluationState.QUARANTINED: frozenset({EvaluationState.QUEUED}),
}


@dataclass(frozen=True)
class OutgoingEvaluation:
    idempotency_key: str
    case_number: str
    level: str  # a Satisfaction name
    reasons: list[str]
    comment: str
    needs_follow_up: bool
    rated_at: datetime  # aware, UTC


class EvaluationQueue:
    def __init__(
        self, engine: Engine, clock: Callable[[], datetime] = lambda: datetime.now(UTC)
    ) -> None:
        self._engine = engine
        self._clock = clock

    def recover_interrupted(self) -> int:
        """Queue again what a stopped agent was sending; returns how many."""
        with Session(self._engine) as session, session.begin():
            rows = list(
                session.scalars(
                    select(EvaluationRow).where(
                        EvaluationRow.state == EvaluationState.SENDING.value
                    )
                )
            )
            for row in rows:
                _move(row, EvaluationState.QUEUED)
            return len(rows)

    def has_claimable(self) -> bool:
        """Whether claim_batch would claim anything: one cheap read, no write lock."""
        with Session(self._engine.execution_options(**READ_ONLY)) as session:
            return bool(session.scalar(select(exists().where(*_claimable()))))

    def claim_batch(self, limit: int) -> list[OutgoingEvaluation]:
        """The oldest queued ratings whose cases the platform already holds, now sending."""
        if limit <= 0:
            return []
        with Session(self._engine) as session, session.begin():
            rows = session.scalars(
                select(EvaluationRow).where(*_claimable()).order_by(EvaluationRow.id).limit(limit)
            ).all()
            for row in rows:
                _move(row, EvaluationState.SENDING)
            return [_outgoing(row) for row in rows]

    def mark_delivered(self, idempotency_key: str) -> None:
        self.mark_all_delivered([idempotency_key])

    def mark_all_delivered(self, idempotency_keys: Sequence[str]) -> None:
        """A batch's acknowledgements in one transaction."""
        now = self._clock().astimezone(UTC).replace(tzinfo=None)
        with Session(self._engine) as session, session.begin():
            rows = rows_by_keys(session, EvaluationRow, idempotency_keys, "rating")
            for key in idempotency_keys:
                row = rows[key]
                _move(row, EvaluationState.DELIVERED)
                row.delivered_at = now
                row.last_error = None

    def release(self, idempotency_keys: Sequence[str], reason: str) -> None:
        """A transient failure: the ratings wait for the next round."""
        with Session(self._engine) as session, session.begin():
            rows = rows_by_keys(session, EvaluationRow, idempotency_keys, "rating")
            for key in idempotency_keys:
                row = rows[key]
                _move(row, EvaluationState.QUEUED)
                row.last_error = reason

    def quarantine(self, idempotency_key: str, reason: str) -> None:
        """The platform refused the rating for good."""
        with Session(self._engine) as session, session.begin():
            (row,) = rows_by_keys(session, EvaluationRow, [idempotency_key], "rating").values()
            _move(row, EvaluationState.QUARANTINED)
            row.last_error = reason

    def retry_quarantined(self) -> list[str]:
        """Queue every refused rating again (`kiosk queue retry --all`); their case numbers."""
        with Session(self._engine) as session, session.begin():
            rows = list(
                session.scalars(
                    select(EvaluationRow)
                    .where(EvaluationRow.state == EvaluationState.QUARANTINED.value)
                    .order_by(EvaluationRow.id)
                )
            )
            for row in rows:
                _move(row, EvaluationState.QUEUED)
            return [row.case_number for row in rows]

    def quarantined_count(self) -> int:
        with Session(self._engine.execution_options(**READ_ONLY)) as session:
            count = session.scalar(
                select(func.count()).where(EvaluationRow.state == EvaluationState.QUARANTINED.value)
            )
            return count or 0

    def queued_count(self) -> int:
        """Ratings not delivered yet (queued or being sent)."""
        waiting = [EvaluationState.QUEUED.value, EvaluationState.SENDING.value]
        with Session(self._engine.execution_options(**READ_ONLY)) as session:
            count = session.scalar(select(func.count()).where(EvaluationRow.state.in_(waiting)))
            return count or 0


def _claimable() -> tuple[ColumnElement[bool], ...]:
    """What claim_batch takes: queued ratings of cases the platform holds."""
    delivered_cases = select(SubmissionRow.case_number).where(
        SubmissionRow.state.in_([s.value for s in DELIVERED_STATES])
    )
    return (
        EvaluationRow.state == EvaluationState.QUEUED.value,
        EvaluationRow.case_number.in_(delivered_cases),
    )


def _move(row: EvaluationRow, target: EvaluationState) -> None:
    current = EvaluationState(row.state)
    if target not in _ALLOWED[current]:
        raise ValueError(f"rating of {row.case_number}: cannot move from {current} to {target}")
    row.state = target.value


def _outgoing(row: EvaluationRow) -> OutgoingEvaluation:
    return OutgoingEvaluation(
        idempotency_key=row.idempotency_key,
        case_number=row.case_number,
        level=row.level,
        reasons=list(json.loads(row.reasons)),
        comment=row.comment,
        needs_follow_up=row.needs_follow_up,
        rated_at=row.created_at.replace(tzinfo=UTC),
    )
