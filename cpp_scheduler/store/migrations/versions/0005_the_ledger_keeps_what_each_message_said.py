"""The ledger keeps what each message said, so a later change can be spelled out.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 04:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Rows written before this know only their digest and SEQUENCE: the change report
    # compares those and says the event changed, without spelling out how.
    with op.batch_alter_table("sent_messages") as table:
        table.add_column(sa.Column("told", sa.Text(), nullable=False, server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("sent_messages") as table:
        table.drop_column("told")
