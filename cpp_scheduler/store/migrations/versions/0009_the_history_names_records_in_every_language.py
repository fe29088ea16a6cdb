"""The history names each record, and each import's source, in every language.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-03 23:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # NULL for the entries already written: they keep the one name they were saved with.
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.add_column(sa.Column("record_labels", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("group_names", sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("changes", schema=None) as batch_op:
        batch_op.drop_column("group_names")
        batch_op.drop_column("record_labels")
