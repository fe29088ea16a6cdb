"""The colleague an official passed the meeting to answers it from their own calendar
(RFC 5546 section 4.2.5: their ATTENDEE DELEGATED-FROM the official). The event does
not invite them yet, so nothing is recorded, but the refusal says whose delegate they
are and what the coordinator does; once they are added and invited, the same reply is
recorded."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import icalendar
import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.model import Event, Participant
from cpp_scheduler.services import replies
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database
from tests.ical.program import Program
from tests.mail.delegate_reply import answer
from tests.mail.helpers import read_calendar, send
from tests.mail.smtpserver import Server

RAM = "ram.thapa@kathmandu.gov.np"
"""Maya's colleague, whom the program does not know."""

MAY_MEETING = datetime(2026, 5, 20, 0, 0, tzinfo=UTC)
"""The series' May meeting (Wed 20 May 2026 09:00, Tokyo)."""

JUNE_MEETING = datetime(2026, 6, 17, 0, 0, tzinfo=UTC)
"""The series' June meeting (Wed 17 Jun 2026 09:00, Tokyo)."""


def invitation_to(database: Database, event: Event, server: Server) -> icalendar.Calendar:
    """The invitations to ``event`` sent; the calendar of the first."""
    send(database, EventScope(event.uid), server)
    return read_calendar(server.mailbox.messages[0])


def imported(database: Database, path: Path) -> replies.ImportReport:
    return replies.import_replies(database, [path])


def recorded_answers(database: Database, event: Event) -> dict[str, str]:
    """Every answer recorded for ``event``, by address."""
    return {row.email: row.answer for row in replies.attendance(database, event_uid=event.uid)}


def invite(database: Database, event: Event, email: str, name: str | None = None) -> None:
    """The coordinator invites the participant with ``email`` to ``event``, adding them
    to the program first (as ``name``) when nobody has the address."""
    with database.transaction() as session:
        held = session.get(Event, event.id)
        assert held is not None
        person = session.query(Participant).filter_by(email=email).one_or_none()
        if person is None:
            assert name is not None
            person = Participant(name=name, email=email)
            session.add(person)
        held.participants.append(person)


def test_a_delegate_the_program_does_not_know_is_told_to_be_added_then_recorded(
    database: Database, program: Program, plain_server: Server, tmp_path: Path
) -> None:
    invitation = invitation_to(database, program.workshop, plain_server)
    delegation = tmp_path / "maya.ics"
    delegation.write_bytes(answer(invitation, program.maya.email, "DELEGATED", delegated_to=RAM))
    assert imported(database, delegation).refused == []
    ram = tmp_path / "ram.ics"
    ram.write_bytes(
        answer(
            invitation, RAM, "ACCEPTED", delegated_from=program.maya.email, stamp="20260502T090000Z"
        )
    )

    report = imported(database, ram)

    title = program.workshop.title
    assert report.recorded == []
    assert report.refused == [
        f"{ram}: '{RAM}' answered '{title}' (accepted) as the delegate of 'Maya Shrestha "
        f"<{program.maya.email}>', but the event does not invite them, so the answer is not "
        "recorded: add this address as a participant, invite them, then import this reply again"
    ]
    assert recorded_answers(database, program.workshop) == {program.maya.email: "delegated"}
    # Anyone else uninvited reads as before, whatever DELEGATED-FROM they claim.
    stranger = tmp_path / "spy.ics"
    stranger.write_bytes(
        answer(invitation, "spy@evil.example", "ACCEPTED", delegated_from=program.maya.email)
    )
    assert imported(database, stranger).refused == [
        f"{stranger}: 'spy@evil.example' was not invited to '{title}'"
    ]

    invite(database, program.workshop, RAM, "Ram Thapa")
    report = imported(database, ram)

    assert report.refused == []
    assert [(reply.participant, reply.answer) for reply in report.recorded] == [
        ("Ram Thapa", "accepted")
    ]
    assert recorded_answers(database, program.workshop) == {
        program.maya.email: "delegated",
        RAM: "accepted",
    }


def test_a_delegate_who_is_a_participant_not_invited_is_told_to_be_invited_then_recorded(
    database: Database, program: Program, plain_server: Server, tmp_path: Path
) -> None:
    """Sofía is in the program but not invited to the workshop; Ana passed it to her,
    and Sofía answers in other capitals, without DELEGATED-FROM: the recorded delegation
    is what tells whose delegate she is."""
    invitation = invitation_to(database, program.workshop, plain_server)
    delegation = tmp_path / "ana.ics"
    delegation.write_bytes(
        answer(invitation, program.ana.email, "DELEGATED", delegated_to=program.sofia.email)
    )
    assert imported(database, delegation).refused == []
    sofia = tmp_path / "sofia.ics"
    sofia.write_bytes(
        answer(invitation, program.sofia.email.upper(), "TENTATIVE", stamp="20260502T090000Z")
    )

    report = imported(database, sofia)

    assert report.recorded == []
    assert report.refused == [
        f"{sofia}: 'Sofía Muñoz <{program.sofia.email}>' answered '{program.workshop.title}' "
        f"(tentative) as the delegate of 'Ana Quispe <{program.ana.email}>', but the event "
        "does not invite them, so the answer is not recorded: invite them, then import this "
        "reply again"
    ]
    assert program.sofia.email not in recorded_answers(database, program.workshop)

    invite(database, program.workshop, program.sofia.email)

    assert [(reply.participant, reply.answer) for reply in imported(database, sofia).recorded] == [
        ("Sofía Muñoz", "tentative")
    ]


def test_a_meeting_delegated_alone_makes_its_delegate_known_for_that_meeting_only(
    database: Database, program: Program, plain_server: Server, tmp_path: Path
) -> None:
    """Priya passed the May meeting of the series to Ram: his answer to the May meeting
    is refused as her delegate's; his answer to June, which she did not pass on, as a
    stranger's. A delegation of the whole series passes every meeting."""
    invitation = invitation_to(database, program.series, plain_server)
    may = tmp_path / "priya-may.ics"
    may.write_bytes(
        answer(invitation, program.priya.email, "DELEGATED", delegated_to=RAM, meeting=MAY_MEETING)
    )
    assert imported(database, may).refused == []
    ram_may = tmp_path / "ram-may.ics"
    ram_may.write_bytes(answer(invitation, RAM, "DECLINED", meeting=MAY_MEETING))
    ram_june = tmp_path / "ram-june.ics"
    ram_june.write_bytes(answer(invitation, RAM, "ACCEPTED", meeting=JUNE_MEETING))
    title = program.series.title
    as_delegate = (
        f"{ram_may}: '{RAM}' answered '{title}' (declined) as the delegate of 'Priya Sen "
        f"<{program.priya.email}>', but the event does not invite them, so the answer is not "
        "recorded: add this address as a participant, invite them, then import this reply again"
    )

    assert imported(database, ram_may).refused == [as_delegate]
    assert imported(database, ram_june).refused == [
        f"{ram_june}: '{RAM}' was not invited to '{title}'"
    ]

    whole = tmp_path / "sofia.ics"
    whole.write_bytes(answer(invitation, program.sofia.email, "DELEGATED", delegated_to=RAM))
    assert imported(database, whole).refused == []
    assert imported(database, ram_june).refused == [
        f"{ram_june}: '{RAM}' answered '{title}' (accepted) as the delegate of 'Sofía Muñoz "
        f"<{program.sofia.email}>', but the event does not invite them, so the answer is not "
        "recorded: add this address as a participant, invite them, then import this reply again"
    ]
    assert RAM not in recorded_answers(database, program.series)


def test_the_command_prints_why_the_delegates_answer_is_refused(
    database_url: str,
    database: Database,
    program: Program,
    plain_server: Server,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    invitation = invitation_to(database, program.workshop, plain_server)
    (tmp_path / "maya.ics").write_bytes(
        answer(invitation, program.maya.email, "DELEGATED", delegated_to=RAM)
    )
    ram = tmp_path / "ram.ics"
    ram.write_bytes(
        answer(
            invitation, RAM, "ACCEPTED", delegated_from=program.maya.email, stamp="20260502T090000Z"
        )
    )
    db = ["--db", database_url]
    assert main([*db, "replies", "import", str(tmp_path / "maya.ics")]) == 0
    capsys.readouterr()

    assert main([*db, "replies", "import", str(ram)]) == 1

    printed = capsys.readouterr()
    assert printed.err.splitlines() == [
        f"refused: {ram}: '{RAM}' answered '{program.workshop.title}' (accepted) as the "
        f"delegate of 'Maya Shrestha <{program.maya.email}>', but the event does not invite "
        "them, so the answer is not recorded: add this address as a participant, invite them, "
        "then import this reply again"
    ]
    assert printed.out.splitlines() == ["0 recorded, 1 refused"]
