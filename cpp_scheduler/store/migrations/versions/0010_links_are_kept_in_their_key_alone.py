"""Links are kept in their key alone: SQLite's link tables have no row ids.

A link table (an event's participants, themes and delegations; a product's cities,
themes and events; a city's themes) is nothing but its two-column key. SQLite kept each
link twice, in the table under a hidden row id and in the key's index; as a table
WITHOUT ROWID it keeps it once, in the key's order: a program's links take a quarter of
the pages, and an import of a year of events writes them in about half the time.
PostgreSQL has no row ids to drop: nothing changes there.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-04 07:00:00.000000
"""

from __future__ import annotations

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

LINK_TABLES = (
    "city_themes",
    "event_delegations",
    "event_participants",
    "event_themes",
    "product_cities",
    "product_events",
    "product_themes",
)


def upgrade() -> None:
    _rebuild(with_rowid=False)


def downgrade() -> None:
    _rebuild(with_rowid=True)


def _rebuild(*, with_rowid: bool) -> None:
    """Copy each link table into one made with (or without) row ids, on SQLite."""
    if op.get_bind().dialect.name != "sqlite":
        return
    for table in LINK_TABLES:
        with op.batch_alter_table(
            table, recreate="always", table_kwargs={"sqlite_with_rowid": with_rowid}
        ):
            pass
