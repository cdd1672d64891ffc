"""Link the cases created together by one bundle (一事联办).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("submissions") as table:
        table.add_column(sa.Column("bundle_id", sa.String(36), nullable=True))
        table.add_column(sa.Column("bundle_code", sa.String(64), nullable=True))
        table.create_index("ix_submissions_bundle_id", ["bundle_id"])


def downgrade() -> None:
    with op.batch_alter_table("submissions") as table:
        table.drop_index("ix_submissions_bundle_id")
        table.drop_column("bundle_code")
        table.drop_column("bundle_id")
