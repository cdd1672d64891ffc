"""Heartbeats: each terminal's periodic account of its queue, devices, clock and audit-log
head (the head is tracked by sync.platform.audit_heads)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.contract import Heartbeat
from sync.platform.audit_heads import audit_heads, track_audit_head
from sync.platform.tables import HeartbeatRow


def record_heartbeat(
    session: Session, terminal_id: str, heartbeat: Heartbeat, now: datetime
) -> None:
    session.add(
        HeartbeatRow(
            terminal_id=terminal_id, received_at=now, body=heartbeat.model_dump(mode="json")
        )
    )
    if heartbeat.audit_head is not None:
        track_audit_head(session, terminal_id, heartbeat.audit_head, now)


def latest_heartbeats(session: Session) -> list[dict[str, Any]]:
    """The newest heartbeat of every terminal, ordered by terminal, with its audit log's
    head and whether that log ever went back (None before a heartbeat reported one)."""
    newest = (
        select(HeartbeatRow.terminal_id, func.max(HeartbeatRow.id).label("id"))
        .group_by(HeartbeatRow.terminal_id)
        .subquery()
    )
    rows = session.scalars(
        select(HeartbeatRow)
        .join(newest, HeartbeatRow.id == newest.c.id)
        .order_by(HeartbeatRow.terminal_id)
    )
    heads = audit_heads(session)
    return [
        {
            "terminal_id": row.terminal_id,
            "received_at": row.received_at.isoformat(),
            "heartbeat": row.body,
            "audit_log": heads.get(row.terminal_id),
            "audit_log_state": _state(heads.get(row.terminal_id)),
        }
        for row in rows
    ]


def _state(head: dict[str, Any] | None) -> str:
    """The audit log in a few words, for the operator's table."""
    if head is None:
        return "audit log not reported"
    if head["broken"] is not None:
        return f"AUDIT LOG {head['broken'].upper()} at {head['broken_at']}: {head['broken_detail']}"
    return f"audit log at record {head['sequence']}"
