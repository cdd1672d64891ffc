"""The tables of the kiosk's database, as SQLAlchemy declarative models.

The schema itself is created only by the Alembic migrations beside this module; these classes
must match the newest migration (a test compares them).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class MetaValue(Base):
    """Small facts about this installation, such as its generated terminal id."""

    __tablename__ = "kiosk_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class CaseSequence(Base):
    """The last case sequence number issued per terminal and local day."""

    __tablename__ = "case_sequence"

    terminal_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    day: Mapped[str] = mapped_column(String(8), primary_key=True)
    last_value: Mapped[int] = mapped_column(Integer)


class SubmissionRow(Base):
    """One accepted submission (办件) waiting in, or delivered from, the local queue."""

    __tablename__ = "submissions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    idempotency_key: Mapped[str] = mapped_column(String(36), unique=True)
    case_number: Mapped[str] = mapped_column(String(50), unique=True)
    matter_code: Mapped[str] = mapped_column(String(64), index=True)
    catalog_version: Mapped[str] = mapped_column(String(32))
    state: Mapped[str] = mapped_column(String(16), index=True)
    created_at: Mapped[datetime] = mapped_column()
    payload: Mapped[str] = mapped_column(Text)
    applicant_name_masked: Mapped[str] = mapped_column(String(64))
    applicant_id_masked: Mapped[str] = mapped_column(String(32))
    receipt_state: Mapped[str] = mapped_column(String(16))
    receipt_problem: Mapped[str | None] = mapped_column(Text)
    # Cases created together by one bundle (一事联办) share a bundle id.
    bundle_id: Mapped[str | None] = mapped_column(String(36), index=True)
    bundle_code: Mapped[str | None] = mapped_column(String(64))
    # HMAC of the applicant's ID number, so a card can find its cases without storing it.
    applicant_lookup_key: Mapped[str | None] = mapped_column(String(64), index=True)
    last_synced_at: Mapped[datetime | None] = mapped_column()
    # The receipt as printed (masked data only), for reprints.
    receipt_json: Mapped[str | None] = mapped_column(Text)

    events: Mapped[list[SubmissionEvent]] = relationship(
        back_populates="submission", order_by="SubmissionEvent.id"
    )


class SubmissionEvent(Base):
    """The timestamped history of a submission's states."""

    __tablename__ = "submission_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submissions.id"), index=True)
    at: Mapped[datetime] = mapped_column()
    state: Mapped[str] = mapped_column(String(16))
    detail: Mapped[str | None] = mapped_column(Text)

    submission: Mapped[SubmissionRow] = relationship(back_populates="events")


class EvaluationRow(Base):
    """A resident's rating of a case (好差评), queued for the platform like a submission."""

    __tablename__ = "evaluations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    case_number: Mapped[str] = mapped_column(String(50), index=True)
    level: Mapped[str] = mapped_column(String(24))  # Satisfaction name; codes differ by platform
    reasons: Mapped[str] = mapped_column(Text)  # JSON list
    comment: Mapped[str] = mapped_column(Text)
    needs_follow_up: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime] = mapped_column()
    state: Mapped[str] = mapped_column(String(16))
