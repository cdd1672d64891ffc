"""Ratings (好差评) as a kind of the delivery queue (kiosk.delivery_queue).

A rating names a case, so it may reach the platform only after its case has: a rating of a
case the platform does not hold yet would be refused. Everything else is the queue's own.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import ColumnElement, Engine, select

from kiosk.audit.trail import AGENT, TransactionalAuditTrail
from kiosk.delivery_queue.queue import DeliveryQueue, QueueKind
from kiosk.delivery_queue.states import DELIVERY_MOVES
from kiosk.storage.tables import RatingRow, SubmissionRow
from kiosk.submissions.states import DELIVERED_STATES


@dataclass(frozen=True)
class OutgoingRating:
    idempotency_key: str
    case_number: str
    level: str  # a Satisfaction name
    reasons: list[str]
    comment: str
    needs_follow_up: bool
    rated_at: datetime  # aware, UTC


RatingQueue = DeliveryQueue[RatingRow, OutgoingRating]


def rating_queue(
    engine: Engine,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    *,
    audit: TransactionalAuditTrail | None = None,
    actor: str = AGENT,
) -> RatingQueue:
    """The ratings' queue; what it does to them is audited as done by `actor`."""
    return DeliveryQueue(engine, RATINGS, clock, audit=audit, actor=actor)


def _case_delivered() -> tuple[ColumnElement[bool], ...]:
    """A rating is claimed once the platform holds its case."""
    delivered_cases = select(SubmissionRow.case_number).where(
        SubmissionRow.state.in_([s.value for s in DELIVERED_STATES])
    )
    return (RatingRow.case_number.in_(delivered_cases),)


def _outgoing(row: RatingRow) -> OutgoingRating:
    return OutgoingRating(
        idempotency_key=row.idempotency_key,
        case_number=row.case_number,
        level=row.level,
        reasons=list(json.loads(row.reasons)),
        comment=row.comment,
        needs_follow_up=row.needs_follow_up,
        rated_at=row.created_at.replace(tzinfo=UTC),
    )


RATINGS: QueueKind[RatingRow, OutgoingRating] = QueueKind(
    name="rating",
    table=RatingRow,
    moves=DELIVERY_MOVES,
    label=RatingRow.case_number,
    label_noun="case",
    outgoing=_outgoing,
    ready=_case_delivered,
)
