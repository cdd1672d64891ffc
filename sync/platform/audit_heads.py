"""Each terminal's audit-log head, from its heartbeats: the platform notices a log that was
cut short or rewritten on the kiosk, which the kiosk alone cannot prove (whoever can rewrite
its file can rewrite the chain's hashes too)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sync.contract import AuditHead
from sync.platform.tables import AuditHeadRow


class LogBroken(StrEnum):
    TRUNCATED = "truncated"  # a later head has a lower sequence than one seen before
    REWRITTEN = "rewritten"  # the same sequence came back with another hash


def track_audit_head(session: Session, terminal_id: str, head: AuditHead, now: datetime) -> None:
    """Keep the terminal's newest head; mark the log broken (for good) when it went back."""
    row = session.get(AuditHeadRow, terminal_id, with_for_update=True)
    if row is None:
        session.add(
            AuditHeadRow(
                terminal_id=terminal_id, sequence=head.sequence, hash=head.hash, reported_at=now
            )
        )
        return
    broken = _went_back(row, head)
    if broken is not None and row.broken is None:
        row.broken, row.broken_at = broken.value, now
        row.broken_detail = f"head was {row.sequence}:{row.hash}, then {head.sequence}:{head.hash}"
    row.sequence, row.hash, row.reported_at = head.sequence, head.hash, now


def audit_heads(session: Session) -> dict[str, dict[str, Any]]:
    """Each terminal's head and whether its log went back, by terminal id."""
    return {
        row.terminal_id: {
            "sequence": row.sequence,
            "hash": row.hash,
            "reported_at": row.reported_at.isoformat(),
            "broken": row.broken,
            "broken_at": None if row.broken_at is None else row.broken_at.isoformat(),
            "broken_detail": row.broken_detail,
        }
        for row in session.scalars(select(AuditHeadRow))
    }


def _went_back(row: AuditHeadRow, head: AuditHead) -> LogBroken | None:
    if head.sequence < row.sequence:
        return LogBroken.TRUNCATED
    if head.sequence == row.sequence and head.hash != row.hash:
        return LogBroken.REWRITTEN
    return None
