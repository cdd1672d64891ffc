"""The sealed delivery queue: personal data sealed to the platform, delivery bookkeeping, and
idempotency keys for ratings.

The clear `payload` becomes optional: rows written before this revision keep it until the
kiosk, which holds the platform's key only once configured, seals them at start
(SubmissionStore.seal_clear_payloads). Going back is not offered: the kiosk cannot unseal.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-30
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("submissions") as table:
        table.alter_column("payload", existing_type=sa.Text(), nullable=True)
        table.add_column(sa.Column("sealed_payload", sa.Text(), nullable=True))
        table.add_column(sa.Column("platform_case_id", sa.String(64), nullable=True))
        table.add_column(
            sa.Column("attempts", sa.Integer(), nullable=False, server_default=sa.text("0"))
        )
        table.add_column(sa.Column("last_error", sa.Text(), nullable=True))
        table.add_column(sa.Column("state_changed_at", sa.DateTime(), nullable=True))
        table.add_column(sa.Column("delivered_at", sa.DateTime(), nullable=True))
        table.create_index("ix_submissions_platform_case_id", ["platform_case_id"])
    # A row's last event is when it reached its state; a row without events, when it was made.
    op.execute(
        "UPDATE submissions SET state_changed_at = coalesce("
        "(SELECT max(e.at) FROM submission_events e WHERE e.submission_id = submissions.id),"
        " created_at)"
    )
    op.execute("UPDATE submissions SET delivered_at = state_changed_at WHERE state = 'delivered'")

    op.add_column("evaluations", sa.Column("idempotency_key", sa.String(36), nullable=True))
    op.add_column("evaluations", sa.Column("delivered_at", sa.DateTime(), nullable=True))
    op.add_column("evaluations", sa.Column("last_error", sa.Text(), nullable=True))
    connection = op.get_bind()
    ids = connection.execute(sa.text("SELECT id FROM evaluations")).scalars().all()
    for row_id in ids:
        connection.execute(
            sa.text("UPDATE evaluations SET idempotency_key = :key WHERE id = :id"),
            {"key": str(uuid.uuid4()), "id": row_id},
        )
    with op.batch_alter_table("evaluations") as table:
        table.alter_column("idempotency_key", existing_type=sa.String(36), nullable=False)
        table.create_unique_constraint("uq_evaluations_idempotency_key", ["idempotency_key"])


def downgrade() -> None:
    raise NotImplementedError(
        "0005 cannot be undone: sealed payloads open only with the platform's private key"
    )
