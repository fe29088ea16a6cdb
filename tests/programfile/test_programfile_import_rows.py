"""An import into an empty database writes, table by table, what the file says: every
column of every record, every link, every owned record, and one history entry each.

Read back with plain column queries of each table, not through the entities or the
export, so the check holds whichever way the import writes its rows."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Table, inspect, select

from cpp_scheduler.model import Change
from cpp_scheduler.programfile import export_program, import_program
from cpp_scheduler.programfile.layout import SECTIONS, Kind
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database, open_database
from cpp_scheduler.store.history import plain

SERIES_ID = "5d0e8f7a-2222-4c3b-8d1e-000000000001"


@pytest.fixture
def program_file(sqlite_database: Database, tmp_path: Path) -> Path:
    """The demo program with a weekly series that has one moved and one cancelled
    meeting, and themes, delegations and people linked."""
    load_demo(sqlite_database)
    path = tmp_path / "program.json"
    export_program(sqlite_database, path)
    document: dict[str, Any] = json.loads(path.read_text("utf-8"))
    document["events"].append(
        {
            "id": SERIES_ID,
            "uid": f"{SERIES_ID}@example.org",
            "sequence": 3,
            "title": "Weekly coordination",
            "kind": "workshop",
            "mode": "hybrid",
            "status": "confirmed",
            "zone": "Asia/Tokyo",
            "start": "2027-03-01T01:00:00Z",
            "end": "2027-03-01T02:00:00Z",
            "recurrence_rule": "FREQ=WEEKLY;COUNT=6",
            "video_link": "https://example.org/weekly",
            "venue": document["venues"][0]["id"],
            "organiser": document["participants"][0]["id"],
            "themes": [theme["id"] for theme in document["themes"][:2]],
            "delegations": [document["delegations"][0]["id"]],
            "participants": [person["id"] for person in document["participants"][:3]],
            "changes": [
                {
                    "id": "5d0e8f7a-2222-4c3b-8d1e-000000000002",
                    "recurrence_id": "2027-03-08T01:00:00Z",
                    "cancelled": False,
                    "start": "2027-03-09T01:00:00Z",
                    "end": "2027-03-09T02:00:00Z",
                },
                {
                    "id": "5d0e8f7a-2222-4c3b-8d1e-000000000003",
                    "recurrence_id": "2027-03-15T01:00:00Z",
                    "cancelled": True,
                    "start": None,
                    "end": None,
                },
            ],
        }
    )
    path.write_text(json.dumps(document), "utf-8")
    return path


def _columns(kind: Kind) -> dict[str, str]:
    """Attribute -> column of the kind's table."""
    mapper = inspect(kind.entity)
    return {prop.key: prop.columns[0].key for prop in mapper.column_attrs}


def _expected(
    kind: Kind, records: list[dict[str, Any]], owner: tuple[str, str] | None = None
) -> tuple[dict[Table, dict[str, dict[str, Any]]], set[tuple[str, str, str]], dict[str, Any]]:
    """What the file says each table holds: rows by id (their columns as the file writes
    them), link rows (table, record, target), and every record's file values by id."""
    mapper = inspect(kind.entity)
    table: Any = mapper.local_table
    columns = _columns(kind)
    relationships = mapper.relationships
    rows: dict[Table, dict[str, dict[str, Any]]] = {table: {}}
    links: set[tuple[str, str, str]] = set()
    values: dict[str, Any] = {}
    for record in records:
        row: dict[str, Any] = {"id": record["id"], "version": 1}
        for value in kind.values:
            if value.key in record:
                row[columns[value.name]] = value.codec.encode(value.codec.decode(record[value.key]))
        for link in kind.links:
            if link.key in record:
                local = next(iter(relationships[link.name].local_columns))
                row[str(local.key)] = record[link.key]
        if owner is not None:
            row[owner[1]] = owner[0]
        rows[table][record["id"]] = row
        values[record["id"]] = (kind, record)
        for many in kind.many:
            secondary: Any = relationships[many.key].secondary
            links |= {(secondary.name, record["id"], target) for target in record.get(many.key, [])}
        for owned in kind.owned:
            remote = next(iter(relationships[owned.key].remote_side))
            child_rows, child_links, child_values = _expected(
                owned.kind, record.get(owned.key, []), (record["id"], str(remote.key))
            )
            for child_table, by_id in child_rows.items():
                rows.setdefault(child_table, {}).update(by_id)
            links |= child_links
            values.update(child_values)
    return rows, links, values


def _link_rows(database: Database, kind: Kind) -> set[tuple[str, str, str]]:
    found: set[tuple[str, str, str]] = set()
    relationships = inspect(kind.entity).relationships
    with database.engine.connect() as connection:
        for many in kind.many:
            relationship = relationships[many.key]
            secondary: Any = relationship.secondary
            pairs: Any = relationship.secondary_synchronize_pairs
            own = relationship.synchronize_pairs[0][1]
            other = pairs[0][1]
            for record_id, target_id in connection.execute(select(own, other)):
                found.add((secondary.name, record_id, target_id))
    return found


def test_an_import_into_an_empty_database_writes_what_the_file_says(
    program_file: Path, database_url: str, tmp_path: Path
) -> None:
    # On each backend in turn: a new, empty database (the program's source is SQLite).
    document: dict[str, Any] = json.loads(program_file.read_text("utf-8"))
    target = database_url if "://" in database_url else tmp_path / "empty.sqlite"
    empty = open_database(target, seed=False)
    try:
        import_program(empty, program_file)
        every_value: dict[str, Any] = {}
        for kind in SECTIONS:
            rows, links, values = _expected(kind, document[kind.section])
            every_value.update(values)
            with empty.engine.connect() as connection:
                for table, expected in rows.items():
                    codecs = {
                        _columns(k)[value.name]: value.codec
                        for k in (kind, *(owned.kind for owned in kind.owned))
                        if inspect(k.entity).local_table is table
                        for value in k.values
                    }
                    found = {row["id"]: row for row in connection.execute(select(table)).mappings()}
                    assert set(found) == set(expected), table.name
                    for record_id, wanted in expected.items():
                        stored = {
                            column: codecs[column].encode(found[record_id][column])
                            if column in codecs
                            else found[record_id][column]
                            for column in wanted
                        }
                        assert stored == wanted, f"{table.name} {record_id}"
            assert _link_rows(empty, kind) == links, kind.section
        with empty.engine.connect() as connection:
            history = list(connection.execute(select(Change.__table__)).mappings())
    finally:
        empty.close()
    assert sorted(row["record_id"] for row in history) == sorted(every_value)
    for row in history:
        kind, record = every_value[row["record_id"]]
        assert (row["action"], row["version"], row["kind"]) == ("created", 1, kind.record_kind)
        assert row["group_name"] == f"program file {program_file}"
        fields = json.loads(row["fields"])
        for value in kind.values:
            decoded = value.codec.decode(record[value.key]) if value.key in record else None
            if decoded is not None:
                assert fields[value.name] == [None, plain(decoded)], (row["record_id"], value)
        for many in kind.many:
            if record.get(many.key):
                assert fields[many.key] == [None, sorted(record[many.key])]
