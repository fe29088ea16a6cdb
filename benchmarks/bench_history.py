"""What the history of every change costs an import of a whole program.

Imports the same program file (the demo's reference data and people plus N events over
2027, built by ``bench_program_file.program_of``) into a new SQLite database twice per
round: once as the program runs, writing one history row per record in the import's
transaction, and once with the store's history listeners detached, the baseline. The
ratio is the cost of the history; the target is under 1.25 for 10,000 events.

Times are CPU seconds of this process (the database work runs in it), best of three.

    python benchmarks/bench_history.py [--sizes 1000 10000]
"""

from __future__ import annotations

import argparse
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from _common import best_time, print_table
from bench_program_file import program_of
from sqlalchemy import event, func, select

from cpp_scheduler.model import Change
from cpp_scheduler.programfile import bulk, dumps, import_program
from cpp_scheduler.store import history as store_history
from cpp_scheduler.store import open_database
from cpp_scheduler.store.session import StoreSession

LISTENERS = (
    ("after_flush", store_history._note_changes),
    ("before_commit", store_history._write_changes),
    ("after_rollback", store_history._forget_changes),
)


@contextmanager
def without_history() -> Iterator[None]:
    """The store as it was before it kept a history: its listeners detached, and the
    bulk writer of an import's new records noting nothing for them."""
    for name, listener in LISTENERS:
        event.remove(StoreSession, name, listener)
    noting = bulk.note_created
    bulk.note_created = lambda *_args, **_values: None
    try:
        yield
    finally:
        bulk.note_created = noting
        for name, listener in LISTENERS:
            event.listen(StoreSession, name, listener)


def import_once(folder: Path, path: Path) -> int:
    """Import ``path`` into a new database; the history rows it wrote."""
    database = open_database(folder / f"fresh-{uuid.uuid4().hex}.sqlite", seed=False)
    try:
        import_program(database, path)
        with database.session() as session:
            return session.scalar(select(func.count()).select_from(Change)) or 0
    finally:
        database.close()


def measure(events: int, folder: Path) -> tuple[float, float, int]:
    path = folder / f"program-{events}.json"
    path.write_text(dumps(program_of(events, folder)), encoding="utf-8")
    with without_history():
        baseline, _ = best_time(lambda: import_once(folder, path), 3)
    with_history, rows = best_time(lambda: import_once(folder, path), 3)
    return baseline, with_history, rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    sizes = parser.parse_args().sizes
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            baseline, with_history, written = measure(size, Path(folder))
            rows.append(
                [
                    str(size),
                    str(written),
                    f"{baseline:.2f}",
                    f"{with_history:.2f}",
                    f"{with_history / baseline:.2f}x",
                ]
            )
    print_table(
        "Import of a program file into a new database, CPU seconds, best of three: "
        "without the history (baseline) and with it",
        ["events", "history rows", "without", "with history", "ratio"],
        rows,
    )


if __name__ == "__main__":
    main()
