"""What an operator lists: the cases held (without personal data), idempotency conflicts and
refused requests, as plain JSON-ready dicts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.platform.tables import CaseRow, IdempotencyConflictRow, RequestRefusalRow


def list_cases(session: Session) -> list[dict[str, Any]]:
    """Every case, oldest first; the payload (the personal data) is never listed."""
    rows = session.scalars(select(CaseRow).order_by(CaseRow.received_at, CaseRow.case_id))
    return [
        {
            "case_id": row.case_id,
            "idempotency_key": row.idempotency_key,
            "terminal_id": row.terminal_id,
            "case_number": row.case_number,
            "matter_code": row.matter_code,
            "status": row.status,
            "submitted_at": row.submitted_at.isoformat(),
            "received_at": row.received_at.isoformat(),
        }
        for row in rows
    ]


def list_conflicts(session: Session) -> list[dict[str, Any]]:
    rows = session.scalars(select(IdempotencyConflictRow).order_by(IdempotencyConflictRow.id))
    return [
        {
            "kind": row.kind,
            "idempotency_key": row.idempotency_key,
            "terminal_id": row.terminal_id,
            "first_digest": row.first_digest,
            "new_digest": row.new_digest,
            "at": row.at.isoformat(),
        }
        for row in rows
    ]


def list_refusals(session: Session) -> list[dict[str, Any]]:
    rows = session.scalars(select(RequestRefusalRow).order_by(RequestRefusalRow.id))
    return [
        {
            "at": row.at.isoformat(),
            "terminal_id": row.terminal_id,
            "code": row.code,
            "path": row.path,
            "message": row.message,
        }
        for row in rows
    ]
