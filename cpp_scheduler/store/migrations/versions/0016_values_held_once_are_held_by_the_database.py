"""Values held once are held by the database: two colleagues cannot both save "Lima".

A delegation's name, a participant's address, a partner city's name, a theme's code and
a route of the travel-time table are held once, compared without case or spaces around
them (a route either way round). The program checks that before a save writes, but two
colleagues saving "Lima" and "lima " at one moment both pass the check. Each of those
tables now keeps the value as the check compares it in ``held_once``, under a unique
index, and the database refuses the second save.

A database may already hold two records whose values are one (saved at one moment
before this revision, or by a program that compared values letter for letter). Nothing
is renamed or deleted: the record made first (then the one with the lower id) holds the
value, and its twin keeps an empty ``held_once``. The twin saves its other changes as
before, as the program's check lets it while that value is left as it is (in other
capitals too); given another value, it holds that one as any record does.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06 12:00:00.000000
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sqlalchemy as sa
from alembic import op

from cpp_scheduler.model.reference import route_key
from cpp_scheduler.model.validation import folded, held_text

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None


def _folded(column: str) -> tuple[tuple[str, ...], Callable[..., Any]]:
    return (column,), lambda value: folded(value) or None


HELD: dict[str, tuple[tuple[str, ...], Callable[..., Any]]] = {
    "delegations": _folded("name"),
    "participants": _folded("email"),
    "partner_cities": _folded("name"),
    "thematic_areas": _folded("code"),
    "travel_times": (("origin", "destination", "mode"), route_key),
}
"""Each table's columns that make the value, and the value as the program compares it."""


def upgrade() -> None:
    connection = op.get_bind()
    for table_name, (columns, key) in HELD.items():
        op.add_column(table_name, sa.Column("held_once", sa.Text(), nullable=True))
        table = sa.table(
            table_name,
            sa.column("id"),
            sa.column("created_at"),
            sa.column("held_once"),
            *(sa.column(name) for name in columns),
        )
        rows = connection.execute(
            sa.select(table.c.id, *(table.c[name] for name in columns)).order_by(
                table.c.created_at, table.c.id
            )
        ).all()
        holders: dict[str, str] = {}
        for record_id, *values in rows:
            value = held_text(key(*values))
            if value is not None and value not in holders:
                holders[value] = record_id  # the first made holds it; a twin, nothing
        for value, record_id in holders.items():
            connection.execute(
                sa.update(table).where(table.c.id == record_id).values(held_once=value)
            )
        op.create_index(f"ix_{table_name}_held_once", table_name, ["held_once"], unique=True)


def downgrade() -> None:
    # Dropped in place (SQLite's own DROP COLUMN), not by copying the table as a batch
    # would: dropping a table others refer to ON DELETE CASCADE takes their rows with it.
    for table_name in HELD:
        op.drop_index(f"ix_{table_name}_held_once", table_name=table_name)
        op.drop_column(table_name, "held_once")
