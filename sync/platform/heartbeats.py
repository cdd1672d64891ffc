"""Heartbeats: each terminal's periodic account of its queue, devices and clock."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sync.contract import Heartbeat
from sync.platform.tables import HeartbeatRow


def record_heartbeat(
    session: Session, terminal_id: str, heartbeat: Heartbeat, now: datetime
) -> None:
    session.add(
        HeartbeatRow(
            terminal_id=terminal_id, received_at=now, body=heartbeat.model_dump(mode="json")
        )
    )


def latest_heartbeats(session: Session) -> list[dict[str, Any]]:
    """The newest heartbeat of every terminal, ordered by terminal."""
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
    return [
        {
            "terminal_id": row.terminal_id,
            "received_at": row.received_at.isoformat(),
            "heartbeat": row.body,
        }
        for row in rows
    ]
