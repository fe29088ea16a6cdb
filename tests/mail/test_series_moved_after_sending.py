"""A series moved as a whole after its invitations went out: its cancelled and moved
meetings go along with it (the rule every save applies), so the changes report, the
update e-mail and the replies treat them as the same meetings. Nothing told before is
told again as new, a meeting cancelled since is said at the time the participant knew
it, an answer to the version they hold is still recorded, and every answer is listed
where its meeting is now, once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.model import Event
from cpp_scheduler.services import invitations, replies, series
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.services.changes import change_report
from cpp_scheduler.store import Database
from tests.ical.program import Program, local
from tests.mail.helpers import SENDER, body, plain_transport, read_calendar, reply_calendar, send
from tests.mail.smtpserver import Server

APRIL = local("Asia/Tokyo", 2026, 4, 15, 9, 0)
"""The April meeting as the invitations named it, moved to Thu 16 Apr 11:00 Tokyo."""
MAY = local("Asia/Tokyo", 2026, 5, 20, 9, 0)
JUNE = local("Asia/Tokyo", 2026, 6, 17, 9, 0)
SERIES_MOVED = (
    "moved from Wed 18 Feb 2026, 05:45-07:15 (UTC+05:45) to Wed 18 Feb 2026, "
    "06:45-08:15 (UTC+05:45), your time"
)
"""What Maya (Kathmandu) is told of the series one hour later."""


@pytest.fixture
def invitation(database: Database, program: Program, plain_server: Server) -> icalendar.Calendar:
    """Maya's invitation to the series (SEQUENCE 0: March cancelled, April moved)."""
    send(database, EventScope(program.series.uid), plain_server)
    (message,) = [m for m in plain_server.mailbox.messages if program.maya.email in str(m["To"])]
    return read_calendar(message)


def _move_series_an_hour_later(database: Database, program: Program) -> None:
    with database.session() as session:
        event = session.get(Event, program.series.id)
        assert event is not None
        version, start, end = event.version, event.start_utc, event.end_utc
    series.move_event(
        database, program.series.id, start + timedelta(hours=1), end + timedelta(hours=1), version
    )


def _told_maya(database: Database, program: Program) -> tuple[str, ...]:
    (change,) = [c for c in change_report(database).changes if c.email == program.maya.email]
    return change.details


def test_a_series_moved_tells_its_move_and_only_the_meetings_changed_since(
    database: Database, program: Program, plain_server: Server, invitation: icalendar.Calendar
) -> None:
    _move_series_an_hour_later(database, program)
    assert _told_maya(database, program) == (SERIES_MOVED,)

    with database.session() as session:
        event = session.get(Event, program.series.id)
        assert event is not None
        version = event.version
    series.cancel_meeting(database, program.series.id, MAY + timedelta(hours=1), version)
    assert _told_maya(database, program) == (
        SERIES_MOVED,
        "the meeting of Wed 20 May 2026, 05:45-07:15 (UTC+05:45) is cancelled, your time",
    )

    plan = invitations.plan_updates(database, None, SENDER)
    with plain_transport(plain_server) as transport:
        invitations.send_batch(database, plan.to_send, transport)
    update = [m for m in plain_server.mailbox.messages if program.maya.email in str(m["To"])][-1]
    text = body(update, "plain")
    assert f"What changed:\n  {SERIES_MOVED}\n  the meeting of Wed 20 May" in text
    assert "Wed 18 Mar 2026" not in text
    assert "moved to Thu 16 Apr" not in text


def _maya_accepts_april_then_the_series_moves(
    database: Database, program: Program, invitation: icalendar.Calendar, tmp_path: Path
) -> None:
    """Maya accepts the April meeting of the invitation she holds; then the series moves
    an hour later, and nobody is told yet."""
    april = tmp_path / "maya_april.ics"
    april.write_bytes(
        reply_calendar(invitation, program.maya.email, "ACCEPTED", recurrence_id=APRIL)
    )
    assert replies.import_replies(database, [april]).refused == []
    _move_series_an_hour_later(database, program)


def test_an_answer_to_the_version_held_is_recorded_where_its_meeting_is_now(
    database_url: str,
    database: Database,
    program: Program,
    invitation: icalendar.Calendar,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _maya_accepts_april_then_the_series_moves(database, program, invitation, tmp_path)

    june = tmp_path / "maya_june.ics"
    june.write_bytes(
        reply_calendar(
            invitation,
            program.maya.email,
            "DECLINED",
            recurrence_id=JUNE,
            stamp=datetime(2026, 5, 2, tzinfo=UTC),
        )
    )
    db = ["--db", database_url]
    assert main([*db, "replies", "import", str(june)]) == 0
    assert "(meeting of Wed 17 Jun 2026 10:00, Tokyo)" in capsys.readouterr().out

    # Maya answers April again, to the same meeting: the newer answer replaces the first.
    again = tmp_path / "maya_april_again.ics"
    again.write_bytes(
        reply_calendar(
            invitation,
            program.maya.email,
            "TENTATIVE",
            recurrence_id=APRIL,
            stamp=datetime(2026, 5, 3, tzinfo=UTC),
        )
    )
    assert replies.import_replies(database, [again]).refused == []
    assert main([*db, "replies", "list"]) == 0
    title, maya = program.series.title, f"Maya Shrestha <{program.maya.email}>"
    assert capsys.readouterr().out == (
        f"{title} (meeting of Thu 16 Apr 2026 11:00, Tokyo, moved from Wed 15 Apr 2026 "
        f"10:00): {maya} tentative\n"
        f"{title} (meeting of Wed 17 Jun 2026 10:00, Tokyo): {maya} declined\n"
        "Answers recorded: 2; still standing: 2.\n"
    )
    meetings = [
        replies.answered_for(row)
        for row in replies.invited_answers(database, event_uid=program.series.uid)
        if row.meeting is not None
    ]
    assert meetings == [
        "meeting of Thu 16 Apr 2026 11:00, Tokyo, moved from Wed 15 Apr 2026 10:00",
        "meeting of Wed 17 Jun 2026 10:00, Tokyo",
    ]


def test_an_answer_from_an_address_corrected_since_says_so(
    database: Database, program: Program, plain_server: Server, tmp_path: Path
) -> None:
    send(database, EventScope(program.workshop.uid), plain_server)
    (message,) = [m for m in plain_server.mailbox.messages if program.bruno.email in str(m["To"])]
    old_address = program.bruno.email
    with database.transaction() as session:
        event = session.get(Event, program.workshop.id)
        assert event is not None
        (bruno,) = [p for p in event.participants if p.email == old_address]
        bruno.email = "b.salas@vivienda.gob.pe"
    path = tmp_path / "bruno_old.ics"
    path.write_bytes(reply_calendar(read_calendar(message), old_address, "ACCEPTED"))
    assert replies.import_replies(database, [path]).refused == [
        f"{path}: '{old_address}' was invited to '{program.workshop.title}' at this address, "
        "which has since been corrected to 'b.salas@vivienda.gob.pe'; the answer is not recorded"
    ]


def test_an_answer_given_before_the_series_moved_is_listed_where_its_meeting_is_now(
    database_url: str,
    database: Database,
    program: Program,
    invitation: icalendar.Calendar,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _maya_accepts_april_then_the_series_moves(database, program, invitation, tmp_path)
    assert main(["--db", database_url, "replies", "list"]) == 0
    assert capsys.readouterr().out == (
        f"{program.series.title} (meeting of Thu 16 Apr 2026 11:00, Tokyo, moved from Wed 15 "
        f"Apr 2026 10:00): Maya Shrestha <{program.maya.email}> accepted\n"
        "Answers recorded: 1; still standing: 1.\n"
    )
