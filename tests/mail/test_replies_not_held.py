"""Answers to what is no longer held, and the words of the answers: an answer to a
meeting or event cancelled after it was given is kept and listed as cancelled since,
but counts for nothing and is not among the invited; an answer to a meeting cancelled
in the version held or since is refused; someone taken off an event is told so; a
tentative answer is said with a verb; a moved meeting is named in one pair of brackets."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import icalendar
import pytest
from sqlalchemy import select

from cpp_scheduler import timezones
from cpp_scheduler.cli import main
from cpp_scheduler.i18n import day_text
from cpp_scheduler.model import Event, Participant, SentMessage
from cpp_scheduler.model.enums import EventStatus
from cpp_scheduler.services import invitations, replies, series
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.store import Database
from tests.ical.program import Program, local
from tests.mail.helpers import SENDER, plain_transport, read_calendar, reply_calendar, send
from tests.mail.smtpserver import Server

APRIL = local("Asia/Tokyo", 2026, 4, 15, 9, 0)
"""The April meeting as the series' rule gives it, moved to Thu 16 Apr 11:00 Tokyo."""
MAY = local("Asia/Tokyo", 2026, 5, 20, 9, 0)


def _series_invitation(database: Database, program: Program, server: Server) -> icalendar.Calendar:
    """Sofía's invitation to the series (April moved, March cancelled)."""
    send(database, EventScope(program.series.uid), server)
    (message,) = [m for m in server.mailbox.messages if program.sofia.email in str(m["To"])]
    return read_calendar(message)


def _version(database: Database, event_id: str) -> int:
    with database.session() as session:
        event = session.get(Event, event_id)
        assert event is not None
        return event.version


def _send_updates(database: Database, uid: str, server: Server) -> None:
    plan = invitations.plan_updates(database, EventScope(uid), SENDER)
    with plain_transport(server) as transport:
        invitations.send_batch(database, plan.to_send, transport)


def test_an_answer_to_a_meeting_cancelled_since_is_kept_but_stands_for_nothing(
    database_url: str,
    database: Database,
    program: Program,
    plain_server: Server,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    invitation = _series_invitation(database, program, plain_server)
    path = tmp_path / "sofia.ics"
    path.write_bytes(
        reply_calendar(invitation, program.sofia.email, "TENTATIVE", recurrence_id=APRIL)
    )
    assert replies.import_replies(database, [path]).refused == []
    # The moved April meeting is then cancelled.
    series.cancel_meeting(database, program.series.id, APRIL, _version(database, program.series.id))
    db = ["--db", database_url]
    assert main([*db, "replies", "list", "--event", program.series.uid]) == 0
    assert capsys.readouterr().out == (
        f"{program.series.title} (meeting of Thu 16 Apr 2026 11:00, Tokyo, moved from Wed 15 "
        f"Apr 2026 09:00): Sofía Muñoz <{program.sofia.email}> tentative; the meeting was "
        "cancelled since\n"
        "Answers recorded: 1; still standing: 0.\n"
    )
    (row,) = replies.attendance(database, event_uid=program.series.uid)
    assert row.as_json()["cancelled_since"] == "meeting"
    assert not row.stands
    assert replies.answer_counts([row])["tentative"] == 0
    # Nobody is invited to a meeting not held: only the whole series' rows remain.
    invited = replies.invited_answers(database, event_uid=program.series.uid)
    assert invited
    assert all(row.meeting is None for row in invited)


def test_an_answer_to_a_meeting_cancelled_before_it_was_told_is_refused(
    database: Database, program: Program, plain_server: Server, tmp_path: Path
) -> None:
    """Sofía holds the version sent before the series moved an hour and May was
    cancelled; nobody is told yet. Her answer to May answers a meeting nobody holds."""
    invitation = _series_invitation(database, program, plain_server)
    with database.session() as session:
        event = session.get(Event, program.series.id)
        assert event is not None
        version, start, end = event.version, event.start_utc, event.end_utc
    series.move_event(
        database, program.series.id, start + timedelta(hours=1), end + timedelta(hours=1), version
    )
    may_now = MAY + timedelta(hours=1)
    series.cancel_meeting(
        database, program.series.id, may_now, _version(database, program.series.id)
    )
    path = tmp_path / "sofia.ics"
    path.write_bytes(reply_calendar(invitation, program.sofia.email, "DECLINED", recurrence_id=MAY))
    report = replies.import_replies(database, [path])
    assert report.recorded == []
    assert report.refused == [
        f"{path}: the meeting of '{program.series.title}' on Wed 20 May 2026 09:00, Tokyo is "
        "cancelled; the answer is not recorded"
    ]


def test_answers_to_an_event_cancelled_since_are_history_not_invitations(
    database_url: str,
    database: Database,
    program: Program,
    plain_server: Server,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    send(database, EventScope(program.workshop.uid), plain_server)
    invitation = read_calendar(plain_server.mailbox.messages[0])
    (tmp_path / "ana.ics").write_bytes(reply_calendar(invitation, program.ana.email, "ACCEPTED"))
    assert replies.import_replies(database, [tmp_path]).refused == []
    with database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        assert event is not None
        event.status = EventStatus.CANCELLED
    db = ["--db", database_url]
    uid, title = program.workshop.uid, program.workshop.title
    assert main([*db, "replies", "list", "--event", uid]) == 0
    assert capsys.readouterr().out == (
        f"{title}: Ana Quispe <{program.ana.email}> accepted; the event was cancelled since\n"
        "Answers recorded: 1; still standing: 0.\n"
    )
    # Asked who is invited, the command says why nobody is, as the event dialog does.
    assert main([*db, "replies", "list", "--event", uid, "--invited"]) == 0
    assert capsys.readouterr().out == "It is cancelled: nobody is asked for an answer.\n"
    assert replies.invited_answers(database, event_id=program.workshop.id) == []


def test_someone_taken_off_an_event_and_told_is_refused_saying_so(
    database: Database, program: Program, plain_server: Server, tmp_path: Path
) -> None:
    send(database, EventScope(program.workshop.uid), plain_server)
    (message,) = [m for m in plain_server.mailbox.messages if program.kenji.email in str(m["To"])]
    invitation = read_calendar(message)
    with database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        kenji = session.get(Participant, program.kenji.id)
        assert event is not None
        assert kenji is not None
        event.participants.remove(kenji)
    _send_updates(database, program.workshop.uid, plain_server)
    with database.session() as session:
        told = session.scalars(
            select(SentMessage.sent_at).where(
                SentMessage.participant_id == program.kenji.id, SentMessage.method == "CANCEL"
            )
        ).one()
    path = tmp_path / "kenji.ics"
    path.write_bytes(reply_calendar(invitation, program.kenji.email, "ACCEPTED"))
    day = day_text(timezones.to_local(told, timezones.TOKYO).date())
    assert replies.import_replies(database, [path]).refused == [
        f"{path}: '{program.kenji.email}' was taken off '{program.workshop.title}' and told so "
        f"on {day}; the answer is not recorded"
    ]


def test_the_import_says_each_answer_with_a_verb_and_a_moved_meeting_in_one_bracket(
    database_url: str,
    database: Database,
    program: Program,
    plain_server: Server,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    invitation = _series_invitation(database, program, plain_server)
    (tmp_path / "sofia.ics").write_bytes(
        reply_calendar(invitation, program.sofia.email, "TENTATIVE", recurrence_id=APRIL)
    )
    (tmp_path / "priya.ics").write_bytes(
        reply_calendar(invitation, program.priya.email, "DECLINED")
    )
    assert main(["--db", database_url, "replies", "import", str(tmp_path)]) == 0
    title = program.series.title
    assert capsys.readouterr().out.splitlines() == [
        f"Priya Sen <{program.priya.email}> declined '{title}' (every meeting)",
        f"Sofía Muñoz <{program.sofia.email}> answered tentatively to '{title}' (meeting of "
        "Thu 16 Apr 2026 11:00, Tokyo, moved from Wed 15 Apr 2026 09:00)",
        "2 recorded, 0 refused",
    ]
