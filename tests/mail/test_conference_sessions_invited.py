"""A session naming no delegation is for its conference's delegations (the engine's rule,
which their calendar files follow): their members are invited to it, told when it
moves, and their answers to it are recorded. Before, invitations went to the conference
alone, which names no session: a delegate relying on email never learnt of the sessions,
and a session moved after the invitations went out left the change report saying
everyone had been told. A real SMTP server; calendars read with icalendar."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from cpp_scheduler.model import Delegation, Event
from cpp_scheduler.services import replies, series
from cpp_scheduler.services.calendar_export import DelegationScope
from cpp_scheduler.services.changes import change_report
from cpp_scheduler.store import Database
from tests.ical.conference import Conference, build_conference
from tests.mail.helpers import read_calendar, reply_calendar, send
from tests.mail.smtpserver import Server


@pytest.fixture
def held(database: Database) -> Conference:
    with database.transaction() as session:
        return build_conference(session)


def _received(server: Server, email: str) -> dict[str, object]:
    """The calendars of the messages ``email`` received, by their event's title."""
    found = {}
    for message in server.mailbox.messages:
        if email in str(message["To"]):
            calendar = read_calendar(message)
            (event,) = calendar.walk("VEVENT")
            found[str(event["SUMMARY"])] = calendar
    return found


def test_a_delegations_members_are_invited_to_each_session_of_its_conference(
    held: Conference, database: Database, plain_server: Server
) -> None:
    send(database, DelegationScope(held.program.lima.name), plain_server)

    ana = _received(plain_server, held.program.ana.email)
    assert {
        held.conference.title,
        held.opening.title,
        held.parallel.title,
        held.track.title,
        held.track_talk.title,
    } <= ana.keys()
    assert held.kathmandu_roundtable.title not in ana  # Kathmandu's alone
    (talk,) = ana[held.track_talk.title].walk("VEVENT")  # type: ignore[attr-defined]
    assert str(talk["ATTENDEE"]) == f"mailto:{held.program.ana.email}"


def test_a_session_moved_after_the_invitations_is_told_to_the_delegates(
    held: Conference, database: Database, plain_server: Server
) -> None:
    send(database, DelegationScope(held.program.lima.name), plain_server)
    with database.session() as session:
        opening = session.get(Event, held.opening.id)
        assert opening is not None
        version, start, end = opening.version, opening.start_utc, opening.end_utc
    series.move_event(
        database, held.opening.id, start + timedelta(hours=1), end + timedelta(hours=1), version
    )

    told = {
        change.email
        for change in change_report(database).changes
        if change.event_id == held.opening.id
    }
    assert {held.program.ana.email, held.program.bruno.email} <= told


def test_a_delegates_answer_to_a_session_is_recorded(
    held: Conference, database: Database, plain_server: Server, tmp_path: Path
) -> None:
    send(database, DelegationScope(held.program.lima.name), plain_server)
    invitation = _received(plain_server, held.program.ana.email)[held.opening.title]
    answer = tmp_path / "ana.ics"
    answer.write_bytes(reply_calendar(invitation, held.program.ana.email, "ACCEPTED"))  # type: ignore[arg-type]

    assert replies.import_replies(database, [answer]).refused == []


def _santiago_put_on_the_conference(held: Conference, database: Database) -> set[str]:
    """Put Santiago's delegation on the conference: what its member is then due, by
    title."""
    with database.transaction() as session:
        conference = session.get(Event, held.conference.id)
        santiago = session.get(Delegation, held.program.santiago.id)
        assert conference is not None
        assert santiago is not None
        conference.delegations.append(santiago)
    return {c.title for c in change_report(database).changes if c.email == held.program.sofia.email}


def test_a_delegation_put_on_the_conference_since_is_due_each_of_its_sessions(
    held: Conference, database: Database, plain_server: Server
) -> None:
    """Santiago's delegation put on the conference after Lima's invitations went out:
    its member is due the conference and each session it is now for, as her calendar
    file would hold them. The report named the conference alone: the sessions' own
    history never names a delegation linked to their conference."""
    send(database, DelegationScope(held.program.lima.name), plain_server)
    due = _santiago_put_on_the_conference(held, database)
    assert due == {
        held.conference.title,
        held.opening.title,
        held.parallel.title,
        held.track.title,
        held.track_talk.title,
    }  # not Kathmandu's roundtable


def test_a_session_filed_under_another_conference_since_is_due_to_its_delegations(
    held: Conference, database: Database, plain_server: Server
) -> None:
    """The resilience track, sent to Lima's members with their conference, filed under
    Santiago's forum (planned before) since: Santiago's member is due the track and the
    talk within it now, Lima's their cancellations. Her invitations were left out: she
    seemed left out of a batch for other delegations, the sessions' history naming no
    delegation linked to them (and the talk's no change at all)."""
    with database.transaction() as session:
        santiago = session.get(Delegation, held.program.santiago.id)
        track = session.get(Event, held.track.id)
        assert santiago is not None
        assert track is not None
        forum = Event(
            title="Santiago resilience forum",
            kind=track.kind,
            mode=track.mode,
            start_utc=track.start_utc,
            end_utc=track.end_utc + timedelta(hours=4),
            zone=track.zone,
            delegations=[santiago],
        )
        session.add(forum)
        session.flush()
        forum_id = forum.id
    send(database, DelegationScope(held.program.lima.name), plain_server)
    with database.transaction() as session:
        track = session.get(Event, held.track.id)
        assert track is not None
        track.parent_id = forum_id

    due = {
        (c.title, c.email, c.kind.value) for c in change_report(database).changes
        if c.title in (held.track.title, held.track_talk.title)
    }  # fmt: skip
    program = held.program
    assert due == {
        (title, email, kind)
        for title in (held.track.title, held.track_talk.title)
        for email, kind in (
            (program.sofia.email, "added"),
            (program.ana.email, "removed"),
            (program.bruno.email, "removed"),
        )
    }


def test_a_session_naming_its_own_delegations_is_not_due_to_its_conferences_new_one(
    held: Conference, database: Database, plain_server: Server
) -> None:
    """The roundtable names Kathmandu and Santiago; only Kathmandu's invitations went
    out. Santiago put on the conference since makes its member due the conference and
    the sessions naming no delegation, not the roundtable: who attends it is as it was,
    and she was left out of Kathmandu's batch, not linked to it since."""
    with database.transaction() as session:
        roundtable = session.get(Event, held.kathmandu_roundtable.id)
        santiago = session.get(Delegation, held.program.santiago.id)
        assert roundtable is not None
        assert santiago is not None
        roundtable.delegations.append(santiago)
    send(database, DelegationScope(held.program.kathmandu.name), plain_server)
    due = _santiago_put_on_the_conference(held, database)
    assert held.conference.title in due
    assert held.kathmandu_roundtable.title not in due
