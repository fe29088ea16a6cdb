"""Undo and redo of a calendar import, against the import itself.

    python benchmarks/bench_import_undo.py [--sizes 1000 10000] [--repeat 3]

The window makes a calendar import one undo step: Ctrl+Z takes back every event it
made, Ctrl+Y makes them again. For each size, a calendar of that many events (the
calendar import benchmark's mix of series, zones and single meetings) is imported into
a new SQLite database, taken back and made again; each figure is the median CPU seconds
of ``--repeat`` rounds, and is given as a ratio to the import in the same run.

What must hold: undo and redo cost a small multiple of the import, whatever the size
(the ratios stay flat from the smaller size to the larger). Before they worked a table
at a time, both took a few statements per event, and the database looked for each
deleted event's sessions through every event: undoing 10,000 events took minutes.

A second table takes an import that updates every event instead (the same calendar at a
higher SEQUENCE, over events the program holds), on a SQLite file and on a PostgreSQL
server (``--postgres``, a scratch database made and dropped): wall seconds, since the
server's work is not this process's, and the statements each step sends.
Undoing it puts the events back as they were a table at a time, as for the events an
import creates.
"""

from __future__ import annotations

import argparse
import gc
import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from _common import print_table
from bench_calendar_import import calendar_text
from sqlalchemy import event

from cpp_scheduler.ical.importer import ParsedCalendar, read_calendar
from cpp_scheduler.services import calendar_import
from cpp_scheduler.store import Database, open_database


def _round(database: Database, parsed: ParsedCalendar) -> tuple[float, float, float]:
    """CPU seconds of one import into ``database``, its undo and its redo."""
    gc.collect()
    started = time.process_time()
    _report, undo = calendar_import.import_undoably(database, parsed)
    imported = time.process_time()
    calendar_import.undo_import(database, undo)
    undone = time.process_time()
    calendar_import.redo_import(database, undo)
    redone = time.process_time()
    return imported - started, undone - imported, redone - undone


def measure(events: int, folder: Path, repeat: int) -> dict[str, float]:
    parsed = read_calendar(calendar_text(events).encode(), "partners.ics")
    rounds = []
    for number in range(max(1, repeat)):
        database = open_database(folder / f"program-{events}-{number}.sqlite")
        try:
            rounds.append(_round(database, parsed))
        finally:
            database.close()
    return {
        name: statistics.median(times)
        for name, times in zip(("import", "undo", "redo"), zip(*rounds, strict=True), strict=True)
    }


def measure_updated(url: str, events: int) -> dict[str, float]:
    """Wall seconds of an import that updates ``events`` events the database at ``url``
    holds, of its undo and its redo, and the statements each sends."""
    text = calendar_text(events)
    later = text.replace("SEQUENCE:0", "SEQUENCE:1").replace("SUMMARY:Working", "SUMMARY:Revised")
    database = open_database(url)
    try:
        calendar_import.import_undoably(database, read_calendar(text.encode(), "partners.ics"))
        parsed = read_calendar(later.encode(), "partners.ics")
        sent = [0]

        def count(*_arguments: object) -> None:
            sent[0] += 1

        event.listen(database.engine, "before_cursor_execute", count)
        figures: dict[str, float] = {}
        started = time.perf_counter()
        _report, undo = calendar_import.import_undoably(database, parsed)
        figures["import"] = time.perf_counter() - started
        assert len(undo.updated) == events, "every event of the calendar is updated"
        for name, step in (
            ("undo", calendar_import.undo_import),
            ("redo", calendar_import.redo_import),
        ):
            sent[0] = 0
            started = time.perf_counter()
            step(database, undo)
            figures[name] = time.perf_counter() - started
            figures[f"{name} statements"] = sent[0]
    finally:
        database.close()
    return figures


@contextmanager
def scratch_server_database(server: str) -> Iterator[str | None]:
    """The address of a new database on the PostgreSQL ``server``, dropped afterwards;
    None when the server cannot be reached."""
    name = f"bench_undo_{uuid.uuid4().hex[:8]}"
    try:
        with psycopg.connect(server, autocommit=True, connect_timeout=3) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
    except psycopg.Error as error:
        print(f"PostgreSQL skipped: {error}")
        yield None
        return
    try:
        yield f"postgresql+psycopg://{server.split('://', 1)[1].rsplit('/', 1)[0]}/{name}"
    finally:
        with psycopg.connect(server, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def updated_rows(events: int, folder: Path, server: str) -> list[list[str]]:
    rows = []
    places = [("SQLite file", str(folder / f"updated-{events}.sqlite"))]
    with scratch_server_database(server) as url:
        if url is not None:
            places.append(("PostgreSQL", url))
        for place, address in places:
            figures = measure_updated(address, events)
            rows.append(
                [
                    place,
                    str(events),
                    f"{figures['import']:.2f}",
                    *(
                        f"{figures[name]:.2f} ({figures[name] / figures['import']:.1f}x, "
                        f"{figures[name + ' statements']:.0f} statements)"
                        for name in ("undo", "redo")
                    ),
                ]
            )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--updated", type=int, default=1000, help="events updated")
    parser.add_argument("--postgres", default="postgresql://postgres@127.0.0.1:5432/postgres")
    arguments = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in arguments.sizes:
            figures = measure(size, Path(folder), arguments.repeat)
            rows.append(
                [
                    str(size),
                    f"{figures['import']:.2f}",
                    f"{figures['undo']:.2f} ({figures['undo'] / figures['import']:.1f}x)",
                    f"{figures['redo']:.2f} ({figures['redo'] / figures['import']:.1f}x)",
                ]
            )
    print_table(
        f"Calendar import, its undo and its redo: CPU seconds, median of {arguments.repeat}; "
        "in brackets, the ratio to the import",
        ["events", "import", "undo", "redo"],
        rows,
    )
    print()
    with tempfile.TemporaryDirectory() as folder:
        updated = updated_rows(arguments.updated, Path(folder), arguments.postgres)
    print_table(
        "A calendar import that updates every event, its undo and its redo: wall seconds; "
        "in brackets, the ratio to the import and the statements sent",
        ["database", "events", "import", "undo", "redo"],
        updated,
    )


if __name__ == "__main__":
    main()
