"""How export and import of the program file scale with the size of a program.

Builds programs of growing size (the demo's reference data, delegations and venues, plus
N events spread over a year, each with themes, delegations and participants), then times,
on SQLite files:

- export: the whole program to a file;
- import: into a new, empty database;
- re-import: the same file again, which must change nothing;
- dry run: every check of an import, then a rollback.

Each figure is also given as ratios to two baselines measured in the same run: reading
the same file with ``json.load`` (the issue's measure: import at most 5 times it, export
at most 3 times), and writing and reading the same document with the json module alone,
so the ratios say what the database and the checks cost on top of the file itself,
whatever the machine.

Times are CPU seconds of this process, best of three (see _common.best_time).

    python benchmarks/bench_program_file.py [--sizes 250 1000 4000]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from _common import best_time, print_table

from cpp_scheduler.programfile import dumps, export_program, import_program
from cpp_scheduler.programfile.layout import INSTANT_FORMAT
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import open_database

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


def seconds(action: Callable[[], object], repeat: int = 3) -> float:
    return best_time(action, repeat)[0]


def measure(events: int, folder: Path) -> dict[str, float]:
    document = program_of(events, folder)
    path = folder / f"program-{events}.json"
    path.write_text(dumps(document), encoding="utf-8")
    baseline = seconds(lambda: json.loads(dumps(document)))

    def json_load() -> None:
        with path.open(encoding="utf-8") as stream:
            json.load(stream)

    reading = seconds(json_load)

    def fresh_import() -> None:
        target = folder / f"fresh-{uuid.uuid4().hex}.sqlite"
        database = open_database(target, seed=False)
        import_program(database, path)
        database.close()

    loaded = open_database(folder / f"loaded-{events}.sqlite", seed=False)
    import_program(loaded, path)
    figures = {
        "records": float(sum(len(v) for v in document.values() if isinstance(v, list))),
        "json alone": baseline,
        "json.load": reading,
        "export": seconds(lambda: export_program(loaded, folder / "again.json")),
        "import": seconds(fresh_import, repeat=1),
        "re-import": seconds(lambda: import_program(loaded, path)),
        "dry run": seconds(lambda: import_program(loaded, path, dry_run=True)),
    }
    loaded.close()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000, 4000])
    sizes = parser.parse_args().sizes
    columns = ["export", "import", "re-import", "dry run"]
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            figures = measure(size, Path(folder))
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
    print_table(
        "Program file: CPU seconds, best of three (import: once, into a new database); in "
        "brackets, the ratios to json.load of the file (targets: import 5x, export 3x) and "
        "to writing and reading the same document with json alone",
        ["events", "records", "json.load", "json alone", *columns],
        rows,
    )


if __name__ == "__main__":
    main()
