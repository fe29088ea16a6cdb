"""What a reply answers, checked before it is recorded, and how the answers are listed:
a meeting the series does not have, or has cancelled, a reply for two people, a reply
dated in the future are refused in one line; a participant removed and told so no longer
shows as invited; a moved meeting is shown where it is now; an address whose domain is
beyond ASCII is written and matched as the mail goes to it; an organiser written "Last,
First <address>" is read as one."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.ical.export import Organizer
from cpp_scheduler.mail.addresses import OrganizerError, read_organizer
from cpp_scheduler.model import Event, Participant
from cpp_scheduler.services import invitations, replies
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database
from tests.ical.program import Program, local
from tests.mail.helpers import SENDER, plain_transport, read_calendar, reply_calendar, send
from tests.mail.smtpserver import Server

APRIL = local("Asia/Tokyo", 2026, 4, 15, 9, 0)
"""The series' April meeting by its rule, moved to Thu 16 Apr 11:00 in Tokyo."""
MARCH = local("Asia/Tokyo", 2026, 3, 18, 9, 0)
"""The series' March meeting, cancelled."""


@pytest.fixture
def invitation(database: Database, program: Program, plain_server: Server) -> icalendar.Calendar:
    send(database, EventScope(program.series.uid), plain_server)
    return read_calendar(plain_server.mailbox.messages[0])


def test_answers_to_meetings_the_series_does_not_hold_are_refused(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    nowhere = tmp_path / "nowhere.ics"
    nowhere.write_bytes(
        reply_calendar(
            invitation, program.sofia.email, "ACCEPTED", recurrence_id=datetime(2030, 1, 1, 3)
        )
    )
    cancelled = tmp_path / "cancelled.ics"
    cancelled.write_bytes(
        reply_calendar(invitation, program.priya.email, "ACCEPTED", recurrence_id=MARCH)
    )
    report = replies.import_replies(database, [nowhere, cancelled])
    title = program.series.title
    assert report.refused == [
        f"{nowhere}: '{title}' has no meeting on Tue 01 Jan 2030 03:00, Tokyo; "
        "the answer is not recorded",
        f"{cancelled}: the meeting of '{title}' on Wed 18 Mar 2026 09:00, Tokyo is cancelled; "
        "the answer is not recorded",
    ]
    assert replies.attendance(database) == []


def test_a_reply_for_two_people_or_dated_in_the_future_is_refused(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    both = tmp_path / "both.ics"
    both.write_bytes(
        reply_calendar(invitation, program.sofia.email, "DECLINED").replace(
            b"END:VEVENT",
            f"ATTENDEE;PARTSTAT=DECLINED:mailto:{program.priya.email}\r\nEND:VEVENT".encode(),
        )
    )
    future = tmp_path / "future.ics"
    future.write_bytes(
        reply_calendar(
            invitation, program.maya.email, "ACCEPTED", stamp=datetime(2099, 1, 1, tzinfo=UTC)
        )
    )
    report = replies.import_replies(database, [both, future])
    assert report.refused == [
        f"{both}: the answer names 2 attendees; a reply answers for one person (RFC 5546)",
        f"{future}: the answer is dated '20990101T000000Z', later than now (the sender's "
        "clock is wrong); it is not recorded",
    ]
    # Maya's later answers are not locked out by a date decades ahead.
    later = tmp_path / "later.ics"
    later.write_bytes(reply_calendar(invitation, program.maya.email, "DECLINED"))
    assert replies.import_replies(database, [later]).refused == []
    assert [(row.participant, row.answer) for row in replies.attendance(database)] == [
        ("Maya Shrestha", "declined")
    ]


def test_an_earlier_answer_read_after_a_later_one_is_not_printed_as_recorded(
    database_url: str,
    database: Database,
    program: Program,
    invitation: icalendar.Calendar,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    late = tmp_path / "late.ics"
    late.write_bytes(reply_calendar(invitation, program.sofia.email, "ACCEPTED"))
    early = tmp_path / "early.ics"
    early.write_bytes(
        reply_calendar(
            invitation, program.sofia.email, "DECLINED", stamp=datetime(2026, 4, 1, tzinfo=UTC)
        )
    )
    db = ["--db", database_url]
    assert main([*db, "replies", "import", str(late)]) == 0
    capsys.readouterr()
    assert main([*db, "replies", "import", str(early)]) == 1
    out, err = capsys.readouterr()
    assert out == "0 recorded, 1 refused\n"
    assert err == (
        f"refused: {early}: '{program.sofia.email}' answered '{program.series.title}' later "
        "(accepted); this earlier answer is not recorded\n"
    )
    assert [row.answer for row in replies.attendance(database)] == ["accepted"]


def test_a_participant_removed_and_told_so_is_no_longer_listed_nor_heard(
    database: Database, program: Program, plain_server: Server, tmp_path: Path
) -> None:
    send(database, EventScope(program.workshop.uid), plain_server)
    invitation = read_calendar(plain_server.mailbox.messages[0])
    (tmp_path / "bruno.ics").write_bytes(
        reply_calendar(invitation, program.bruno.email, "ACCEPTED")
    )
    assert replies.import_replies(database, [tmp_path]).refused == []
    with database.transaction() as session:
        workshop = session.get(Event, program.workshop.id)
        bruno = session.get(Participant, program.bruno.id)
        assert workshop is not None
        workshop.participants.remove(bruno)
        workshop.delegations = [d for d in workshop.delegations if d.id != program.lima.id]
    # Removed but not told yet: he still holds the invitation, and his answer stands.
    listed = replies.invited_answers(database, event_uid=program.workshop.uid)
    assert ("Bruno Salas", "accepted") in {(row.participant, row.answer) for row in listed}
    plan = invitations.plan_updates(database, EventScope(program.workshop.uid), SENDER)
    with plain_transport(plain_server) as transport:
        invitations.send_batch(database, plan.to_send, transport)
    listed = replies.invited_answers(database, event_uid=program.workshop.uid)
    assert "Bruno Salas" not in {row.participant for row in listed}
    assert "Bruno Salas" not in {row.participant for row in replies.attendance(database)}
    again = tmp_path / "again.ics"
    again.write_bytes(
        reply_calendar(
            invitation, program.bruno.email, "DECLINED", stamp=datetime.now(UTC) - timedelta(1)
        )
    )
    report = replies.import_replies(database, [again])
    (refused,) = report.refused
    # Bruno was told he no longer attends: his late answer says nothing about the event.
    assert refused.startswith(
        f"{again}: '{program.bruno.email}' was taken off '{program.workshop.title}' and told so on "
    )
    assert refused.endswith("; the answer is not recorded")


def test_an_answer_to_a_moved_meeting_is_listed_where_the_meeting_is_now(
    database_url: str,
    database: Database,
    program: Program,
    invitation: icalendar.Calendar,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "sofia.ics"
    path.write_bytes(
        reply_calendar(invitation, program.sofia.email, "DECLINED", recurrence_id=APRIL)
    )
    shown = "Thu 16 Apr 2026 11:00, Tokyo, moved from Wed 15 Apr 2026 09:00"
    db = ["--db", database_url]
    assert main([*db, "replies", "import", str(path)]) == 0
    assert f"(meeting of {shown})" in capsys.readouterr().out
    assert main([*db, "replies", "list"]) == 0
    assert capsys.readouterr().out == (
        f"{program.series.title} (meeting of {shown}): "
        f"Sofía Muñoz <{program.sofia.email}> declined\n"
        "Answers recorded: 1; still standing: 1.\n"
    )
    assert main([*db, "replies", "list", "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert (row["meeting"], row["moved_to"]) == (
        APRIL.isoformat(),
        (APRIL + timedelta(days=1, hours=2)).isoformat(),
    )
    (invited,) = [
        row
        for row in replies.invited_answers(database, event_uid=program.series.uid)
        if row.meeting is not None
    ]
    assert (
        replies.answered_for(invited)
        == "meeting of Thu 16 Apr 2026 11:00, Tokyo, moved from Wed 15 Apr 2026 09:00"
    )


def test_a_domain_beyond_ascii_is_written_and_matched_as_the_mail_goes_to_it(
    database: Database, program: Program, plain_server: Server, tmp_path: Path
) -> None:
    with database.transaction() as session:
        workshop = session.get(Event, program.workshop.id)
        assert workshop is not None
        hanako = Participant(name="山田 花子", email="hanako@例え.jp", zone="Asia/Tokyo")
        workshop.participants.append(hanako)
    send(database, EventScope(program.workshop.uid), plain_server)
    (message,) = [m for m in plain_server.mailbox.messages if "xn--r8jz45g.jp" in str(m["To"])]
    invitation = read_calendar(message)
    (vevent,) = invitation.walk("VEVENT")
    assert str(vevent["ATTENDEE"]) == "mailto:hanako@xn--r8jz45g.jp"
    as_sent = tmp_path / "a.ics"
    as_sent.write_bytes(reply_calendar(invitation, "hanako@xn--r8jz45g.jp", "ACCEPTED"))
    report = replies.import_replies(database, [as_sent])
    assert report.refused == []
    assert [(r.participant, r.answer) for r in report.recorded] == [("山田 花子", "accepted")]
    # Its Unicode form, in other capitals, is the same person.
    unicode = tmp_path / "b.ics"
    unicode.write_bytes(
        reply_calendar(
            invitation, "Hanako@例え.JP", "TENTATIVE", stamp=datetime(2026, 5, 2, tzinfo=UTC)
        )
    )
    assert replies.import_replies(database, [unicode]).refused == []
    answers = replies.invited_answers(database, event_uid=program.workshop.uid)
    assert ("山田 花子", "tentative") in {(row.participant, row.answer) for row in answers}


def test_an_organiser_written_last_comma_first_is_one_organiser() -> None:
    assert read_organizer("Tanaka, Keiko <keiko.tanaka@example.org>") == Organizer(
        "Tanaka, Keiko", "keiko.tanaka@example.org"
    )
    assert read_organizer('"Tanaka, Keiko" <keiko.tanaka@example.org>') == Organizer(
        "Tanaka, Keiko", "keiko.tanaka@example.org"
    )
    with pytest.raises(OrganizerError, match="needs an email address"):
        read_organizer("Tanaka, Keiko")


def test_send_from_last_comma_first_signs_the_mail_and_the_calendar(
    database_url: str, database: Database, program: Program, plain_server: Server
) -> None:
    with database.transaction() as session:
        workshop = session.get(Event, program.workshop.id)
        assert workshop is not None
        workshop.organiser = None
    command = [
        "--db",
        database_url,
        "send",
        "invitations",
        "--event",
        program.workshop.uid,
        "--smtp",
        f"127.0.0.1:{plain_server.port}",
        "--plain",
        "--from",
        "Tanaka, Keiko <keiko.tanaka@example.org>",
    ]
    assert main(command) == 0
    message = plain_server.mailbox.messages[0]
    (sender,) = message["From"].addresses
    assert (sender.display_name, sender.addr_spec) == ("Tanaka, Keiko", "keiko.tanaka@example.org")
    (vevent,) = read_calendar(message).walk("VEVENT")
    organiser = vevent["ORGANIZER"]
    assert (str(organiser), organiser.params["CN"]) == (
        "mailto:keiko.tanaka@example.org",
        "Tanaka, Keiko",
    )
