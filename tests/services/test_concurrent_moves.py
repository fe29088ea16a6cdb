"""Eight coordinators drag the same events at the same time: no move is lost.

Each process does what a drag in the calendar does: reads the event's row (and its
version) as the calendar shows it, then moves the event, or one meeting of a series,
through the service with the version it read. A move either lands, and is then what the
database holds until a later accepted move, or is refused with ConcurrentEditError;
never does a move overwrite one it did not see.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from cpp_scheduler.model import Event
from cpp_scheduler.services import calendar_reads, editing, series
from cpp_scheduler.store import ConcurrentEditError, Database, open_database
from tests.colleagues import colleagues

WORKERS = 8
ROUNDS = 12
FIRST = datetime(2027, 1, 13, 1, 0, tzinfo=UTC)
SECOND_MEETING = FIRST + timedelta(weeks=1)


@dataclass(frozen=True)
class Move:
    """One attempt: which meeting, the version read, and what came of it."""

    target: str
    start: datetime
    read_version: int
    new_version: int | None
    """None when refused."""


def _shown_version(database: Database, event_id: str, recurrence_id: datetime | None) -> int:
    """The version the calendar's row of that meeting shows."""
    rows = calendar_reads.load_event_rows(database, [event_id])
    return next(row.version for row in rows if row.recurrence_id == recurrence_id)


def _drag(url: str, worker: int, barrier: Any, results: Any) -> None:
    """One coordinator: ROUNDS times, drag the workshop and the series' second meeting."""
    database = open_database(url)
    moves: list[Move] = []
    try:
        with database.session() as session:
            found = {event.title: event.id for event in session.query(Event)}
        barrier.wait(timeout=60)
        for number in range(ROUNDS):
            minutes = 15 * (worker * ROUNDS + number + 1)  # every attempt its own time
            for target in ("workshop", "meeting"):
                event_id = found["Kobe DRR workshop" if target == "workshop" else "Weekly call"]
                recurrence_id = None if target == "workshop" else SECOND_MEETING
                read = _shown_version(database, event_id, recurrence_id)
                start = (FIRST if target == "workshop" else SECOND_MEETING) + timedelta(
                    minutes=minutes
                )
                end = start + timedelta(hours=1)
                time.sleep(0.002)  # the drag itself: the row stays as read meanwhile
                try:
                    if recurrence_id is None:
                        saved = series.move_event(database, event_id, start, end, read)
                        new_version = saved.version
                    else:
                        new_version = series.move_meeting(
                            database, event_id, recurrence_id, start, end, read
                        ).version
                except ConcurrentEditError:
                    new_version = None
                moves.append(Move(target, start, read, new_version))
        results.put((worker, moves, None))
    except BaseException as error:  # reported to the test, which fails with it
        results.put((worker, moves, f"{type(error).__name__}: {error}"))
    finally:
        database.close()


def _run_workers(url: str) -> list[Move]:
    context = colleagues()
    barrier = context.Barrier(WORKERS)
    results = context.Queue()
    workers = [
        context.Process(target=_drag, args=(url, number, barrier, results))
        for number in range(WORKERS)
    ]
    for process in workers:
        process.start()
    moves: list[Move] = []
    failures = []
    for _ in workers:
        _worker, done, failure = results.get(timeout=120)
        moves.extend(done)
        if failure:
            failures.append(failure)
    for process in workers:
        process.join(timeout=30)
    assert not failures, failures
    return moves


def test_eight_coordinators_moving_the_same_events_lose_no_move(
    database: Database, database_url: str
) -> None:
    workshop = editing.create(
        database,
        Event,
        {"title": "Kobe DRR workshop", "start_utc": FIRST, "end_utc": FIRST + timedelta(hours=1)},
    )
    weekly = editing.create(
        database,
        Event,
        {
            "title": "Weekly call",
            "start_utc": FIRST,
            "end_utc": FIRST + timedelta(hours=1),
            "recurrence_rule": "FREQ=WEEKLY;COUNT=4",
        },
    )
    database.engine.dispose()  # the workers open their own connections

    moves = _run_workers(database_url)

    assert len(moves) == WORKERS * ROUNDS * 2
    for target, event_id, recurrence_id in (
        ("workshop", workshop, None),
        ("meeting", weekly, SECOND_MEETING),
    ):
        accepted = sorted(
            (move for move in moves if move.target == target and move.new_version is not None),
            key=lambda move: move.new_version or 0,
        )
        refused = [move for move in moves if move.target == target and move.new_version is None]
        assert accepted
        assert refused, "the coordinators never got in each other's way"
        # Each accepted move was made on the version the one before it left: none was
        # made on a version another accepted move had already replaced.
        assert [move.read_version for move in accepted] == list(range(1, len(accepted) + 1))
        assert [move.new_version for move in accepted] == list(range(2, len(accepted) + 2))
        shown = series.meeting(database, event_id, recurrence_id)
        assert shown.version == len(accepted) + 1
        assert shown.start_utc == accepted[-1].start  # the last accepted move is what holds
