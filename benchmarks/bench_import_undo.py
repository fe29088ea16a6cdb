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
"""

from __future__ import annotations

import argparse
import gc
import statistics
import tempfile
import time
from pathlib import Path

from _common import print_table
from bench_calendar_import import calendar_text

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=3)
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


if __name__ == "__main__":
    main()
