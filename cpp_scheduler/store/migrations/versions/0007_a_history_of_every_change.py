"""A history of every change: who changed which record, when, from what to what.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-03 04:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import cpp_scheduler.model.base

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A new table: what was changed before it existed has no history to recover.
    op.create_table(
        "changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("record_table", sa.String(length=64), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("record_label", sa.String(length=200), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("author", sa.String(length=100), nullable=False),
        sa.Column(
            "changed_at", cpp_scheduler.model.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column("fields", sa.Text(), nullable=False),
        sa.Column("group_id", sa.String(length=36), nullable=True),
        sa.Column("group_name", sa.String(length=300), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_changes")),
    )
    op.create_index("ix_changes_record", "changes", ["record_id", "id"], unique=False)
    op.create_index("ix_changes_changed_at", "changes", ["changed_at"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_changes_changed_at", table_name="changes")
    op.drop_index("ix_changes_record", table_name="changes")
    op.drop_table("changes")
