"""Help requests (帮办): a resident presses "call staff" and the hall's staff see which kiosk
needs them, on its console and, through the sync agent, on the platform.

A request names the terminal, the screen the resident was on and the time; never the
resident. Pressing again while a recent request is still open makes no second one: the
resident is told staff were already called. Staff mark a request dealt with from the console;
both acts are audited.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from kiosk.audit.events import AuditEvent
from kiosk.audit.trail import AuditTrail
from kiosk.delivery_queue.states import DeliveryState
from kiosk.help_queue import RESOLVED_AFTER_DELIVERY, help_queue
from kiosk.storage.engine import READ_ONLY
from kiosk.storage.tables import HelpRequestRow

# Presses this close to an open request are the same call, not a new one.
REPEAT_WINDOW = timedelta(minutes=2)


@dataclass(frozen=True)
class HelpCall:
    request_id: int  # the open request that stands for this press
    already_called: bool  # True when an earlier press had made it


@dataclass(frozen=True)
class HelpRequest:
    """An open request as the console lists it."""

    id: int
    screen: str
    requested_at: datetime  # aware, UTC
    delivered: bool  # the platform holds it


class UnknownHelpRequest(LookupError):
    """No open help request has that id (resolved already, or never made)."""


class HelpDesk:
    def __init__(
        self,
        engine: Engine,
        terminal_id: Callable[[], str],
        audit: AuditTrail,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._engine = engine
        self._terminal_id = terminal_id
        self._audit = audit
        self._clock = clock
        self._queue = help_queue(engine, clock)

    def call(self, screen: str) -> HelpCall:
        """A resident on `screen` (the screen's object name) asks for staff; the check for an
        open request and the new one are one transaction, so two presses make one request."""
        terminal_id = self._terminal_id()
        with self._queue.moving() as moves:
            recent = moves.session.scalar(
                select(HelpRequestRow.id)
                .where(
                    HelpRequestRow.resolved_at.is_(None),
                    HelpRequestRow.created_at > moves.now - REPEAT_WINDOW,
                )
                .order_by(HelpRequestRow.id.desc())
                .limit(1)
            )
            if recent is not None:
                return HelpCall(recent, already_called=True)
            row = HelpRequestRow(
                idempotency_key=str(uuid.uuid4()),
                terminal_id=terminal_id,
                screen=screen,
                created_at=moves.now,
            )
            moves.add_queued([row])
        self._audit.record(
            AuditEvent.HELP_REQUESTED, "resident", {"request": str(row.id), "screen": screen}
        )
        return HelpCall(row.id, already_called=False)

    def open_requests(self) -> list[HelpRequest]:
        """Requests staff have not dealt with yet, oldest first."""
        query = (
            select(HelpRequestRow)
            .where(HelpRequestRow.resolved_at.is_(None))
            .order_by(HelpRequestRow.id)
        )
        with Session(self._engine.execution_options(**READ_ONLY)) as session:
            return [
                HelpRequest(
                    id=row.id,
                    screen=row.screen,
                    requested_at=row.created_at.replace(tzinfo=UTC),
                    delivered=row.state == DeliveryState.DELIVERED,
                )
                for row in session.scalars(query)
            ]

    def open_count(self) -> int:
        """How many requests wait for staff (the console's health page shows it)."""
        query = select(func.count()).where(HelpRequestRow.resolved_at.is_(None))
        with Session(self._engine.execution_options(**READ_ONLY)) as session:
            return int(session.scalar(query) or 0)

    def resolve(self, request_id: int, staff_number: str) -> None:
        """Staff dealt with the request; a delivered one is queued again so the platform
        hears of it. UnknownHelpRequest when no open request has that id."""
        with self._queue.moving() as moves:
            row = moves.session.get(HelpRequestRow, request_id)
            if row is None or row.resolved_at is not None:
                raise UnknownHelpRequest(f"no open help request {request_id}")
            row.resolved_at = moves.now
            row.resolved_by = staff_number
            if row.state == DeliveryState.DELIVERED:
                moves.move(row, DeliveryState.QUEUED, RESOLVED_AFTER_DELIVERY)
            else:
                moves.note(row, "resolved by staff")
            screen = row.screen
        self._audit.record(
            AuditEvent.HELP_RESOLVED, staff_number, {"request": str(request_id), "screen": screen}
        )
