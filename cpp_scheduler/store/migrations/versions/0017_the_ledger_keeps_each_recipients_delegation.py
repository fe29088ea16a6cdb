"""The ledger keeps each recipient's delegation as it was when the message went.

Invitations go out per event or per delegation, and the change report tells a person
on an event who was never sent it from one left out of a batch for other delegations by
the delegations the event's messages went to. It read them as the recipients'
delegations now: once a delegation was deleted, its members became people of no
delegation, and every person of no delegation on its events (a speaker named on a
session) read as left out of a batch that went their way. Each row of the ledger, and
of the server's refusals, now keeps the recipient's delegation when it was written.

Rows written before this revision take the recipient's delegation now, the only one
known, which is what the report read for them until now.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-07 15:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

_LEDGERS = ("sent_messages", "refused_messages")


def upgrade() -> None:
    for table in _LEDGERS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column("delegation_id", sa.String(length=36), nullable=True))
        op.execute(
            f"UPDATE {table} SET delegation_id = (SELECT participants.delegation_id "
            f"FROM participants WHERE participants.id = {table}.participant_id)"
        )


def downgrade() -> None:
    for table in _LEDGERS:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("delegation_id")
