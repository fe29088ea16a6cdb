"""Rows written in bulk are the rows SQLAlchemy's own INSERT writes, to the stored text:
a column empty in every row is left to the database, a column holding one value in
every row is converted once, and neither shows in what is stored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select

from cpp_scheduler.store import Database
from cpp_scheduler.store.bulk_rows import insert_rows
from cpp_scheduler.store.history import CHANGES

IMPORTED_AT = datetime(2027, 3, 1, 1, 0, 30, 123456, tzinfo=UTC)


def _entries(prefix: str, changed_at: list[datetime]) -> list[dict[str, Any]]:
    """History entries of an import: no group in any, one moment or several, labels in
    every language for some of them only."""
    return [
        {
            "record_table": "events",
            "record_id": f"{prefix}-{number}",
            "kind": "event",
            "record_label": f"event 'Mobility clinic {number}'",
            "record_labels": None if number % 2 else '{"en": "event", "ja": "イベント"}',
            "action": "created",
            "version": 1,
            "author": "Aiko Tanaka",
            "changed_at": moment,
            "fields": '{"title": [null, "Mobility clinic"]}',
            "group_id": None,
            "group_name": None,
            "group_names": None,
        }
        for number, moment in enumerate(changed_at)
    ]


def _stored(database: Database, prefix: str) -> list[tuple[Any, ...]]:
    """The stored columns of the entries whose ids begin with ``prefix``, as the
    database holds them (the driver's values, not the entity's)."""
    columns = [column for column in CHANGES.columns if column.key not in ("id", "record_id")]
    with database.engine.connect() as connection:
        found = connection.execute(
            select(CHANGES.c.record_id, *columns)
            .where(CHANGES.c.record_id.startswith(prefix))
            .order_by(CHANGES.c.record_id)
        )
        return [(record_id.removeprefix(prefix), *rest) for record_id, *rest in found]


def test_rows_written_in_bulk_are_stored_as_sqlalchemy_stores_them(database: Database) -> None:
    one_moment = [IMPORTED_AT] * 6
    several = [IMPORTED_AT + timedelta(seconds=number) for number in range(6)]
    for case, moments in (("one", one_moment), ("several", several)):
        with database.engine.begin() as connection:
            insert_rows(connection, CHANGES, _entries(f"bulk-{case}", moments))
            connection.execute(insert(CHANGES), _entries(f"sqlalchemy-{case}", moments))

        in_bulk = _stored(database, f"bulk-{case}")
        assert in_bulk == _stored(database, f"sqlalchemy-{case}")
        assert len(in_bulk) == 6
        assert all(row[-3:] == (None, None, None) for row in in_bulk)  # no group: NULL
