"""How export and import of the program file scale with the size of a program.

Builds programs of growing size (the demo's reference data, delegations and venues, plus
N events spread over a year, each with themes, delegations and participants), then times,
on SQLite files:

- export: the whole program to a file;
- import: into a new, empty database, made beforehand (making it, which runs the schema's
  migrations whatever the file, is timed on its own as "new database");
- re-import: the same file again, which must change nothing;
- dry run: every check of an import, then a rollback;
- the database's own work: every row the import stored (records, links and history
  entries), inserted by the database driver alone with ``executemany`` into a new, empty
  database, in one transaction. No import can cost less than this, whatever its code.

Each figure is given as ratios to two baselines measured in the same run: reading
the same file with ``json.load`` (the issue's measure for 10,000 events: import at most
5 times it, export at most 3 times, printed with their targets), and writing and reading
the same document with the json module alone, so the ratios say what the database and
the checks cost on top of the file itself, whatever the machine. The import is also
given against the database's own work: what is left is the part of its cost that the
program's code decides (reading, matching and checking records, building rows).

Times are CPU seconds of this process, the median of ``--repeat`` runs (see
_common.median_time); every import goes into a new, empty database.

    python benchmarks/bench_program_file.py [--sizes 1000 10000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from _common import median_time, median_time_of_prepared, print_table

from cpp_scheduler.model.base import Base
from cpp_scheduler.programfile import dumps, export_program, import_program
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database, open_database
from cpp_scheduler.timezones import INSTANT_FORMAT

NAMESPACE = uuid.UUID("6c1a3e0e-1f7b-4a3b-9a53-0d6f1f5f4b2e")


def program_of(events: int, folder: Path) -> dict[str, Any]:
    """The demo program with ``events`` more one-off events over 2027."""
    database = open_database(folder / f"source-{events}.sqlite")
    load_demo(database)
    export_program(database, folder / "demo.json")
    database.close()
    document: dict[str, Any] = json.loads((folder / "demo.json").read_text("utf-8"))
    venues = [venue["id"] for venue in document["venues"]]
    delegations = [delegation["id"] for delegation in document["delegations"]]
    people = [person["id"] for person in document["participants"]]
    themes = [theme["id"] for theme in document["themes"]]
    first = datetime(2027, 1, 4, 0, 0, tzinfo=UTC)
    for number in range(events):
        event_id = str(uuid.uuid5(NAMESPACE, f"event {number}"))
        start = first + timedelta(hours=7 * number)
        document["events"].append(
            {
                "id": event_id,
                "uid": f"{event_id}@cpp-scheduler.tdlc",
                "sequence": 0,
                "title": f"Working session {number}",
                "kind": "workshop",
                "mode": "hybrid",
                "status": "confirmed",
                "zone": "Asia/Tokyo",
                "start": start.strftime(INSTANT_FORMAT),
                "end": (start + timedelta(minutes=90)).strftime(INSTANT_FORMAT),
                "venue": venues[number % len(venues)],
                "city": None,
                "organiser": people[0],
                "parent": None,
                "tour_day": None,
                "video_link": "",
                "description": "",
                "notes": "",
                "recurrence_rule": None,
                "changes": [],
                "themes": sorted(themes[number % 5 : number % 5 + 2]),
                "delegations": sorted(delegations[number % 3 : number % 3 + 2]),
                "participants": sorted(people[number % 20 : number % 20 + 4]),
            }
        )
    return document


def stored_rows(database: Database) -> list[tuple[str, list[str], list[tuple[Any, ...]]]]:
    """Every row ``database`` holds, table by table in the order the foreign keys need
    (a record another row of its table refers to comes first): (table, columns, rows),
    without the columns that are NULL in every row of their table."""
    found = []
    with database.engine.connect() as connection:
        for table in Base.metadata.sorted_tables:
            columns = [column.name for column in table.columns]
            listed = ", ".join(f'"{name}"' for name in columns)
            rows = [
                tuple(row)
                for row in connection.exec_driver_sql(f'SELECT {listed} FROM "{table.name}"')
            ]
            # A column NULL in every row needs no parameter: the database stores NULL.
            kept = [n for n in range(len(columns)) if any(row[n] is not None for row in rows)]
            columns = [columns[n] for n in kept]
            rows = [tuple(row[n] for n in kept) for row in rows]
            if "parent_id" in columns:
                rows = _parents_first(rows, columns.index("id"), columns.index("parent_id"))
            if rows:
                found.append((table.name, columns, rows))
    return found


def _parents_first(rows: list[tuple[Any, ...]], key: int, parent: int) -> list[tuple[Any, ...]]:
    parents = {row[key]: row[parent] for row in rows}

    def depth(row: tuple[Any, ...]) -> int:
        steps, above = 0, row[parent]
        while above is not None:
            steps, above = steps + 1, parents.get(above)
        return steps

    return sorted(rows, key=depth)


def insert_alone(
    database: Database, tables: list[tuple[str, list[str], list[tuple[Any, ...]]]]
) -> None:
    """Insert the rows with the driver's ``executemany``, in one transaction, as the
    database's own work: no SQLAlchemy, no checks, nothing but the rows."""
    raw = database.engine.raw_connection()
    try:
        cursor = raw.cursor()
        for table, columns, rows in tables:
            listed = ", ".join(f'"{name}"' for name in columns)
            marks = ", ".join("?" for _ in columns)
            cursor.executemany(f'INSERT INTO "{table}" ({listed}) VALUES ({marks})', rows)
        raw.commit()
    finally:
        raw.close()
    database.close()


def measure(events: int, folder: Path, repeat: int) -> dict[str, float]:
    document = program_of(events, folder)
    path = folder / f"program-{events}.json"
    path.write_text(dumps(document), encoding="utf-8")

    def json_load() -> None:
        with path.open(encoding="utf-8") as stream:
            json.load(stream)

    def new_database() -> Database:
        return open_database(folder / f"fresh-{uuid.uuid4().hex}.sqlite", seed=False)

    def fresh_import(database: Database) -> None:
        import_program(database, path)
        database.close()

    loaded = open_database(folder / f"loaded-{events}.sqlite", seed=False)
    import_program(loaded, path)
    rows = stored_rows(loaded)
    figures = {
        "records": float(sum(len(v) for v in document.values() if isinstance(v, list))),
        "json alone": median_time(lambda: json.loads(dumps(document)), repeat),
        "json.load": median_time(json_load, repeat),
        "export": median_time(lambda: export_program(loaded, folder / "again.json"), repeat),
        "new database": median_time(lambda: new_database().close(), repeat),
        "import": median_time_of_prepared(new_database, fresh_import, repeat),
        "re-import": median_time(lambda: import_program(loaded, path), repeat),
        "dry run": median_time(lambda: import_program(loaded, path, dry_run=True), repeat),
        "database alone": median_time_of_prepared(
            new_database, lambda database: insert_alone(database, rows), repeat
        ),
    }
    loaded.close()
    return figures


TARGETS = {"import": 5.0, "export": 3.0}
"""The issue's targets, as times ``json.load`` of the same file (for 10,000 events)."""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=5)
    arguments = parser.parse_args()
    columns = ["export", "import", "re-import", "dry run", "new database", "database alone"]
    rows = []
    targets = []
    floors = []
    with tempfile.TemporaryDirectory() as folder:
        for size in arguments.sizes:
            figures = measure(size, Path(folder), arguments.repeat)
            rows.append(
                [
                    str(size),
                    str(int(figures["records"])),
                    f"{figures['json.load']:.3f}",
                    f"{figures['json alone']:.3f}",
                    *(
                        f"{figures[name]:.3f} ({figures[name] / figures['json.load']:.1f}x"
                        f" / {figures[name] / figures['json alone']:.1f}x)"
                        for name in columns
                    ),
                ]
            )
            for name, target in TARGETS.items():
                ratio = figures[name] / figures["json.load"]
                targets.append(
                    [
                        str(size),
                        f"{name} / json.load",
                        f"{ratio:.1f}x",
                        f"{target:.0f}x",
                        "met" if ratio <= target else "not met",
                    ]
                )
            floor = figures["database alone"]
            floors.append(
                [
                    str(size),
                    f"{floor:.3f}",
                    f"{floor / figures['json.load']:.1f}x",
                    f"{figures['import'] / floor:.1f}x",
                    f"{(figures['import'] - floor) / figures['json.load']:.1f}x",
                ]
            )
    print_table(
        f"Program file: CPU seconds, median of {arguments.repeat} (import: into a new "
        "database each time); in brackets, the ratios to json.load of the file and to "
        "writing and reading the same document with json alone",
        ["events", "records", "json.load", "json alone", *columns],
        rows,
    )
    print()
    print_table(
        "Targets (issue 12, for 10,000 events)",
        ["events", "measure", "ratio", "target", ""],
        targets,
    )
    print()
    print_table(
        "The database's own work: the rows the import stored, inserted by the driver alone",
        ["events", "seconds", "/ json.load", "import / it", "import beyond it / json.load"],
        floors,
    )


if __name__ == "__main__":
    main()
