"""Help requests (帮办) as a kind of the delivery queue (kiosk.delivery_queue).

A help request goes to the platform when it is made and once more when staff resolve it, so
the hall's list on the platform empties as the kiosk's does: a delivered request may be
queued again, the one move this kind adds to the queue's own.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine

from kiosk.audit.trail import AGENT, TransactionalAuditTrail
from kiosk.delivery_queue.queue import DeliveryQueue, QueueKind
from kiosk.delivery_queue.states import DeliveryState, moves_with
from kiosk.storage.tables import HelpRequestRow

RESOLVED_AFTER_DELIVERY = "resolved by staff; the platform is told"


@dataclass(frozen=True)
class OutgoingHelpRequest:
    idempotency_key: str
    terminal_id: str
    screen: str
    requested_at: datetime  # aware, UTC
    resolved_at: datetime | None  # aware, UTC; None while staff have not dealt with it


HelpQueue = DeliveryQueue[HelpRequestRow, OutgoingHelpRequest]


def help_queue(
    engine: Engine,
    clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    *,
    audit: TransactionalAuditTrail | None = None,
    actor: str = AGENT,
) -> HelpQueue:
    """The help requests' queue; its deliveries and retries are audited as done by `actor`."""
    return DeliveryQueue(engine, HELP_REQUESTS, clock, audit=audit, actor=actor)


def queue_resolutions_again(queue: HelpQueue, idempotency_keys: Sequence[str]) -> int:
    """Of these requests, just delivered as open, queue again those staff resolved while they
    were being sent, so the platform hears of the resolution too; returns how many."""
    with queue.moving() as moves:
        rows = moves.by_keys(idempotency_keys) if idempotency_keys else {}
        resolved = [
            row
            for row in rows.values()
            if row.resolved_at is not None and row.state == DeliveryState.DELIVERED
        ]
        for row in resolved:
            moves.move(row, DeliveryState.QUEUED, RESOLVED_AFTER_DELIVERY)
    return len(resolved)


def _aware(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=UTC) if moment is not None else None


def _outgoing(row: HelpRequestRow) -> OutgoingHelpRequest:
    return OutgoingHelpRequest(
        idempotency_key=row.idempotency_key,
        terminal_id=row.terminal_id,
        screen=row.screen,
        requested_at=row.created_at.replace(tzinfo=UTC),
        resolved_at=_aware(row.resolved_at),
    )


HELP_REQUESTS: QueueKind[HelpRequestRow, OutgoingHelpRequest] = QueueKind(
    name="help_request",
    table=HelpRequestRow,
    moves=moves_with({DeliveryState.DELIVERED: {DeliveryState.QUEUED}}),
    label=HelpRequestRow.idempotency_key,
    label_noun="help request",
    outgoing=_outgoing,
)
