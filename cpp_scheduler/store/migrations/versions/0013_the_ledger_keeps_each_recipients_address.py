"""The ledger keeps the address each message went to.

A participant whose mistyped address a coordinator corrects has been told nothing at the
new one: the change report finds them by comparing the address of their last message
with the one they have now. Messages recorded before this revision keep an empty address,
which the report reads as unknown.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 08:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("sent_messages", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("recipient_email", sa.String(length=254), server_default="", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("sent_messages", schema=None) as batch_op:
        batch_op.drop_column("recipient_email")
