"""What a deletion changes besides what it deletes, read before the coordinator agrees:
the events that lose the venue, the participants that lose their delegation, and how
many participants it leaves due an update, the number Send updates then finds."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from cpp_scheduler.mail.transports import OutboxTransport
from cpp_scheduler.model import Delegation, Event, Participant, Venue
from cpp_scheduler.services import invitations, removal
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.services.changes import change_report
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database
from tests.mail.helpers import SENDER


def venue_named(database: Database, name: str) -> str:
    with database.reading() as session:
        found = session.scalar(select(Venue.id).where(Venue.name == name))
        assert found is not None
        return found


def events_at(database: Database, venue_id: str) -> list[tuple[str, str]]:
    """(calendar UID, title) of the events held at the venue, by title."""
    with database.reading() as session:
        found = session.execute(select(Event.uid, Event.title).where(Event.venue_id == venue_id))
        return sorted(((uid, title) for uid, title in found), key=lambda row: row[1].casefold())


def invite(database: Database, event_uid: str, outbox: Path) -> int:
    """Send the event's invitations into an outbox; how many went."""
    plan = invitations.plan_invitations(database, EventScope(event_uid), SENDER)
    report = invitations.send_batch(database, plan.to_send, OutboxTransport(outbox))
    return len(report.sent)


def people_due(database: Database) -> set[str]:
    """The participants Send updates would write to now."""
    return {change.email for change in change_report(database).changes}


def versions(database: Database) -> dict[str, int]:
    with database.reading() as session:
        return {
            event_id: version
            for event_id, version in session.execute(select(Event.id, Event.version))
        }


def test_deleting_a_venue_names_the_events_that_lose_it(
    sqlite_database: Database, tmp_path: Path
) -> None:
    load_demo(sqlite_database)
    room = venue_named(sqlite_database, "TDLC Meeting Room A")
    held_there = events_at(sqlite_database, room)
    assert len(held_there) == 7
    before = versions(sqlite_database)

    found = removal.to_delete(sqlite_database, Venue, room)

    (changed,) = found.changed
    assert (changed.kind, changed.loses, changed.count) == ("event", "venue", 7)
    assert changed.titles == tuple(title for _id, title in held_there[:5])
    assert found.along == ()
    assert found.updates_due == 0  # nobody was sent any of them
    assert versions(sqlite_database) == before  # asking changes nothing


def test_a_venue_of_events_already_sent_leaves_their_participants_due_an_update(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """Those sent the events are told of the new place by Send updates: the question
    counts exactly the participants it then writes to."""
    load_demo(sqlite_database)
    room = venue_named(sqlite_database, "TDLC Meeting Room A")
    held_there = events_at(sqlite_database, room)
    sent = sum(invite(sqlite_database, uid, tmp_path) for uid, _ in held_there[:3])
    assert sent > 0
    assert people_due(sqlite_database) == set()

    found = removal.to_delete(sqlite_database, Venue, room)
    removal.delete(sqlite_database, Venue, room, found.version)

    told = people_due(sqlite_database)
    assert found.updates_due == len(told) > 0


def test_deleting_a_delegation_names_its_events_and_members(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """The events lose the delegation and its members lose their delegation; members
    sent one of its events are due a cancellation of it, which the question counts."""
    load_demo(sqlite_database)
    with sqlite_database.reading() as session:
        nepal = session.execute(
            select(Delegation.id, Delegation.name).where(Delegation.name.like("Nepal%"))
        ).one()
        members = sorted(
            session.scalars(select(Participant.name).where(Participant.delegation_id == nepal.id))
        )
        theirs = sorted(
            session.scalars(
                select(Event.uid).where(Event.delegations.any(Delegation.id == nepal.id))
            )
        )
    quiet = removal.to_delete(sqlite_database, Delegation, nepal.id)
    assert [(c.kind, c.loses, c.count) for c in quiet.changed] == [
        ("event", "delegation", len(theirs)),
        ("participant", "delegation", len(members)),
    ]
    assert quiet.changed[1].titles == tuple(members[:5])
    assert quiet.updates_due == 0

    for uid in theirs:
        invite(sqlite_database, uid, tmp_path)
    assert people_due(sqlite_database) == set()
    found = removal.to_delete(sqlite_database, Delegation, nepal.id)
    removal.delete(sqlite_database, Delegation, nepal.id, found.version)

    told = people_due(sqlite_database)
    assert found.updates_due == len(told) > 0


def test_a_record_nothing_refers_to_changes_nothing(sqlite_database: Database) -> None:
    load_demo(sqlite_database)
    with sqlite_database.transaction() as session:
        spare = Venue(name="Spare room", locality="Tokyo", capacity=10)
        session.add(spare)
        session.flush()
        spare_id = spare.id
    found = removal.to_delete(sqlite_database, Venue, spare_id)
    assert (found.changed, found.along, found.updates_due) == ((), (), 0)
