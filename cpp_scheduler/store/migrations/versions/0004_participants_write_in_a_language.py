"""Participants have a language: what the program writes for them is in it (i18n).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 04:45:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # NULL for everybody: each participant then reads their delegation's language, else
    # English, which is what every existing file and invitation was written in.
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.add_column(sa.Column("language", sa.String(length=8), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("participants", schema=None) as batch_op:
        batch_op.drop_column("language")
