"""Eight coordinators change the same tour activity at once, each by another path: the
tour builder moving it to the next day, a calendar file updating it, a program file
edited and imported again. No write is lost, and every refusal is one clear line.

The database itself keeps the record: a trigger notes every change of the event's
version (the version it was at, the one it went to). A write that did not see the one
before it would start again from a version already left, so the test asserts that every
version was left exactly once, one step at a time; and a move of the builder carries the
version its board showed, so each accepted move starts from the version the one before it
left.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import select, text

from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.ical.importer import read_calendar
from cpp_scheduler.model import Delegation, Event, EventKind, StudyTour, TourDay
from cpp_scheduler.programfile.exporter import export_program
from cpp_scheduler.programfile.importer import import_program
from cpp_scheduler.services import calendar_import, editing, tours
from cpp_scheduler.store import Database, open_database
from tests.colleagues import colleagues

WORKERS = 8
ROUNDS = 6
# A coordinator whose writes were all refused tries again, as one would, until one lands;
# once the others have finished nobody is in the way, so each path lands in the end.
MOST_ROUNDS = 200
FIRST_DAY = date(2027, 3, 8)
PATHS = ("tour builder", "calendar import", "program import")
LOGGED = text("SELECT old_version, new_version FROM version_log")


@dataclass(frozen=True)
class Attempt:
    """One write: by which path, the version read where the path shows one, what came
    of it (the version left, or the refusal's message)."""

    path: str
    read_version: int | None
    new_version: int | None
    refusal: str | None = None


def _builder_move(database: Database, tour_id: str, activity_id: str) -> Attempt:
    """What the builder's "move to the next day" does: read the board, move the card."""
    board = tours.read_board(database, tour_id)
    card = next(day for day in board.days if any(e.id == activity_id for e in day.events))
    activity = next(e for e in card.events if e.id == activity_id)
    other = board.day(card.day + timedelta(days=1 if card.number == 1 else -1))
    assert other.tour_day_id is not None
    time.sleep(0.002)  # the coordinator's hand on the mouse: the board stays as read
    values = tours.moved_event_values(activity, other.day - card.day, other.tour_day_id)
    saved = editing.change(database, Event, activity_id, values, activity.version)
    return Attempt("tour builder", activity.version, saved.version)


def _calendar(uid: str, title: str, sequence: int) -> bytes:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//A colleague//EN",
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"SEQUENCE:{sequence}",
        "DTSTAMP:20270101T000000Z",
        "DTSTART:20270308T010000Z",
        "DTEND:20270308T020000Z",
        f"SUMMARY:{title}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return ("\r\n".join(lines) + "\r\n").encode()


def _calendar_import(database: Database, uid: str, title: str, sequence: int) -> Attempt:
    """What the window's File > Import calendar does with a colleague's updated file."""
    parsed = read_calendar(_calendar(uid, title, sequence), "update.ics")
    report, _undo = calendar_import.import_undoably(database, parsed)
    return Attempt("calendar import", None, max(report.versions.values(), default=None))


def _program_import(database: Database, folder: Path, uid: str, title: str) -> Attempt:
    """Export the program, retitle the activity in the file, import the file again."""
    path = folder / f"{title}.json"
    export_program(database, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    for record in document["events"]:
        if record["uid"] == uid:
            record["title"] = title
    path.write_text(json.dumps(document), encoding="utf-8")
    import_program(database, path)
    return Attempt("program import", None, None)


def _coordinator(
    url: str, worker: int, setup: dict[str, str], folder: str, barrier: Any, results: Any
) -> None:
    database = open_database(url)
    attempts: list[Attempt] = []
    path = PATHS[worker % len(PATHS)]
    try:
        barrier.wait(timeout=60)
        number = 0
        while number < ROUNDS or (
            number < MOST_ROUNDS and all(attempt.refusal for attempt in attempts)
        ):
            title = f"Visit {worker}-{number}"
            try:
                if path == "tour builder":
                    attempts.append(_builder_move(database, setup["tour"], setup["activity"]))
                elif path == "calendar import":
                    sequence = 100 + number * WORKERS + worker
                    attempts.append(_calendar_import(database, setup["uid"], title, sequence))
                else:
                    attempts.append(_program_import(database, Path(folder), setup["uid"], title))
            except SchedulerError as error:
                attempts.append(Attempt(path, None, None, str(error)))
            number += 1
        results.put((worker, attempts, None))
    except BaseException as error:  # anything but a clear refusal fails the test
        results.put((worker, attempts, f"{type(error).__name__}: {error}"))
    finally:
        database.close()


def _program(database: Database) -> dict[str, str]:
    """A two-day study tour of the Lima delegation with one site visit on its first day."""
    lima = editing.create(
        database,
        Delegation,
        {
            "name": "Lima housing delegation",
            "country": "PE",
            "zone": "America/Lima",
            "arrival": FIRST_DAY - timedelta(days=1),
            "departure": FIRST_DAY + timedelta(days=3),
        },
    )
    tour = editing.create(
        database,
        StudyTour,
        {
            "title": "Peru study tour",
            "delegation_id": lima,
            "start_date": FIRST_DAY,
            "end_date": FIRST_DAY + timedelta(days=1),
        },
    )
    days = [
        editing.create(database, TourDay, tours.tour_day_values(tour, FIRST_DAY + timedelta(n)))
        for n in range(2)
    ]
    board = tours.read_board(database, tour)
    activity = editing.create(
        database,
        Event,
        tours.activity_values(
            board,
            days[0],
            FIRST_DAY,
            EventKind.SITE_VISIT,
            "Yokohama smart city visit",
            datetime(2027, 3, 8, 10, 0).time(),
            60,
            None,
        ),
    )
    with database.session() as session:
        uid = session.scalar(select(Event.uid).where(Event.id == activity))
    return {"tour": tour, "activity": activity, "uid": str(uid)}


def _log_versions(database: Database, event_id: str) -> None:
    """A trigger noting each change of the event's version, in the database itself."""
    with database.transaction() as session:
        session.execute(text("CREATE TABLE version_log (old_version INTEGER, new_version INTEGER)"))
        if database.is_sqlite:
            session.execute(
                text(
                    "CREATE TRIGGER log_versions AFTER UPDATE OF version ON events "
                    f"WHEN NEW.id = '{event_id}' BEGIN "
                    "INSERT INTO version_log VALUES (OLD.version, NEW.version); END"
                )
            )
        else:
            session.execute(
                text(
                    "CREATE FUNCTION log_version() RETURNS trigger AS $$ BEGIN "
                    "INSERT INTO version_log VALUES (OLD.version, NEW.version); "
                    "RETURN NEW; END $$ LANGUAGE plpgsql"
                )
            )
            session.execute(
                text(
                    "CREATE TRIGGER log_versions AFTER UPDATE OF version ON events "
                    f"FOR EACH ROW WHEN (NEW.id = '{event_id}') EXECUTE FUNCTION log_version()"
                )
            )


def _run(url: str, setup: dict[str, str], folder: Path) -> list[Attempt]:
    context = colleagues()
    barrier = context.Barrier(WORKERS)
    results = context.Queue()
    processes = [
        context.Process(
            target=_coordinator, args=(url, number, setup, str(folder), barrier, results)
        )
        for number in range(WORKERS)
    ]
    for process in processes:
        process.start()
    attempts: list[Attempt] = []
    failures = []
    for _ in processes:
        _worker, done, failure = results.get(timeout=300)
        attempts.extend(done)
        if failure:
            failures.append(failure)
    for process in processes:
        process.join(timeout=30)
    assert not failures, failures
    return attempts


def test_the_builder_and_both_imports_at_once_lose_no_write(
    database: Database, database_url: str, tmp_path: Path
) -> None:
    setup = _program(database)
    _log_versions(database, setup["activity"])
    start_version = editing.stored(database, Event, setup["activity"]).version
    database.engine.dispose()  # the coordinators open their own connections

    attempts = _run(database_url, setup, tmp_path)

    assert len(attempts) >= WORKERS * ROUNDS
    refusals = [attempt.refusal for attempt in attempts if attempt.refusal is not None]
    for message in refusals:  # each one line a coordinator can act on
        assert "\n" not in message
        assert "Traceback" not in message
        assert 0 < len(message) < 400
    for path in PATHS:
        assert any(a.path == path and a.refusal is None for a in attempts), f"no {path} landed"
    assert refusals, "the coordinators never got in each other's way"

    with database.session() as session:
        steps = sorted(
            (int(old), int(new))
            for old, new in session.execute(
                text("SELECT old_version, new_version FROM version_log")
            )
        )
    final_version = editing.stored(database, Event, setup["activity"]).version
    assert final_version is not None
    assert start_version is not None
    # Every version was left once, for the next: no write started from one already left.
    assert steps == [(v, v + 1) for v in range(start_version, final_version)]
    moves = [a for a in attempts if a.path == "tour builder" and a.refusal is None]
    for move in moves:  # each accepted move started from the version its board showed
        assert move.read_version is not None
        assert move.new_version == move.read_version + 1
    assert len({move.read_version for move in moves}) == len(moves)
    # The dates of the activity still agree with its tour day, whoever wrote last.
    board = tours.read_board(database, setup["tour"])
    placed = [day for day in board.days for e in day.events if e.id == setup["activity"]]
    assert len(placed) == 1
