"""The platform's tables: enrolled terminals, the cases it holds and their status history,
and what it must be able to report (idempotency conflicts, refused requests, heartbeats).

Times are stored in UTC on every backend; PostgreSQL is the real store, SQLite serves quick
local runs, so nothing here uses a feature only one of them has.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

# SQLite only auto-numbers an INTEGER primary key; PostgreSQL gets a 64-bit identity.
_SEQUENCE = BigInteger().with_variant(Integer(), "sqlite")
_JSON = JSON().with_variant(JSONB(), "postgresql")


class UtcDateTime(TypeDecorator[datetime]):
    """Aware datetimes in, aware UTC datetimes out, whatever the backend keeps."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("the platform stores aware datetimes only")
        utc = value.astimezone(UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class PlatformBase(DeclarativeBase):
    pass


class TerminalRow(PlatformBase):
    __tablename__ = "terminals"

    terminal_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    suite: Mapped[str] = mapped_column(String(64))
    public_key: Mapped[str] = mapped_column(String(200))  # base64
    enrolled_at: Mapped[datetime] = mapped_column(UtcDateTime)


class CaseRow(PlatformBase):
    """A case (办件) as the platform holds it, its payload unsealed."""

    __tablename__ = "cases"

    case_id: Mapped[str] = mapped_column(String(40), primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(36), unique=True)
    content_digest: Mapped[str] = mapped_column(String(128))
    terminal_id: Mapped[str] = mapped_column(String(64), index=True)
    case_number: Mapped[str] = mapped_column(String(50), index=True)
    matter_code: Mapped[str] = mapped_column(String(64))
    catalog_version: Mapped[str] = mapped_column(String(32))
    bundle_id: Mapped[str | None] = mapped_column(String(64))
    bundle_code: Mapped[str | None] = mapped_column(String(64))
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    status: Mapped[str] = mapped_column(String(16))
    payload: Mapped[dict[str, Any]] = mapped_column(_JSON)


class CaseEventRow(PlatformBase):
    """One status change; `sequence` is the cursor kiosks page /cases/updates with."""

    __tablename__ = "case_events"
    __table_args__ = (Index("ix_case_events_terminal_sequence", "terminal_id", "sequence"),)

    sequence: Mapped[int] = mapped_column(_SEQUENCE, primary_key=True, autoincrement=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.case_id"), index=True)
    # Copied from the case so a terminal's page of updates is one index range.
    terminal_id: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    at: Mapped[datetime] = mapped_column(UtcDateTime)
    note: Mapped[str | None] = mapped_column(Text)


class IdempotencyConflictRow(PlatformBase):
    """A key sent again with other content: a kiosk bug or tampering, to be looked into."""

    __tablename__ = "idempotency_conflicts"

    id: Mapped[int] = mapped_column(_SEQUENCE, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(16))  # "submission", "rating", "help_request"
    idempotency_key: Mapped[str] = mapped_column(String(36), index=True)
    terminal_id: Mapped[str] = mapped_column(String(64))
    first_digest: Mapped[str] = mapped_column(String(128))
    new_digest: Mapped[str] = mapped_column(String(128))
    at: Mapped[datetime] = mapped_column(UtcDateTime)


class NonceRow(PlatformBase):
    """Nonces seen within the allowed skew, in the database so every worker sees them."""

    __tablename__ = "nonces"

    terminal_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    nonce: Mapped[str] = mapped_column(String(64), primary_key=True)
    expires_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)


class RequestRefusalRow(PlatformBase):
    """A request refused before it was read: forged, replayed, stale or from a stranger."""

    __tablename__ = "request_refusals"

    id: Mapped[int] = mapped_column(_SEQUENCE, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    terminal_id: Mapped[str | None] = mapped_column(String(64))  # as claimed, unproven
    code: Mapped[str] = mapped_column(String(32))
    path: Mapped[str] = mapped_column(String(300))
    message: Mapped[str] = mapped_column(Text)


class HeartbeatRow(PlatformBase):
    __tablename__ = "heartbeats"
    __table_args__ = (Index("ix_heartbeats_terminal_received", "terminal_id", "received_at"),)

    id: Mapped[int] = mapped_column(_SEQUENCE, primary_key=True, autoincrement=True)
    terminal_id: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    body: Mapped[dict[str, Any]] = mapped_column(_JSON)


class AuditHeadRow(PlatformBase):
    """The newest head of each terminal's audit log, from its heartbeats, and whether the log
    ever went back: a lower sequence than one seen before (cut short), or the same sequence
    with another hash (rewritten). Once set, `broken` stays until an operator has looked."""

    __tablename__ = "audit_heads"

    terminal_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    sequence: Mapped[int] = mapped_column(_SEQUENCE)
    hash: Mapped[str] = mapped_column(String(128))
    reported_at: Mapped[datetime] = mapped_column(UtcDateTime)
    broken: Mapped[str | None] = mapped_column(String(16))  # "truncated" or "rewritten"
    broken_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The head seen before and the head that went back, for the operator.
    broken_detail: Mapped[str | None] = mapped_column(Text)


class CatalogRow(PlatformBase):
    """A published catalog version: its files and the platform's signature over them."""

    __tablename__ = "catalogs"

    version: Mapped[str] = mapped_column(String(32), primary_key=True)
    published_at: Mapped[datetime] = mapped_column(UtcDateTime, index=True)
    suite: Mapped[str] = mapped_column(String(64))
    files: Mapped[dict[str, str]] = mapped_column(_JSON)
    signature: Mapped[str] = mapped_column(Text)


class RatingRow(PlatformBase):
    """A resident's rating (好差评) of a case."""

    __tablename__ = "ratings"

    idempotency_key: Mapped[str] = mapped_column(String(36), primary_key=True)
    case_id: Mapped[str] = mapped_column(ForeignKey("cases.case_id"), index=True)
    terminal_id: Mapped[str] = mapped_column(String(64))
    level: Mapped[str] = mapped_column(String(32))
    reasons: Mapped[list[str]] = mapped_column(_JSON)
    comment: Mapped[str] = mapped_column(Text)
    needs_follow_up: Mapped[bool] = mapped_column(Boolean)
    rated_at: Mapped[datetime] = mapped_column(UtcDateTime)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    content_digest: Mapped[str] = mapped_column(String(128))


class HelpRequestRow(PlatformBase):
    """A resident's call for staff (帮办) at a terminal: open until the kiosk reports it
    resolved. No personal data: the terminal, the screen and the times."""

    __tablename__ = "help_requests"
    __table_args__ = (Index("ix_help_requests_open", "resolved_at", "requested_at"),)

    idempotency_key: Mapped[str] = mapped_column(String(36), primary_key=True)
    terminal_id: Mapped[str] = mapped_column(String(64), index=True)
    screen: Mapped[str] = mapped_column(String(64))
    requested_at: Mapped[datetime] = mapped_column(UtcDateTime)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime)
    # The digest of what never changes (screen and time), so a resolution is no conflict.
    content_digest: Mapped[str] = mapped_column(String(128))
