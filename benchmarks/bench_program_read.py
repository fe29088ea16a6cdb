"""How fast the whole program is read for the window and checked, on a big program.

Stores the demo program with N more one-off events over 2027 (as
bench_program_file.py makes it) and, with ``--series``, that many weekly series of a
year each, in a SQLite file, then times on it:

- the calendar's rows (``calendar_reads.load_event_rows``: column queries, series
  expanded): the baseline, the least a read of every meeting costs here;
- the engine's snapshot of the whole program (``snapshot.load_snapshot``), which the
  conflict check reads after every change;
- the same events read as entities with their links, the way the snapshot read them
  before it read their columns (``select(Event)`` with its delegations, participants,
  venue, city and changes loaded eagerly, each expanded by ``Event.occurrences()``):
  what the snapshot saves;
- the whole check (``checking.check``: the snapshot, then the engine's findings worded).

Each figure is CPU seconds of this process, the median of ``--repeat`` runs, and its
ratio to the baseline measured in the same run, so the ratios say the same on any
machine.

    python benchmarks/bench_program_read.py [--events 10000] [--series 300] [--repeat 3]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from _common import median_time, print_table
from bench_program_file import NAMESPACE, program_of
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from cpp_scheduler.model import Event, EventStatus
from cpp_scheduler.programfile import import_program
from cpp_scheduler.services.calendar_reads import load_event_rows
from cpp_scheduler.services.checking import check
from cpp_scheduler.services.snapshot import load_snapshot
from cpp_scheduler.store import Database, open_database
from cpp_scheduler.timezones import INSTANT_FORMAT


def with_series(document: dict[str, Any], count: int) -> dict[str, Any]:
    """``document`` with ``count`` weekly videoconferences of 52 meetings each."""
    delegations = [delegation["id"] for delegation in document["delegations"]]
    people = [person["id"] for person in document["participants"]]
    first = datetime(2027, 1, 4, 1, 0, tzinfo=UTC)
    for number in range(count):
        event_id = str(uuid.uuid5(NAMESPACE, f"series {number}"))
        start = first + timedelta(days=number % 7, hours=number % 9)
        document["events"].append(
            {
                "id": event_id,
                "uid": f"{event_id}@cpp-scheduler.tdlc",
                "sequence": 0,
                "title": f"Weekly coordination {number}",
                "kind": "videoconference",
                "mode": "virtual",
                "status": "confirmed",
                "zone": "Asia/Tokyo",
                "start": start.strftime(INSTANT_FORMAT),
                "end": (start + timedelta(minutes=60)).strftime(INSTANT_FORMAT),
                "venue": None,
                "city": None,
                "organiser": people[0],
                "parent": None,
                "tour_day": None,
                "video_link": "https://meet.example.org/cpp",
                "description": "",
                "notes": "",
                "recurrence_rule": "FREQ=WEEKLY;COUNT=52",
                "changes": [],
                "themes": [],
                "delegations": sorted(delegations[number % 3 : number % 3 + 2]),
                "participants": sorted(people[number % 20 : number % 20 + 3]),
            }
        )
    return document


def as_entities(database: Database) -> int:
    """The events held read as entities with their links, each expanded: the snapshot's
    read before it read columns (what it was measured against)."""
    meetings = 0
    with database.reading() as session:
        events = session.scalars(
            select(Event)
            .options(
                selectinload(Event.delegations),
                selectinload(Event.participants),
                selectinload(Event.venue),
                selectinload(Event.city),
                selectinload(Event.changes),
            )
            .where(Event.status != EventStatus.CANCELLED)
        ).all()
        for event in events:
            _ = event.locality, [d.id for d in event.delegations]
            _ = [p.id for p in event.participants]
            meetings += len(event.occurrences())
    return meetings


def snapshot(database: Database) -> int:
    with database.reading() as session:
        return len(load_snapshot(session).intervals)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--series", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder)
        document = with_series(program_of(args.events, path), args.series)
        (path / "program.json").write_text(json.dumps(document), "utf-8")
        database = open_database(path / "program.sqlite")
        import_program(database, path / "program.json")
        meetings = len(load_event_rows(database))
        timed = {
            "calendar rows (baseline)": lambda: load_event_rows(database),
            "engine's snapshot": lambda: snapshot(database),
            "events as entities (the snapshot's read before)": lambda: as_entities(database),
            "whole check (snapshot and findings)": lambda: check(database),
        }
        for action in timed.values():
            action()  # warm up: modules, mappers, the file in the page cache
        figures = {name: median_time(action, args.repeat) for name, action in timed.items()}
        database.close()
    baseline = figures["calendar rows (baseline)"]
    print_table(
        f"The whole program read, {args.events} events and {args.series} weekly series "
        f"({meetings} meetings): CPU seconds, median of {args.repeat}",
        ["read", "seconds", "x baseline"],
        [
            [name, f"{seconds:.3f}", f"{seconds / baseline:.2f}"]
            for name, seconds in figures.items()
        ],
    )


if __name__ == "__main__":
    main()
