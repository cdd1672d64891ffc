"""The audit log (全过程留痕): one table of hash-chained records, appended to by the
touchscreen, the sync agent and the commands (kiosk.audit.log).

Going back drops the log; nothing else depends on it.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-07
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_records",
        sa.Column("sequence", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("recorded_at", sa.String(32), nullable=False),
        sa.Column("event", sa.String(64), nullable=False),
        sa.Column("actor", sa.String(64), nullable=False),
        sa.Column("details", sa.Text(), nullable=False),
        sa.Column("previous_hash", sa.String(128), nullable=False),
        sa.Column("hash", sa.String(128), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("audit_records")
