"""Events name their host: TDLC in Tokyo (no value) or a partner city's office.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02 22:40:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Every existing event was hosted by TDLC in Tokyo, which the column says with NULL.
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("host_city_id", sa.String(length=36), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_events_host_city_id_partner_cities"),
            "partner_cities",
            ["host_city_id"],
            ["id"],
            ondelete="SET NULL",
        )


def downgrade() -> None:
    with op.batch_alter_table("events", schema=None) as batch_op:
        batch_op.drop_constraint(
            batch_op.f("fk_events_host_city_id_partner_cities"), type_="foreignkey"
        )
        batch_op.drop_column("host_city_id")
