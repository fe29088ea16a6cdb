"""An invited official who passes the meeting to a colleague answers "delegated" (RFC
5546 section 4.2.5): the coordinator sees it among the answers, counted apart from those
who accepted, with each delegate and whether they are invited already or whom to add."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import icalendar
import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.model import Event, Participant
from cpp_scheduler.services import invitations, replies
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database
from tests.ical.program import Program
from tests.mail.delegation import as_delegation_message, delegation_reply
from tests.mail.helpers import SENDER, plain_transport, read_calendar, reply_calendar, send
from tests.mail.smtpserver import Server

RAM = "ram.thapa@kathmandu.gov.np"
"""Maya's colleague, whom the program does not know."""


@pytest.fixture
def invitation(database: Database, program: Program, plain_server: Server) -> icalendar.Calendar:
    send(database, EventScope(program.workshop.uid), plain_server)
    return read_calendar(plain_server.mailbox.messages[0])


def _row(database: Database, program: Program, email: str) -> replies.Attendance:
    (row,) = [
        row
        for row in replies.invited_answers(database, event_uid=program.workshop.uid)
        if row.email == email
    ]
    return row


def test_a_delegation_is_recorded_with_whom_it_went_to_and_whom_to_invite(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    (tmp_path / "maya.ics").write_bytes(
        delegation_reply(invitation, program.maya.email, (program.bruno.email, RAM))
    )
    (tmp_path / "ana.ics").write_bytes(reply_calendar(invitation, program.ana.email, "ACCEPTED"))

    report = replies.import_replies(database, [tmp_path])

    assert report.refused == []
    delegated = next(reply for reply in report.recorded if reply.email == program.maya.email)
    assert delegated.answer == "delegated"
    assert delegated.delegates == (
        replies.Delegate(program.bruno.email, "Bruno Salas", invited=True),
        replies.Delegate(RAM),
    )
    maya = _row(database, program, program.maya.email)
    assert maya.answer == "delegated"
    assert replies.row_answer(maya) == (
        f"delegated to Bruno Salas <{program.bruno.email}> (invited already), {RAM} (not in "
        "the program: add this address as a participant and invite them)"
    )
    # Maya is not coming: a delegation is no acceptance.
    counts = replies.answer_counts(
        replies.invited_answers(database, event_uid=program.workshop.uid)
    )
    assert (counts["accepted"], counts["delegated"]) == (1, 1)


def test_a_delegate_who_is_a_participant_not_invited_is_named_and_shown_invited_once_added(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    """Sofía is in the program but not invited to the workshop: the line says to invite
    her; once the coordinator has, the same answer says she is invited."""
    path = tmp_path / "ana.eml"
    reply = delegation_reply(invitation, program.ana.email, (program.sofia.email.upper(),))
    path.write_bytes(as_delegation_message(reply, program.ana.email))
    assert replies.import_replies(database, [path]).refused == []
    person = f"Sofía Muñoz <{program.sofia.email}>"
    assert replies.row_answer(_row(database, program, program.ana.email)) == (
        f"delegated to {person} (a participant, not invited to this event: invite them)"
    )

    with database.transaction() as session:
        workshop = session.get(Event, program.workshop.id)
        sofia = session.get(Participant, program.sofia.id)
        assert workshop is not None
        assert sofia is not None
        workshop.participants.append(sofia)

    assert replies.row_answer(_row(database, program, program.ana.email)) == (
        f"delegated to {person} (invited already)"
    )


def test_a_delegation_that_names_nobody_is_refused_in_one_line(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    path = tmp_path / "maya.ics"
    path.write_bytes(delegation_reply(invitation, program.maya.email, ()))

    report = replies.import_replies(database, [path])

    assert report.recorded == []
    assert report.refused == [
        f"{path}: '{program.maya.email}' delegated the invitation without saying to whom "
        "(no DELEGATED-TO); the answer is not recorded"
    ]
    assert _row(database, program, program.maya.email).answer == "no answer"


def test_the_delegates_may_come_as_attendees_delegated_from_the_delegator_and_no_other(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    """RFC 5546 section 3.2.2.3: the delegation's reply may name each delegate as an
    ATTENDEE, DELEGATED-FROM the delegator. Only the delegator's answer is recorded;
    a second ATTENDEE of any other shape is a reply for two people, refused as before."""
    shaped = tmp_path / "maya.ics"
    shaped.write_bytes(
        delegation_reply(invitation, program.maya.email, (RAM,), delegates_as_attendees=True)
    )
    # The file is a delegation as a calendar reads it: folded at 75 octets, the delegator
    # DELEGATED to Ram, and Ram DELEGATED-FROM Maya.
    assert max(len(line) for line in shaped.read_bytes().split(b"\r\n")) <= 75
    (vevent,) = icalendar.Calendar.from_ical(shaped.read_bytes()).walk("VEVENT")
    attendees: list[Any] = vevent.get("ATTENDEE", [])
    assert [
        (str(a), a.params.get("PARTSTAT"), a.params.get("DELEGATED-TO"),
         a.params.get("DELEGATED-FROM"))
        for a in attendees
    ] == [
        (f"mailto:{program.maya.email}", "DELEGATED", f"mailto:{RAM}", None),
        (f"mailto:{RAM}", None, None, f"mailto:{program.maya.email}"),
    ]  # fmt: skip
    stranger = tmp_path / "ana.ics"
    stranger.write_bytes(
        delegation_reply(
            invitation,
            program.ana.email,
            (program.bruno.email,),
            delegates_as_attendees=True,
            delegated_from=program.maya.email,
        )
    )

    report = replies.import_replies(database, [shaped, stranger])

    assert [(reply.email, reply.answer) for reply in report.recorded] == [
        (program.maya.email, "delegated")
    ]
    assert report.refused == [
        f"{stranger}: the answer names 2 attendees; a reply answers for one person (RFC 5546)"
    ]
    answers = {
        row.email: row.answer
        for row in replies.invited_answers(database, event_uid=program.workshop.uid)
    }
    assert answers[program.maya.email] == "delegated"
    assert answers[program.ana.email] == "no answer"
    assert RAM not in answers  # the delegate answers for herself, once invited


def test_a_later_answer_replaces_a_delegation_and_an_older_one_changes_nothing(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    """DTSTAMP orders a delegation among the person's answers as any answer: Maya
    delegated, then took the meeting back; reading the delegation again changes
    nothing, and her acceptance keeps no delegate."""
    delegated = tmp_path / "1-delegated.ics"
    delegated.write_bytes(
        delegation_reply(invitation, program.maya.email, (RAM,), stamp="20260501T090000Z")
    )
    assert replies.import_replies(database, [delegated]).refused == []
    accepted = tmp_path / "2-accepted.ics"
    accepted.write_bytes(
        reply_calendar(
            invitation, program.maya.email, "ACCEPTED", stamp=datetime(2026, 5, 2, tzinfo=UTC)
        )
    )
    assert replies.import_replies(database, [accepted]).refused == []

    report = replies.import_replies(database, [delegated])

    assert report.refused == [
        f"{delegated}: '{program.maya.email}' answered '{program.workshop.title}' later "
        "(accepted); this earlier answer is not recorded"
    ]
    maya = _row(database, program, program.maya.email)
    assert (maya.answer, maya.delegates, replies.row_answer(maya)) == ("accepted", (), "accepted")


def test_the_command_says_whom_the_meeting_was_delegated_to(
    database_url: str,
    database: Database,
    program: Program,
    invitation: icalendar.Calendar,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "maya.ics"
    path.write_bytes(delegation_reply(invitation, program.maya.email, (program.bruno.email, RAM)))
    db = ["--db", database_url]
    title = program.workshop.title
    delegates = (
        f"Bruno Salas <{program.bruno.email}> (invited already), {RAM} (not in the program: "
        "add this address as a participant and invite them)"
    )

    assert main([*db, "replies", "import", str(path)]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        f"Maya Shrestha <{program.maya.email}> delegated '{title}' to {delegates}",
        "1 recorded, 0 refused",
    ]

    assert main([*db, "replies", "list"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        f"{title}: Maya Shrestha <{program.maya.email}> delegated to {delegates}",
        "Answers recorded: 1; still standing: 1.",
    ]

    assert main([*db, "replies", "list", "--event", program.workshop.uid, "--invited",
                 "--json"]) == 0  # fmt: skip
    rows = {row["email"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows[program.maya.email]["answer"] == "delegated"
    assert rows[program.maya.email]["delegated_to"] == [
        {"email": program.bruno.email, "participant": "Bruno Salas", "invited": True},
        {"email": RAM, "participant": None, "invited": False},
    ]
    assert rows[program.ana.email]["delegated_to"] == []


def test_an_update_sent_after_a_delegation_asks_again_and_says_whom_it_went_to(
    database: Database,
    program: Program,
    invitation: icalendar.Calendar,
    plain_server: Server,
    tmp_path: Path,
) -> None:
    """The workshop moves and its update reaches Maya: her delegation answered the old
    time, so she shows no answer until she answers again, with whom she had passed it to."""
    path = tmp_path / "maya.ics"
    path.write_bytes(delegation_reply(invitation, program.maya.email, (RAM,)))
    assert replies.import_replies(database, [path]).refused == []
    with database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        assert event is not None
        event.start_utc += timedelta(days=1)
        event.end_utc += timedelta(days=1)
    plan = invitations.plan_updates(database, EventScope(program.workshop.uid), SENDER)
    with plain_transport(plain_server) as transport:
        invitations.send_batch(database, plan.to_send, transport)

    maya = _row(database, program, program.maya.email)

    assert (maya.answer, maya.earlier) == ("no answer", "delegated")
    assert replies.row_answer(maya) == (
        f"no answer (delegated to {RAM} (not in the program: add this address as a "
        "participant and invite them) before the update)"
    )
    counts = replies.answer_counts([maya])
    assert (counts["delegated"], counts["no answer"]) == (0, 1)
