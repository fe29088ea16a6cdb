"""Replies as mail clients send them (the invitation's calendar turned into a REPLY with
the attendee's PARTSTAT), read from .ics files and .eml messages, and recorded as
attendance; replies for unknown events or from addresses never invited are refused."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from pathlib import Path

import icalendar
import pytest
from sqlalchemy import insert

from cpp_scheduler.cli import main
from cpp_scheduler.model import Event, Participant
from cpp_scheduler.model.event import event_participants
from cpp_scheduler.services import invitations, replies
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database
from tests.ical.program import Program, local
from tests.mail.helpers import SENDER, plain_transport, read_calendar, reply_calendar, send
from tests.mail.smtpserver import Server


def as_message(calendar: bytes, sender: str) -> bytes:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "gmiller@worldbank.org"
    message["Subject"] = "Accepted: workshop"
    message.set_content("I will attend.")
    message.add_alternative(
        calendar, maintype="text", subtype="calendar", params={"method": "REPLY"}
    )
    return bytes(message)


@pytest.fixture
def invitation(database: Database, program: Program, plain_server: Server) -> icalendar.Calendar:
    send(database, EventScope(program.workshop.uid), plain_server)
    return read_calendar(plain_server.mailbox.messages[0])


def test_answers_from_files_and_messages_are_recorded_and_listed(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    (tmp_path / "ana.ics").write_bytes(reply_calendar(invitation, program.ana.email, "ACCEPTED"))
    (tmp_path / "maya.eml").write_bytes(
        as_message(reply_calendar(invitation, program.maya.email, "DECLINED"), program.maya.email)
    )
    report = replies.import_replies(database, [tmp_path])
    assert report.refused == []
    assert {(r.email, r.answer) for r in report.recorded} == {
        (program.ana.email, "accepted"),
        (program.maya.email, "declined"),
    }
    shown = replies.attendance(database, event_uid=program.workshop.uid)
    assert {(row.participant, row.answer) for row in shown} == {
        ("Ana Quispe", "accepted"),
        ("Maya Shrestha", "declined"),
    }
    # Again, and an older answer after the newer one: the attendance stays.
    (tmp_path / "ana-earlier.ics").write_bytes(
        reply_calendar(
            invitation, program.ana.email, "DECLINED", stamp=datetime(2026, 4, 1, tzinfo=UTC)
        )
    )
    replies.import_replies(database, [tmp_path])
    assert replies.attendance(database, event_uid=program.workshop.uid) == shown


def test_a_meeting_of_a_series_is_answered_alone(
    database: Database, program: Program, plain_server: Server, tmp_path: Path
) -> None:
    send(database, EventScope(program.series.uid), plain_server)
    invitation = read_calendar(plain_server.mailbox.messages[0])
    may = local("Asia/Tokyo", 2026, 5, 20, 9, 0)
    path = tmp_path / "sofia.ics"
    path.write_bytes(
        reply_calendar(invitation, program.sofia.email, "TENTATIVE", recurrence_id=may)
    )
    report = replies.import_replies(database, [path])
    assert report.refused == []
    (row,) = replies.attendance(database, delegation=program.santiago.name)
    assert row.meeting == may
    assert row.answer == "tentative"


def test_unknown_events_and_addresses_are_refused_in_one_line(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    unknown = tmp_path / "unknown.ics"
    unknown.write_bytes(
        reply_calendar(invitation, program.ana.email, "ACCEPTED", uid="nothing@elsewhere")
    )
    stranger = tmp_path / "stranger.ics"
    stranger.write_bytes(reply_calendar(invitation, "spy@evil.example", "ACCEPTED"))
    uninvited = tmp_path / "priya.ics"
    uninvited.write_bytes(reply_calendar(invitation, program.priya.email, "ACCEPTED"))
    request = tmp_path / "request.ics"
    request.write_bytes(invitation.to_ical())
    report = replies.import_replies(database, [unknown, stranger, uninvited, request])
    assert report.recorded == []
    assert report.refused == [
        f"{unknown}: no event has the UID 'nothing@elsewhere'",
        f"{stranger}: 'spy@evil.example' was not invited to '{program.workshop.title}'",
        f"{uninvited}: '{program.priya.email}' was not invited to '{program.workshop.title}'",
        f"{request}: not a reply (METHOD 'REQUEST')",
    ]
    assert all("\n" not in line for line in report.refused)
    assert replies.attendance(database) == []


def test_the_command_imports_and_lists(
    database_url: str,
    database: Database,
    program: Program,
    invitation: icalendar.Calendar,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    good = tmp_path / "ana.ics"
    good.write_bytes(reply_calendar(invitation, program.ana.email, "ACCEPTED"))
    bad = tmp_path / "spy.ics"
    bad.write_bytes(reply_calendar(invitation, "spy@evil.example", "ACCEPTED"))
    db = ["--db", database_url]
    assert main([*db, "replies", "import", str(good), str(bad)]) == 1
    out, err = capsys.readouterr()
    assert f"Ana Quispe <{program.ana.email}> accepted" in out
    assert "1 recorded, 1 refused" in out
    assert err.strip() == (
        f"refused: {bad}: 'spy@evil.example' was not invited to '{program.workshop.title}'"
    )
    assert main([*db, "replies", "list", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["email"], row["answer"], row["event"]) == (
        program.ana.email,
        "accepted",
        program.workshop.uid,
    )


def invite_to_workshop(database: Database, program: Program, *people: tuple[str, str]) -> None:
    """Add these (name, email) participants to the workshop, in this order."""
    with database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        assert event is not None
        for name, address in people:
            person = Participant(name=name, email=address, zone="Europe/London")
            session.add(person)
            session.flush()
            event.participants.append(person)


def _invite_as_an_older_database_holds_them(
    database: Database, program: Program, *people: tuple[str, str]
) -> None:
    """Add these participants to the workshop row by row, past the rules of a save, as
    a database written before a rule holds what the rule now refuses."""
    with database.transaction() as session:
        for name, address in people:
            person_id = str(uuid.uuid4())
            session.execute(
                insert(Participant.__table__).values(
                    id=person_id, name=name, email=address, zone="Europe/London", version=1
                )
            )
            session.execute(
                insert(event_participants).values(
                    event_id=program.workshop.id, participant_id=person_id
                )
            )


def test_a_reply_is_recorded_for_its_own_address_never_one_it_matches_as_a_pattern(
    database: Database, program: Program, plain_server: Server, tmp_path: Path
) -> None:
    # "_" and "%" are letters of an address, not wildcards.
    invite_to_workshop(
        database,
        program,
        ("Jxsmith Other", "jxsmith@example.org"),
        ("Percent Other", "p100@example.org"),
        ("J Underscore Smith", "j_smith@example.org"),
        ("P Percent", "p%@example.org"),
    )
    send(database, EventScope(program.workshop.uid), plain_server)
    invitation = read_calendar(plain_server.mailbox.messages[0])
    (tmp_path / "j.ics").write_bytes(reply_calendar(invitation, "j_smith@example.org", "DECLINED"))
    (tmp_path / "p.ics").write_bytes(reply_calendar(invitation, "p%@example.org", "TENTATIVE"))
    # Mail clients may write the address in other capitals: still the same participant.
    (tmp_path / "ana.ics").write_bytes(
        reply_calendar(invitation, program.ana.email.upper(), "ACCEPTED")
    )
    report = replies.import_replies(database, [tmp_path])
    assert report.refused == []
    answers = {
        row.participant: row.answer
        for row in replies.invited_answers(database, event_uid=program.workshop.uid)
    }
    assert answers["J Underscore Smith"] == "declined"
    assert answers["P Percent"] == "tentative"
    assert answers["Ana Quispe"] == "accepted"
    assert answers["Jxsmith Other"] == replies.NO_ANSWER
    assert answers["Percent Other"] == replies.NO_ANSWER


def test_two_addresses_differing_only_in_capitals_are_told_apart_or_refused(
    database: Database, program: Program, plain_server: Server, tmp_path: Path
) -> None:
    # The program now holds an address once, whatever its capitals; a database from
    # before that rule may hold both.
    invite_to_workshop(database, program, ("Jo Smith", "Jo.Smith@example.org"))
    _invite_as_an_older_database_holds_them(
        database, program, ("Joanna Smith", "jo.smith@example.org")
    )
    send(database, EventScope(program.workshop.uid), plain_server)
    invitation = read_calendar(plain_server.mailbox.messages[0])
    exact = tmp_path / "joanna.ics"
    exact.write_bytes(reply_calendar(invitation, "jo.smith@example.org", "DECLINED"))
    neither = tmp_path / "shouting.ics"
    neither.write_bytes(reply_calendar(invitation, "JO.SMITH@EXAMPLE.ORG", "ACCEPTED"))
    report = replies.import_replies(database, [exact, neither])
    assert [(r.participant, r.answer) for r in report.recorded] == [("Joanna Smith", "declined")]
    assert report.refused == [
        f"{neither}: 'JO.SMITH@EXAMPLE.ORG' could be any of 'Jo Smith <Jo.Smith@example.org>', "
        "'Joanna Smith <jo.smith@example.org>', invited to "
        f"'{program.workshop.title}' with addresses that differ only in capitals; "
        "the reply is not recorded"
    ]
    answers = {
        row.participant: row.answer
        for row in replies.invited_answers(database, event_uid=program.workshop.uid)
    }
    assert answers["Joanna Smith"] == "declined"
    assert answers["Jo Smith"] == replies.NO_ANSWER


def _moved_workshop(database: Database, program: Program, by: timedelta) -> None:
    with database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        assert event is not None
        event.start_utc += by
        event.end_utc += by


def _without_sequence(reply: bytes) -> bytes:
    calendar = icalendar.Calendar.from_ical(reply)
    (vevent,) = calendar.walk("VEVENT")
    del vevent["SEQUENCE"]
    return bytes(calendar.to_ical())


def test_a_reply_to_an_invitation_since_updated_is_not_the_answer(
    database_url: str,
    database: Database,
    program: Program,
    plain_server: Server,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """RFC 5546 section 2.1.5: the workshop moved and its update went out (SEQUENCE 0 to
    1); an answer to the first invitation, however late its DTSTAMP, answers a time its
    sender has since been told is no longer so."""
    send(database, EventScope(program.workshop.uid), plain_server)
    first = read_calendar(plain_server.mailbox.messages[0])
    _moved_workshop(database, program, timedelta(days=1))
    before = len(plain_server.mailbox.messages)
    plan = invitations.plan_updates(database, EventScope(program.workshop.uid), SENDER)
    with plain_transport(plain_server) as transport:
        invitations.send_batch(database, plan.to_send, transport)
    update = read_calendar(plain_server.mailbox.messages[before])
    assert int(str(update.walk("VEVENT")[0]["SEQUENCE"])) == 1

    late = datetime(2026, 6, 1, tzinfo=UTC)
    old = tmp_path / "ana-old.ics"
    old.write_bytes(reply_calendar(first, program.ana.email, "ACCEPTED", stamp=late))
    bare = tmp_path / "maya-bare.ics"  # no SEQUENCE: version 0 (RFC 5545)
    bare.write_bytes(
        _without_sequence(reply_calendar(update, program.maya.email, "ACCEPTED", stamp=late))
    )
    current = tmp_path / "bruno.ics"
    current.write_bytes(reply_calendar(update, program.bruno.email, "DECLINED"))
    db = ["--db", database_url]
    assert main([*db, "replies", "import", str(old), str(bare), str(current)]) == 1
    out, err = capsys.readouterr()
    title = program.workshop.title
    assert err.splitlines() == [
        f"refused: {old}: '{program.ana.email}' answered an out-of-date invitation to "
        f"'{title}' (SEQUENCE 0; the latest is 1); the answer is not recorded",
        f"refused: {bare}: '{program.maya.email}' answered an out-of-date invitation to "
        f"'{title}' (SEQUENCE 0; the latest is 1); the answer is not recorded",
    ]
    assert f"Bruno Salas <{program.bruno.email}> declined '{title}'" in out
    assert "1 recorded, 2 refused" in out
    assert main([*db, "replies", "list", "--event", program.workshop.uid, "--invited"]) == 0
    listed = capsys.readouterr().out
    assert f"{title}: Ana Quispe <{program.ana.email}> no answer" in listed
    assert f"{title}: Maya Shrestha <{program.maya.email}> no answer" in listed
    assert f"{title}: Bruno Salas <{program.bruno.email}> declined" in listed

    # Her answer to the update is her answer.
    new = tmp_path / "ana-new.ics"
    new.write_bytes(reply_calendar(update, program.ana.email, "TENTATIVE"))
    report = replies.import_replies(database, [new])
    assert (report.refused, [r.answer for r in report.recorded]) == ([], ["tentative"])


def test_an_answer_to_one_meeting_of_an_out_of_date_series_is_refused_as_out_of_date(
    database: Database, program: Program, plain_server: Server, tmp_path: Path
) -> None:
    """The monthly call moved an hour later and its update went out (SEQUENCE 1):
    Sofía's answer to May's meeting of the first invitation answers a time she has
    since been told is no longer so, not a meeting the series never had."""
    send(database, EventScope(program.series.uid), plain_server)
    first = read_calendar(plain_server.mailbox.messages[0])
    with database.transaction() as session:
        series = session.get(Event, program.series.id)
        assert series is not None
        series.start_utc += timedelta(hours=1)
        series.end_utc += timedelta(hours=1)
    plan = invitations.plan_updates(database, EventScope(program.series.uid), SENDER)
    with plain_transport(plain_server) as transport:
        invitations.send_batch(database, plan.to_send, transport)
    may = local("Asia/Tokyo", 2026, 5, 20, 9, 0)  # as the first invitation held it
    path = tmp_path / "sofia-may.ics"
    path.write_bytes(reply_calendar(first, program.sofia.email, "DECLINED", recurrence_id=may))

    report = replies.import_replies(database, [path])

    assert report.refused == [
        f"{path}: '{program.sofia.email}' answered an out-of-date invitation to "
        f"'{program.series.title}' (SEQUENCE 0; the latest is 1); the answer is not recorded"
    ]


def test_a_reply_to_the_version_held_stands_until_the_change_is_sent(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    """The measure is what the ledger shows was sent to the person, not the event's
    SEQUENCE now: moved but not yet told, their answer is to all they know."""
    _moved_workshop(database, program, timedelta(hours=2))
    path = tmp_path / "ana.ics"
    path.write_bytes(reply_calendar(invitation, program.ana.email, "ACCEPTED"))
    report = replies.import_replies(database, [path])
    assert report.refused == []
    assert [(r.email, r.answer) for r in report.recorded] == [(program.ana.email, "accepted")]


def _send_updates(database: Database, program: Program, server: Server) -> icalendar.Calendar:
    """Send the workshop's update to everyone it invites; the update as they get it."""
    before = len(server.mailbox.messages)
    plan = invitations.plan_updates(database, EventScope(program.workshop.uid), SENDER)
    with plain_transport(server) as transport:
        invitations.send_batch(database, plan.to_send, transport)
    return read_calendar(server.mailbox.messages[before])


def test_an_answer_stops_counting_once_its_person_is_sent_the_update(
    database_url: str,
    database: Database,
    program: Program,
    plain_server: Server,
    invitation: icalendar.Calendar,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """RFC 5546 section 2.1.5: Ana accepted 10:00; the workshop moved a day and the update
    went out. Her acceptance was of a time she has since been told is no longer so: she
    has not answered the new one, and the lists say what she answered before."""
    path = tmp_path / "ana.ics"
    path.write_bytes(reply_calendar(invitation, program.ana.email, "ACCEPTED"))
    assert replies.import_replies(database, [path]).refused == []

    def anas() -> tuple[str, str | None]:
        [row] = [
            row
            for row in replies.invited_answers(database, event_uid=program.workshop.uid)
            if row.email == program.ana.email
        ]
        return row.answer, row.earlier

    _moved_workshop(database, program, timedelta(days=1))
    assert anas() == ("accepted", None)  # moved, but nobody told yet: her answer stands
    update = _send_updates(database, program, plain_server)
    assert anas() == (replies.NO_ANSWER, "accepted")

    db = ["--db", database_url]
    uid = program.workshop.uid
    assert main([*db, "replies", "list", "--event", uid, "--invited"]) == 0
    line = f"{program.workshop.title}: Ana Quispe <{program.ana.email}> "
    assert line + "no answer (accepted before the update)" in capsys.readouterr().out.splitlines()
    assert main([*db, "replies", "list", "--event", uid, "--json"]) == 0
    [listed] = json.loads(capsys.readouterr().out)
    assert (listed["answer"], listed["earlier_answer"]) == ("no answer", "accepted")

    # Her answer to the update counts, though her mail client's clock stamped it before
    # her first answer: the later version wins first (RFC 5546 section 2.1.5).
    path.write_bytes(
        reply_calendar(
            update, program.ana.email, "DECLINED", stamp=datetime(2026, 4, 1, tzinfo=UTC)
        )
    )
    report = replies.import_replies(database, [path])
    assert (report.refused, [r.answer for r in report.recorded]) == ([], ["declined"])
    assert anas() == ("declined", None)
