"""Two colleagues' saves that lock the same two records never end in a deadlock.

On PostgreSQL a save locks the rows it writes, and a deletion the rows it reads; two
saves that take two rows the other way round wait for each other until the server ends
one of them as a deadlock, which the coordinator would read as "locked". Every save
takes a record's conference (or the records it changes besides) before the record, so
of two such saves one is done and the other waits and is then done, or refused as any
save over a colleague's change is.

Each test starts both saves on databases of their own, in threads, and stops each at the
moment at which two saves locking in opposite orders would hold one row each (by default
after its first lock, until the other has taken its own or waits for one), so the test
meets that moment every time rather than by chance.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import psycopg
import pytest
from sqlalchemy import event

from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventStatus,
    Participant,
    StudyTour,
    TourDay,
)
from cpp_scheduler.services import editing, removal, tours
from cpp_scheduler.store import ConcurrentEditError, Database, open_database

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.parametrize("database_url", ["postgresql"], indirect=True),
]

START = datetime(2027, 1, 12, 1, 0, tzinfo=UTC)
LIMA = {"name": "Lima housing", "country": "PE", "zone": "America/Lima"}
WAITED_AT_MOST = 10.0
"""Seconds a save waits, after its first lock, for the other save to take its own."""


@pytest.fixture
def url(database: Database, database_url: str) -> str:
    return database_url


@dataclass
class Outcome:
    """What came of one save: done, or the line it was refused with."""

    who: str
    refusal: str | None = None
    error: BaseException | None = None

    @property
    def done(self) -> bool:
        return self.refusal is None


def _locks(statement: str) -> bool:
    """Whether a statement takes a lock on a row another save could want."""
    text = statement.lstrip().upper()
    return text.startswith(("UPDATE", "DELETE", "INSERT")) or text.endswith(
        ("FOR UPDATE", "FOR NO KEY UPDATE")
    )


def _locks_rows_of(table: str) -> Callable[[str], bool]:
    """Whether a statement locks rows of ``table`` as it reads them."""

    def locks(statement: str) -> bool:
        return _locks(statement) and f"FROM {table} " in statement

    return locks


def _updates(table: str) -> Callable[[str], bool]:
    """Whether a statement updates rows of ``table``."""

    def updates(statement: str) -> bool:
        return statement.lstrip().upper().startswith(f"UPDATE {table.upper()} ")

    return updates


@dataclass(frozen=True)
class Pause:
    """Where a save stops (the first statement ``at`` picks: just after it, or just
    before it), until the other save has run a statement ``until`` picks, waits for a
    lock, or stops itself for something this one has not done either."""

    at: Callable[[str], bool] = _locks
    until: Callable[[str], bool] = _locks
    before: bool = False


class _Pauses:
    """Stops each save where its :class:`Pause` says, once."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        self.ran: dict[str, list[str]] = {}
        self.backend: dict[str, int] = {}
        self.stopped: dict[str, Callable[[str], bool] | None] = {}

    def follow(self, who: str, database: Database, pause: Pause | None) -> None:
        self.ran[who] = []
        self.stopped[who] = None
        paused = threading.Event()

        def stop(statement: str) -> None:
            if pause is not None and not paused.is_set() and pause.at(statement):
                paused.set()
                self.stopped[who] = pause.until
                self._wait_for_other(who, pause.until)
                self.stopped[who] = None

        def before(_conn: Any, cursor: Any, statement: str, *_rest: Any) -> None:
            self.backend.setdefault(who, cursor.connection.info.backend_pid)
            if pause is not None and pause.before:
                stop(statement)

        def after(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
            self.ran[who].append(statement)
            if pause is not None and not pause.before:
                stop(statement)

        event.listen(database.engine, "before_cursor_execute", before)
        event.listen(database.engine, "after_cursor_execute", after)

    def _wait_for_other(self, who: str, until: Callable[[str], bool]) -> None:
        (other,) = set(self.ran) - {who}
        deadline = time.monotonic() + WAITED_AT_MOST
        with psycopg.connect(self.admin_url, autocommit=True) as admin:
            while time.monotonic() < deadline:
                if any(until(statement) for statement in list(self.ran[other])):
                    return
                waits_for = self.stopped[other]
                if waits_for is not None and not any(map(waits_for, list(self.ran[who]))):
                    return  # each stopped for the other: neither would go on
                pid = self.backend.get(other)
                if pid is not None:
                    waiting = admin.execute(
                        "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", (pid,)
                    ).fetchone()
                    if waiting is not None and waiting[0] == "Lock":
                        return
                time.sleep(0.01)


def _at_once(
    url: str,
    saves: dict[str, Callable[[Database], object]],
    pauses: dict[str, Pause | None] | None = None,
) -> dict[str, Outcome]:
    """Run each save on a database of its own, at once, each stopped as ``pauses`` says
    (by default after its first lock until the other has taken one); what came of each."""
    stops = _Pauses(url.split("?")[0])
    databases = {who: open_database(url, author=who) for who in saves}
    outcomes: dict[str, Outcome] = {}
    start = threading.Barrier(len(saves), timeout=30)

    def run(who: str) -> None:
        start.wait()
        try:
            saves[who](databases[who])
            outcomes[who] = Outcome(who)
        except SchedulerError as error:
            outcomes[who] = Outcome(who, str(error), error)

    try:
        for who, database in databases.items():
            stops.follow(who, database, (pauses or {}).get(who, Pause()))
        threads = [threading.Thread(target=run, args=(who,)) for who in saves]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        for database in databases.values():
            database.close()
    assert set(outcomes) == set(saves), "a save did not end"
    return outcomes


def _one_done_the_other_done_or_stale(outcomes: dict[str, Outcome]) -> None:
    for outcome in outcomes.values():
        assert outcome.refusal is None or "locked" not in outcome.refusal, outcome.refusal
        assert outcome.error is None or isinstance(
            outcome.error, (ConcurrentEditError, editing.RecordNotFoundError)
        ), outcome.refusal
    assert any(outcome.done for outcome in outcomes.values())


def _event(database: Database, title: str, record_id: str | None = None, **values: Any) -> str:
    return editing.create(
        database,
        Event,
        {"title": title, "start_utc": START, "end_utc": START + timedelta(hours=1), **values},
        record_id,
    )


def _version(database: Database, model: type, record_id: str) -> int:
    version = editing.stored(database, model, record_id).version
    assert version is not None
    return version


def _exists(database: Database, model: type, record_id: str) -> bool:
    try:
        editing.stored(database, model, record_id)
    except editing.RecordNotFoundError:
        return False
    return True


# -- a session and its conference ---------------------------------------------------------


def test_deleting_a_session_while_a_colleague_files_it_elsewhere_ends_cleanly(
    database: Database, url: str
) -> None:
    forum = _event(database, "Resilience forum", kind=EventKind.CONFERENCE)
    summit = _event(database, "Water summit", kind=EventKind.CONFERENCE)
    panel = _event(database, "Kobe panel", parent_id=forum)
    read = _version(database, Event, panel)
    question = removal.to_delete(database, Event, panel)

    outcomes = _at_once(
        url,
        {
            "Aiko": lambda db: removal.delete(db, Event, panel, read, reached=question.reach),
            "Kenji": lambda db: editing.change(db, Event, panel, {"parent_id": summit}, read),
        },
    )

    _one_done_the_other_done_or_stale(outcomes)
    if outcomes["Aiko"].done:
        assert not _exists(database, Event, panel)
        assert outcomes["Kenji"].refusal == (
            "event 'Kobe panel' was deleted by someone else since you opened it; "
            "your change was not saved"
        )
    else:
        assert editing.stored(database, Event, panel).values["parent_id"] == summit
        assert "event 'Kobe panel' was changed by somebody else" in str(outcomes["Aiko"].refusal)


@pytest.mark.parametrize("session_first", [True, False], ids=["session-id-lower", "higher"])
def test_cancelling_a_conference_while_a_colleague_deletes_one_of_its_sessions_ends_cleanly(
    database: Database, url: str, session_first: bool
) -> None:
    """The cancellation writes the conference and raises each session's SEQUENCE; the
    deletion takes the session from the conference. Whichever id is lower, the
    conference is taken first by both."""
    low, high = "00000000-0000-4000-8000-000000000001", "ffffffff-ffff-4fff-bfff-ffffffffffff"
    forum = _event(
        database, "Resilience forum", high if session_first else low, kind=EventKind.CONFERENCE
    )
    panel = _event(database, "Kobe panel", low if session_first else high, parent_id=forum)
    _event(database, "Toyama panel", parent_id=forum)
    forum_read = _version(database, Event, forum)
    panel_read = _version(database, Event, panel)

    outcomes = _at_once(
        url,
        {
            "Aiko": lambda db: editing.change(
                db, Event, forum, {"status": EventStatus.CANCELLED}, forum_read
            ),
            "Kenji": lambda db: removal.delete(db, Event, panel, panel_read),
        },
    )

    _one_done_the_other_done_or_stale(outcomes)
    cancelled = editing.stored(database, Event, forum).values["status"] is EventStatus.CANCELLED
    assert cancelled is outcomes["Aiko"].done
    assert _exists(database, Event, panel) is not outcomes["Kenji"].done


# -- an event and its links ---------------------------------------------------------------


def test_deleting_a_participant_while_a_colleague_takes_them_off_an_event_ends_cleanly(
    database: Database, url: str
) -> None:
    lima = editing.create(database, Delegation, LIMA)
    rosa = editing.create(
        database,
        Participant,
        {"name": "Rosa Quispe", "email": "rosa@example.pe", "delegation_id": lima},
    )
    luis = editing.create(
        database,
        Participant,
        {"name": "Luis Huaman", "email": "luis@example.pe", "delegation_id": lima},
    )
    workshop = _event(database, "Kobe DRR workshop", participant_ids=[rosa, luis])
    read = _version(database, Event, workshop)
    rosa_read = _version(database, Participant, rosa)

    outcomes = _at_once(
        url,
        {
            "Aiko": lambda db: removal.delete(db, Participant, rosa, rosa_read),
            "Kenji": lambda db: editing.change(
                db, Event, workshop, {"participant_ids": [luis]}, read
            ),
        },
        # Kenji has written the workshop, and takes Rosa's link out once Aiko holds it.
        {"Kenji": Pause(until=_locks_rows_of("event_participants"))},
    )

    _one_done_the_other_done_or_stale(outcomes)
    assert outcomes["Aiko"].done
    assert not _exists(database, Participant, rosa)
    assert editing.stored(database, Event, workshop).values["participant_ids"] == [luis]
    if not outcomes["Kenji"].done:
        assert outcomes["Kenji"].refusal == (
            "event 'Kobe DRR workshop' was changed by someone else since you opened it; "
            "reload it and apply your change again"
        )


# -- a tour and its days ------------------------------------------------------------------


def test_deleting_a_tour_while_a_colleague_moves_an_activity_to_another_day_ends_cleanly(
    database: Database, url: str
) -> None:
    lima = editing.create(database, Delegation, LIMA)
    tour = editing.create(
        database,
        StudyTour,
        {
            "title": "Lima in Japan",
            "delegation_id": lima,
            "start_date": date(2027, 1, 12),
            "end_date": date(2027, 1, 13),
        },
    )
    first = editing.create(database, TourDay, tours.tour_day_values(tour, date(2027, 1, 12)))
    second = editing.create(database, TourDay, tours.tour_day_values(tour, date(2027, 1, 13)))
    visit = _event(database, "Eco-town visit", tour_day_id=first)
    visit_read = _version(database, Event, visit)
    tour_read = _version(database, StudyTour, tour)

    outcomes = _at_once(
        url,
        {
            "Aiko": lambda db: removal.delete(db, StudyTour, tour, tour_read),
            "Kenji": lambda db: editing.change(
                db,
                Event,
                visit,
                {
                    "tour_day_id": second,
                    "start_utc": START + timedelta(days=1),
                    "end_utc": START + timedelta(days=1, hours=1),
                },
                visit_read,
            ),
        },
        # Kenji moves the visit once Aiko holds the tour's days, and Aiko goes on to the
        # events on them once Kenji's move waits for her or is written.
        {
            "Aiko": Pause(at=_locks_rows_of("events"), before=True, until=_updates("events")),
            "Kenji": Pause(until=_locks_rows_of("tour_days"), before=True),
        },
    )

    _one_done_the_other_done_or_stale(outcomes)
    assert outcomes["Aiko"].done
    assert not _exists(database, StudyTour, tour)
    assert editing.stored(database, Event, visit).values["tour_day_id"] is None
    if not outcomes["Kenji"].done:
        assert outcomes["Kenji"].refusal == (
            "event 'Eco-town visit' was changed by someone else since you opened it; "
            "reload it and apply your change again"
        )
