"""Participants have a language: what the program writes for them is in it (i18n).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-03 04:45:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
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
