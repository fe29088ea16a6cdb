"""Replies keep whom an invitation was delegated to: an official who passes a meeting on.

A reply with PARTSTAT=DELEGATED (RFC 5546 section 4.2.5) names, in DELEGATED-TO, the
colleague the invited person passed the invitation to. The answer is kept as any other,
and the addresses beside it, so the coordinator sees who is coming instead and whom to
invite. Every answer recorded before this revision was accepted, tentative or declined:
none was delegated, so the new column starts empty.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05 17:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("replies", schema=None) as batch_op:
        batch_op.add_column(sa.Column("delegated_to", sa.Text(), nullable=True))


def downgrade() -> None:
    # An answer delegated means nothing to a program that knows only three answers: it
    # goes with the addresses, the person shown as not having answered.
    op.execute("DELETE FROM replies WHERE answer = 'DELEGATED'")
    with op.batch_alter_table("replies", schema=None) as batch_op:
        batch_op.drop_column("delegated_to")
