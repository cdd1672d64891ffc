"""A terminal's page of case status changes, after a cursor it keeps.

The cursor is the last event sequence the kiosk has seen; it only moves forward, so a kiosk
that asks again after a failure sees nothing twice and misses nothing (db.lock_event_sequence
makes sequences commit in order).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.contract import CaseStatus, CaseUpdate, CaseUpdates
from sync.platform.tables import CaseEventRow, CaseRow

MAX_PAGE = 1000


def case_updates(session: Session, terminal_id: str, after: int, limit: int) -> CaseUpdates:
    rows = session.execute(
        select(CaseEventRow, CaseRow.idempotency_key, CaseRow.case_number)
        .join(CaseRow, CaseRow.case_id == CaseEventRow.case_id)
        .where(CaseEventRow.terminal_id == terminal_id, CaseEventRow.sequence > after)
        .order_by(CaseEventRow.sequence)
        .limit(max(1, min(limit, MAX_PAGE)))
    ).all()
    updates = [
        CaseUpdate(
            sequence=event.sequence,
            case_id=event.case_id,
            idempotency_key=key,
            case_number=number,
            status=CaseStatus(event.status),
            at=event.at,
            note=event.note,
        )
        for event, key, number in rows
    ]
    return CaseUpdates(updates=updates, last=updates[-1].sequence if updates else after)
