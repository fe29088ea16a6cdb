"""The server's refusals are kept: who was refused, at which address, why and when.

A message the server refused for good (550 no such user) told nobody anything, so it is
kept in a table of its own beside the ledger of sent messages, which every reader of
what was told reads alone; the change report reads both, to say that a person was
refused rather than never sent.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05 14:30:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import cpp_scheduler.model.base

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    utc = cpp_scheduler.model.base.UTCDateTime(timezone=True)
    op.create_table(
        "refused_messages",
        sa.Column("participant_id", sa.String(length=36), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("recipient_email", sa.String(length=254), nullable=False),
        sa.Column("reply_code", sa.Integer(), nullable=False),
        sa.Column("reply_text", sa.String(length=200), nullable=False),
        sa.Column("refused_at", utc, nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", utc, nullable=False),
        sa.Column("updated_at", utc, nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_refused_messages_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_refused_messages_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refused_messages")),
    )
    op.create_index(
        "ix_refused_messages_event_participant",
        "refused_messages",
        ["event_id", "participant_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_refused_messages_event_participant", table_name="refused_messages")
    op.drop_table("refused_messages")
