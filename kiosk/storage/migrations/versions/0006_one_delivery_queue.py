"""One delivery queue: one history table for every kind, and ratings under their one name.

The history of submissions (`submission_events`) moves into `delivery_events`, which names
each row's kind. The ratings table of 0003, then called `evaluations`, becomes `ratings` with
the columns every queued kind has (attempts, state_changed_at); every rating keeps its id,
idempotency key, state and payload, so nothing queued is lost or sent under a new key. Each
rating gets its history: queued when it was made, and the state this upgrade found it in.

Going back is not offered: 0005 cannot be undone either.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

FOUND = "state as the upgrade to schema 0006 found it"


def upgrade() -> None:
    op.create_table(
        "delivery_events",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
        sa.Column("detail", sa.Text(), nullable=True),
    )
    op.create_index("ix_delivery_events_item", "delivery_events", ["kind", "item_id"])
    op.execute(
        "INSERT INTO delivery_events (kind, item_id, at, state, detail)"
        " SELECT 'submission', submission_id, at, state, detail FROM submission_events"
        " ORDER BY id"
    )
    op.drop_table("submission_events")

    op.create_table(
        "ratings",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("idempotency_key", sa.String(36), nullable=False),
        sa.Column("state", sa.String(16), nullable=False, index=True),
        sa.Column("attempts", sa.Integer(), nullable=False, server_default=sa.text("0")),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("state_changed_at", sa.DateTime(), nullable=True),
        sa.Column("delivered_at", sa.DateTime(), nullable=True),
        sa.Column("case_number", sa.String(50), nullable=False, index=True),
        sa.Column("level", sa.String(24), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("needs_follow_up", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.UniqueConstraint("idempotency_key", name="uq_ratings_idempotency_key"),
    )
    # Before this revision only a delivery was timestamped; any other state dates from when
    # the rating was made, as far as anyone can tell.
    op.execute(
        "INSERT INTO ratings (id, idempotency_key, state, attempts, last_error,"
        " state_changed_at, delivered_at, case_number, level, reasons, comment,"
        " needs_follow_up, created_at)"
        " SELECT id, idempotency_key, state, 0, last_error, coalesce(delivered_at, created_at),"
        " delivered_at, case_number, level, reasons, comment, needs_follow_up, created_at"
        " FROM evaluations ORDER BY id"
    )
    op.drop_table("evaluations")
    op.execute(
        "INSERT INTO delivery_events (kind, item_id, at, state, detail)"
        " SELECT 'rating', id, created_at, 'queued', NULL FROM ratings ORDER BY id"
    )
    op.execute(
        "INSERT INTO delivery_events (kind, item_id, at, state, detail)"
        f" SELECT 'rating', id, state_changed_at, state, '{FOUND}' FROM ratings"
        " WHERE state != 'queued' ORDER BY id"
    )


def downgrade() -> None:
    raise NotImplementedError("0006 is not undone: 0005 before it cannot be undone either")
