"""Progress lookup by ID card without the ID number in clear, and ratings (好差评).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("submissions") as table:
        table.add_column(sa.Column("applicant_lookup_key", sa.String(64), nullable=True))
        table.add_column(sa.Column("last_synced_at", sa.DateTime(), nullable=True))
        table.create_index("ix_submissions_applicant_lookup_key", ["applicant_lookup_key"])
    op.create_table(
        "evaluations",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("case_number", sa.String(50), nullable=False, index=True),
        sa.Column("level", sa.String(24), nullable=False),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False),
        sa.Column("needs_follow_up", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("state", sa.String(16), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("evaluations")
    with op.batch_alter_table("submissions") as table:
        table.drop_index("ix_submissions_applicant_lookup_key")
        table.drop_column("last_synced_at")
        table.drop_column("applicant_lookup_key")
