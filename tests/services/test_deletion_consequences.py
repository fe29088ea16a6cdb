"""What a deletion changes besides what it deletes, read before the coordinator agrees:
the events that lose the venue, the participants that lose their delegation, and how
many participants it leaves due an update, the number Send updates then finds."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from cpp_scheduler.mail.transports import OutboxTransport
from cpp_scheduler.model import Delegation, Event, EventMode, Participant, SentMessage, Venue
from cpp_scheduler.services import invitations, removal
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.services.changes import change_report
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database
from tests.mail.helpers import SENDER, delegation_named, invite_delegation


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
    nepal = delegation_named(sqlite_database, "Nepal")
    members = list(nepal.names)
    with sqlite_database.reading() as session:
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


def uid_of(database: Database, title: str) -> str:
    with database.reading() as session:
        found = session.scalar(select(Event.uid).where(Event.title == title))
        assert found is not None
        return found


def test_a_virtual_event_losing_its_venue_tells_its_participants_nothing(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """A virtual event is held online whatever venue it names, and its invitation says
    so: losing the venue leaves its participants nothing to be told. The question counts
    exactly the participants Send updates then writes to, those of the events held
    there in person."""
    load_demo(sqlite_database)
    room = venue_named(sqlite_database, "TDLC Meeting Room B")
    with sqlite_database.transaction() as session:
        series = session.scalars(
            select(Event).where(Event.mode == EventMode.VIRTUAL, Event.parent_id.is_(None))
        ).one()
        series.venue_id = room
        series_uid = series.uid
    held_there = events_at(sqlite_database, room)
    assert series_uid in {uid for uid, _ in held_there}
    for uid, _ in held_there:
        assert invite(sqlite_database, uid, tmp_path) > 0
    assert people_due(sqlite_database) == set()

    found = removal.to_delete(sqlite_database, Venue, room)
    (changed,) = found.changed
    assert (changed.kind, changed.loses, changed.count) == ("event", "venue", len(held_there))
    removal.delete(sqlite_database, Venue, room, found.version)

    report = change_report(sqlite_database).changes
    assert series_uid not in {change.event_uid for change in report}
    assert found.updates_due == len({change.email for change in report}) > 0


def test_deleting_a_participant_counts_the_invitations_they_still_hold(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """Deleting a participant takes their ledger along, so they would never be told the
    events they were sent are off: the question counts those whose last message still
    invites them, and undoing the deletion brings the ledger back as it was."""
    load_demo(sqlite_database)
    with sqlite_database.reading() as session:
        priya = session.scalar(select(Participant.id).where(Participant.name == "Priya Raman"))
        assert priya is not None
        hers = sorted(
            session.execute(
                select(Event.uid, Event.title).where(
                    Event.participants.any(Participant.id == priya)
                )
            ).all(),
            key=lambda row: row[1],
        )
    assert len(hers) == 2
    for uid, _title in hers:
        assert invite(sqlite_database, uid, tmp_path) > 0
    assert removal.to_delete(sqlite_database, Participant, priya).standing.events == 2

    # Taken off the first and told so: only the other still stands for her.
    first_uid, first_title = hers[0]
    with sqlite_database.transaction() as session:
        event = session.scalars(select(Event).where(Event.title == first_title)).one()
        event.participants = [person for person in event.participants if person.id != priya]
    plan = invitations.plan_updates(sqlite_database, EventScope(first_uid), SENDER)
    assert [(i.recipient_id, i.method) for i in plan.to_send] == [(priya, "CANCEL")]
    invitations.send_batch(sqlite_database, plan.to_send, OutboxTransport(tmp_path))
    assert people_due(sqlite_database) == set()

    found = removal.to_delete(sqlite_database, Participant, priya)
    assert (found.standing.events, found.standing.participants) == (1, 1)
    assert found.title == "Priya Raman"

    def her_ledger() -> set[tuple[str, str, int, str]]:
        with sqlite_database.reading() as session:
            rows = session.execute(
                select(
                    SentMessage.event_id,
                    SentMessage.method,
                    SentMessage.sequence,
                    SentMessage.message_id,
                ).where(SentMessage.participant_id == priya)
            )
            return {(row[0], row[1], row[2], row[3]) for row in rows}

    sent = her_ledger()
    assert len(sent) == 3  # two invitations, one cancellation
    deleted = removal.delete(sqlite_database, Participant, priya, found.version)
    assert her_ledger() == set()
    removal.restore(sqlite_database, Participant, deleted.snapshot)
    assert her_ledger() == sent
    assert people_due(sqlite_database) == set()  # nobody is invited again
    assert removal.to_delete(sqlite_database, Participant, priya).standing.events == 1


def test_deleting_a_conference_counts_the_invitations_to_its_sessions(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """A conference's sessions go with it, and with them their ledger: the question
    counts the participants invited to one of them, and names the sessions."""
    load_demo(sqlite_database)
    with sqlite_database.reading() as session:
        conference = session.scalars(
            select(Event).where(Event.title.like("CPP Conference 2027%"))
        ).one()
        sessions = sorted(
            session.execute(
                select(Event.uid, Event.title).where(Event.parent_id == conference.id)
            ).all(),
            key=lambda row: row[1].casefold(),
        )
        conference_id = conference.id
    assert len(sessions) == 12
    invited = invite(sqlite_database, sessions[0][0], tmp_path)
    assert invited > 0

    found = removal.to_delete(sqlite_database, Event, conference_id)
    assert [along.title for along in found.along] == [title for _uid, title in sessions]
    assert (found.standing.participants, found.standing.events) == (invited, 1)
    assert found.updates_due == 0


def test_deleting_a_delegation_sent_a_conference_leaves_only_its_members_due(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """Kenya was sent its conference and every session it attends, and nobody else was
    sent anything. Deleting the delegation leaves its three members due a cancellation
    of each, and nobody else due anything: the speakers named on the sessions, people
    of no delegation, were never meant to be in Kenya's batch, which went Kenya's way,
    not theirs. The question counts exactly the people Send updates then writes to."""
    load_demo(sqlite_database)
    kenya = delegation_named(sqlite_database, "Kenya")
    members = set(kenya.emails)
    assert invite_delegation(sqlite_database, kenya, tmp_path) == members
    assert people_due(sqlite_database) == set()

    found = removal.to_delete(sqlite_database, Delegation, kenya.id)
    removal.delete(sqlite_database, Delegation, kenya.id, found.version)

    report = change_report(sqlite_database).changes
    assert {change.email for change in report} == members
    assert {change.kind.value for change in report} == {"removed"}
    assert found.updates_due == len(members) == 3


def test_deleting_a_delegation_counts_the_sessions_it_attends_through_its_conference(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """A session naming no delegation is for its conference's: Kenya's members were sent
    one such session alone. Deleting Kenya takes it off the conference, so off the
    session: its members are due a cancellation, which the question counted as nobody
    (it compared the conference, never sent, not its sessions)."""
    load_demo(sqlite_database)
    kenya = delegation_named(sqlite_database, "Kenya")
    with sqlite_database.reading() as session:
        conference = session.scalar(
            select(Event.id)
            .where(Event.delegations.any(Delegation.id == kenya.id))
            .where(Event.parent_id.is_(None), Event.sessions.any())
        )
        talk = session.scalar(
            select(Event.uid)
            .where(Event.parent_id == conference, ~Event.delegations.any(), ~Event.sessions.any())
            .order_by(Event.start_utc)
        )
    assert talk is not None
    invite(sqlite_database, talk, tmp_path)
    assert people_due(sqlite_database) == set()

    found = removal.to_delete(sqlite_database, Delegation, kenya.id)
    removal.delete(sqlite_database, Delegation, kenya.id, found.version)

    assert people_due(sqlite_database) == set(kenya.emails)
    assert found.updates_due == len(kenya.emails) == 3
