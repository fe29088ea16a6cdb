"""Replies know the version of the event they answer: an update makes them out of date.

Each reply keeps the SEQUENCE it answered. A reply recorded before this revision was
checked against the newest version its person had been sent (older answers were refused),
so it answered that version: the highest SEQUENCE the ledger shows sent to them for the
event, or the event's own when the ledger shows none. Existing answers count as before.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-04 19:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("replies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("sequence", sa.Integer(), server_default="0", nullable=False))
    op.execute(
        """
        UPDATE replies SET sequence = COALESCE(
            (SELECT MAX(sent_messages.sequence) FROM sent_messages
             WHERE sent_messages.event_id = replies.event_id
               AND sent_messages.participant_id = replies.participant_id),
            (SELECT events.sequence FROM events WHERE events.id = replies.event_id),
            0)
        """
    )


def downgrade() -> None:
    with op.batch_alter_table("replies", schema=None) as batch_op:
        batch_op.drop_column("sequence")
