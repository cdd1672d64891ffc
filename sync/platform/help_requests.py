"""Help requests (帮办) from terminals: stored once per idempotency key, resolved when the
kiosk reports staff dealt with them, and listed so a hall with one staff member for many
kiosks sees which one needs them.

A request comes twice under one key: when made (open) and once resolved. What it says about
the call (screen and time) must not change between the two; a key sent again with another
call, or by another terminal, is refused and recorded like any idempotency conflict.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from sync.contract import (
    BatchResult,
    HelpRequestBatch,
    HelpRequestItem,
    HelpRequestList,
    HelpRequestRecord,
    ItemOutcome,
    ItemResult,
    RefusalCode,
)
from sync.platform.ingest import content_digest
from sync.platform.keys import PlatformKeys
from sync.platform.tables import HelpRequestRow, IdempotencyConflictRow

# Two copies of one request racing lose at most once each.
_ATTEMPTS = 3

_CONFLICT = (
    "此幂等键此前已用于其他求助或其他终端，已上报 / "
    "this idempotency key was used before for another call or by another terminal; reported"
)


class HelpRequestDesk:
    def __init__(
        self, sessions: sessionmaker[Session], keys: PlatformKeys, clock: Callable[[], datetime]
    ) -> None:
        self._sessions = sessions
        self._keys = keys
        self._clock = clock

    def receive(self, terminal_id: str, batch: HelpRequestBatch) -> BatchResult:
        """One answer per item, in order: stored (new, or now resolved), duplicate, refused."""
        for round_number in range(1, _ATTEMPTS + 1):
            try:
                return self._receive_once(terminal_id, batch.items)
            except IntegrityError:
                if round_number == _ATTEMPTS:
                    raise
        raise AssertionError("unreachable")

    def _receive_once(self, terminal_id: str, items: list[HelpRequestItem]) -> BatchResult:
        now = self._clock()
        results = []
        with self._sessions() as session, session.begin():
            keys = {item.idempotency_key for item in items}
            held = {
                row.idempotency_key: row
                for row in session.scalars(
                    select(HelpRequestRow).where(HelpRequestRow.idempotency_key.in_(keys))
                )
            }
            for item in items:
                key = item.idempotency_key
                digest = content_digest(self._keys, item.model_copy(update={"resolved_at": None}))
                row = held.get(key)
                if row is None:
                    held[key] = row = HelpRequestRow(
                        idempotency_key=key,
                        terminal_id=terminal_id,
                        screen=item.screen,
                        requested_at=item.requested_at,
                        received_at=now,
                        resolved_at=item.resolved_at,
                        content_digest=digest,
                    )
                    session.add(row)
                    outcome = ItemOutcome.STORED
                elif row.terminal_id != terminal_id or row.content_digest != digest:
                    session.add(
                        IdempotencyConflictRow(
                            kind="help_request",
                            idempotency_key=key,
                            terminal_id=terminal_id,
                            first_digest=row.content_digest,
                            new_digest=digest,
                            at=now,
                        )
                    )
                    results.append(
                        ItemResult(
                            idempotency_key=key,
                            outcome=ItemOutcome.REFUSED,
                            code=RefusalCode.IDEMPOTENCY_CONFLICT,
                            message=_CONFLICT,
                        )
                    )
                    continue
                elif item.resolved_at is not None and row.resolved_at is None:
                    row.resolved_at = item.resolved_at
                    outcome = ItemOutcome.STORED
                else:
                    outcome = ItemOutcome.DUPLICATE
                results.append(ItemResult(idempotency_key=key, outcome=outcome))
        return BatchResult(results=results)


def help_request_list(session: Session, open_only: bool) -> HelpRequestList:
    """Every terminal's help requests, oldest first; only those not yet resolved when
    `open_only`."""
    query = select(HelpRequestRow).order_by(
        HelpRequestRow.requested_at, HelpRequestRow.idempotency_key
    )
    if open_only:
        query = query.where(HelpRequestRow.resolved_at.is_(None))
    return HelpRequestList(
        requests=[
            HelpRequestRecord(
                terminal_id=row.terminal_id,
                screen=row.screen,
                requested_at=row.requested_at,
                received_at=row.received_at,
                resolved_at=row.resolved_at,
            )
            for row in session.scalars(query)
        ]
    )
