"""Replies to invitations: who accepted, declined or may come, per event or meeting.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03 04:50:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import cpp_scheduler.model.base

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    utc = cpp_scheduler.model.base.UTCDateTime(timezone=True)
    op.create_table(
        "replies",
        sa.Column("participant_id", sa.String(length=36), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("recurrence_id", utc, nullable=True),
        sa.Column("answer", sa.String(length=16), nullable=False),
        sa.Column("replied_at", utc, nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", utc, nullable=False),
        sa.Column("updated_at", utc, nullable=False),
        sa.ForeignKeyConstraint(
            ["event_id"], ["events.id"], name=op.f("fk_replies_event_id_events"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_replies_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_replies")),
    )
    op.create_index(
        "ix_replies_event_participant", "replies", ["event_id", "participant_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index("ix_replies_event_participant", table_name="replies")
    op.drop_table("replies")
