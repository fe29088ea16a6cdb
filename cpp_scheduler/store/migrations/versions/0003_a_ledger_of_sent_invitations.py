"""A ledger of sent invitations: who was told what about which event, and how.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02 23:55:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import cpp_scheduler.model.base

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # A new table: existing databases have sent nothing through the program yet.
    op.create_table(
        "sent_messages",
        sa.Column("participant_id", sa.String(length=36), nullable=False),
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("method", sa.String(length=16), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("sent_at", cpp_scheduler.model.base.UTCDateTime(timezone=True), nullable=False),
        sa.Column("transport", sa.String(length=16), nullable=False),
        sa.Column("message_id", sa.String(length=255), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column(
            "created_at", cpp_scheduler.model.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.Column(
            "updated_at", cpp_scheduler.model.base.UTCDateTime(timezone=True), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["event_id"],
            ["events.id"],
            name=op.f("fk_sent_messages_event_id_events"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["participant_id"],
            ["participants.id"],
            name=op.f("fk_sent_messages_participant_id_participants"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sent_messages")),
    )
    op.create_index(
        "ix_sent_messages_event_participant",
        "sent_messages",
        ["event_id", "participant_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_sent_messages_event_participant", table_name="sent_messages")
    op.drop_table("sent_messages")
