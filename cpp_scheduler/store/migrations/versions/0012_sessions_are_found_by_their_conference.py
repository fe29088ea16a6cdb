"""Sessions are found by their conference through an index.

Deleting an event makes the database look for the sessions it takes with it (ON DELETE
CASCADE), and the conflict check, the programme and the undo of a deletion ask for a
conference's sessions: without an index each such look reads every event, and taking
back an import of thousands of events read the whole table once per event.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 07:00:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_events_parent_id", "events", ["parent_id"])


def downgrade() -> None:
    op.drop_index("ix_events_parent_id", table_name="events")
