"""A cancelled conference's sessions are not held, whatever their own status says: the
engine's snapshot leaves them out, so they clash with nothing, as a cancelled event
does (and the documents and the schedule built on the snapshot leave them out too)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from cpp_scheduler import timezones
from cpp_scheduler.model import Event, EventStatus
from cpp_scheduler.services import editing
from cpp_scheduler.services.checking import check_program
from cpp_scheduler.services.demo import CONFERENCE, load_demo
from cpp_scheduler.services.snapshot import load_snapshot
from cpp_scheduler.store import Database

MONDAY = date(2027, 2, 15)


def _conference(database: Database) -> tuple[str, int, set[str]]:
    """The conference's id and version, and its sessions' ids."""
    with database.session() as session:
        conference = session.scalars(select(Event).where(Event.title == CONFERENCE)).one()
        sessions = set(session.scalars(select(Event.id).where(Event.parent_id == conference.id)))
        return conference.id, conference.version, sessions


def _involving(database: Database, events: set[str]) -> list[str]:
    begin, after = timezones.local_days(MONDAY, MONDAY, timezones.TOKYO)
    return [c.message for c in check_program(database, begin, after) if events & set(c.event_ids)]


def test_a_cancelled_conferences_sessions_are_not_held_and_clash_with_nothing(
    sqlite_database: Database,
) -> None:
    load_demo(sqlite_database)
    conference, version, sessions = _conference(sqlite_database)
    assert _involving(sqlite_database, sessions), "Peru joins Monday's sessions at night"
    editing.change(sqlite_database, Event, conference, {"status": EventStatus.CANCELLED}, version)
    with sqlite_database.reading() as session:
        held = {interval.event_id for interval in load_snapshot(session).intervals}
    assert not held & (sessions | {conference})
    assert _involving(sqlite_database, sessions) == []


def test_a_cancelled_session_alone_leaves_the_rest_of_its_conference(
    sqlite_database: Database,
) -> None:
    load_demo(sqlite_database)
    _conference_id, _version, sessions = _conference(sqlite_database)
    with sqlite_database.session() as session:
        plenary = session.scalars(
            select(Event).where(Event.title.startswith("Opening plenary"))
        ).one()
        plenary_id, plenary_version = plenary.id, plenary.version
    editing.change(
        sqlite_database, Event, plenary_id, {"status": EventStatus.CANCELLED}, plenary_version
    )
    with sqlite_database.reading() as session:
        held = {interval.event_id for interval in load_snapshot(session).intervals}
    assert held & sessions == sessions - {plenary_id}
