"""Several coordinators, each a process of its own, save the same events at once: no
save is lost, none waits for ever, and the history holds every accepted save once.

Each writer raises its own counter in an event's notes, read with its version and saved
against it, as a dialog or a drag does. A save refused for a newer version is read again
and retried until one lands (with a cap): the rounds are a fixed number, so the test
passes or fails the same way however the processes happen to be scheduled.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select

from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.model import Event, EventKind
from cpp_scheduler.model.history import Change
from cpp_scheduler.services import editing
from cpp_scheduler.store import ConcurrentEditError, Database, open_database
from tests.colleagues import colleagues

WRITERS = 6
ROUNDS = 12
EVENTS = 3
ATTEMPTS = 500
"""Tries one round may take before its writer gives up (and the test fails)."""
START = datetime(2027, 1, 12, 1, 0, tzinfo=UTC)


def _write(url: str, name: str, events: list[str], barrier: Any, results: Any) -> None:
    """One coordinator's rounds of saves, told back to the test as a report."""
    landed: list[list[object]] = []
    refused, failures = 0, []
    try:
        database = open_database(url, author=name, timeout=30)
        try:
            barrier.wait(timeout=60)  # all at once, so that they get in each other's way
            for number in range(ROUNDS):
                event = events[(number + int(name.removeprefix("writer"))) % len(events)]
                for _attempt in range(ATTEMPTS):
                    read = editing.stored(database, Event, event)
                    counters = json.loads(read.values["notes"] or "{}")
                    counters[name] = counters.get(name, 0) + 1
                    try:
                        saved = editing.change(
                            database, Event, event, {"notes": json.dumps(counters)}, read.version
                        )
                    except ConcurrentEditError:
                        refused += 1
                        continue
                    except SchedulerError as error:
                        failures.append(str(error))
                        continue
                    landed.append([event, saved.version])
                    break
                else:
                    failures.append(f"round {number} never landed")
        finally:
            database.close()
    except BaseException as error:  # reported to the test, which fails with it
        failures.append(f"{type(error).__name__}: {error}")
    results.put({"name": name, "landed": landed, "refused": refused, "failures": failures})


def _events(database: Database) -> list[str]:
    return [
        editing.create(
            database,
            Event,
            {
                "title": f"Shared workshop {number}",
                "kind": EventKind.WORKSHOP,
                "start_utc": START + timedelta(days=number),
                "end_utc": START + timedelta(days=number, hours=2),
                "zone": "Asia/Tokyo",
                "notes": "",
            },
        )
        for number in range(EVENTS)
    ]


def _run_writers(url: str, events: list[str]) -> list[dict[str, object]]:
    """Start the writers, let them go together, and collect what each was told."""
    context = colleagues()
    barrier = context.Barrier(WRITERS)
    results = context.Queue()
    writers = [
        context.Process(target=_write, args=(url, f"writer{n}", events, barrier, results))
        for n in range(WRITERS)
    ]
    for writer in writers:
        writer.start()
    try:
        # A deadlock would hold a writer here: the timeout fails the test instead.
        reports = [results.get(timeout=120) for _ in writers]
        for writer in writers:
            writer.join(timeout=30)
        return sorted(reports, key=lambda report: str(report["name"]))
    finally:
        for writer in writers:
            if writer.is_alive():
                writer.kill()
                writer.join()


def test_writers_on_shared_events_lose_nothing_and_the_history_has_each_save_once(
    database: Database, database_url: str
) -> None:
    events = _events(database)

    reports = _run_writers(database_url, events)

    assert [report["failures"] for report in reports] == [[]] * WRITERS
    landed: Counter[tuple[str, str]] = Counter()
    accepted: set[tuple[str, int, str]] = set()
    for report in reports:
        name = str(report["name"])
        for event, version in report["landed"]:  # type: ignore[attr-defined]
            landed[(event, name)] += 1
            accepted.add((event, version, name))
    assert sum(landed.values()) == WRITERS * ROUNDS
    # No lost update: each writer's counter in each event is the saves it was told landed.
    for event in events:
        counters = json.loads(editing.stored(database, Event, event).values["notes"] or "{}")
        assert counters == {
            name: count for (where, name), count in landed.items() if where == event
        }
    # The history: every accepted save exactly once, at its version, under its writer.
    with database.session() as session:
        recorded = session.execute(
            select(Change.record_id, Change.version, Change.author).where(
                Change.record_id.in_(events), Change.action == "changed"
            )
        ).all()
    assert len(recorded) == len(accepted) == WRITERS * ROUNDS
    assert {(event, version, author) for event, version, author in recorded} == accepted
    for event in events:
        versions = sorted(version for where, version, _author in recorded if where == event)
        assert versions == list(range(2, 2 + len(versions)))  # one version per save
