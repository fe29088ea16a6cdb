"""What an update tells of a meeting placed on a repeated time: the series grown by a
meeting the clocks pass twice is told as the rule it now has, not as a meeting "moved"
to the very time the rule gives it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cpp_scheduler.model import Event, EventKind, EventMode, EventStatus, Participant
from cpp_scheduler.model.recurrence import OccurrenceChange
from cpp_scheduler.services import editing
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.services.changes import change_report
from cpp_scheduler.store import Database
from tests.ical.program import Program
from tests.mail.helpers import send
from tests.mail.smtpserver import Server

OCTOBER_24 = datetime(2027, 10, 24, 5, 30, tzinfo=UTC)
"""Sunday 24 October 2027, 01:30 in New York (EDT)."""
NOVEMBER_7_FIRST = datetime(2027, 11, 7, 5, 30, tzinfo=UTC)
"""Sunday 7 November 2027, the first 01:30 in New York (EDT): RFC 5545's reading."""
HOUR = timedelta(hours=1)
NOVEMBER_7_SECOND = datetime(2027, 11, 7, 6, 30, tzinfo=UTC)
"""The second 01:30 (EST), an hour later."""


def _call_sent_to_maya(database: Database, program: Program, server: Server) -> str:
    """A weekly Sunday 01:30 New York call of two meetings, sent to Maya."""
    with database.session() as session:
        maya = session.get(Participant, program.maya.id)
        call = Event(
            title="Sunday night call with Washington",
            kind=EventKind.VIDEOCONFERENCE,
            mode=EventMode.VIRTUAL,
            status=EventStatus.CONFIRMED,
            start_utc=OCTOBER_24,
            end_utc=datetime(2027, 10, 24, 6, 30, tzinfo=UTC),
            zone="America/New_York",
            recurrence_rule="FREQ=WEEKLY;BYDAY=SU;COUNT=2",
            video_link="https://meet.example.org/sunday",
            participants=[maya],
        )
        session.add(call)
        session.commit()
        call_id, uid = call.id, call.uid
    send(database, EventScope(uid), server)
    return call_id


def _grow_to_november(database: Database, call_id: str, placed_at: datetime) -> None:
    with database.session() as session:
        version = session.get(Event, call_id).version  # type: ignore[union-attr]
    placement = OccurrenceChange(NOVEMBER_7_FIRST, start=placed_at, end=placed_at + HOUR)
    editing.change(
        database,
        Event,
        call_id,
        {
            "recurrence_rule": "FREQ=WEEKLY;BYDAY=SU;COUNT=3",
            editing.PLACED_MEETINGS: {NOVEMBER_7_FIRST: placement},
        },
        version,
    )


def _told_maya(database: Database, program: Program) -> tuple[str, ...]:
    found = [c for c in change_report(database).changes if c.email == program.maya.email]
    return found[0].details if found else ()


GROWN = (
    "the series now has 3 meetings from Sun 24 Oct 2027 to Sun 07 Nov 2027 "
    "(before: 2 meetings from Sun 24 Oct 2027 to Sun 31 Oct 2027)"
)
"""What Maya (Kathmandu) is told of the call grown into November."""


@pytest.mark.parametrize(
    "placed_at", [NOVEMBER_7_FIRST, NOVEMBER_7_SECOND], ids=["first", "second"]
)
def test_a_meeting_placed_where_the_series_grows_is_told_by_its_rule_alone(
    database: Database, program: Program, plain_server: Server, placed_at: datetime
) -> None:
    call_id = _call_sent_to_maya(database, program, plain_server)
    _grow_to_november(database, call_id, placed_at)
    # Not "the meeting of Sun 07 Nov ... moved to ...": Maya never had that meeting.
    assert _told_maya(database, program) == (GROWN,)


def test_a_placed_meeting_told_at_one_reading_and_now_at_the_other_is_told_moved(
    database: Database, program: Program, plain_server: Server
) -> None:
    call_id = _call_sent_to_maya(database, program, plain_server)
    _grow_to_november(database, call_id, NOVEMBER_7_FIRST)
    with database.session() as session:
        uid = session.get(Event, call_id).uid  # type: ignore[union-attr]
    send(database, EventScope(uid), plain_server)
    assert _told_maya(database, program) == ()
    # The coordinator answers the other way: the meeting is an hour later for everyone.
    with database.session() as session:
        version = session.get(Event, call_id).version  # type: ignore[union-attr]
    second = OccurrenceChange(
        NOVEMBER_7_FIRST, start=NOVEMBER_7_SECOND, end=NOVEMBER_7_SECOND + HOUR
    )
    editing.change(
        database, Event, call_id, {editing.PLACED_MEETINGS: {NOVEMBER_7_FIRST: second}}, version
    )
    assert _told_maya(database, program) == (
        "the meeting of Sun 07 Nov 2027, 11:15-12:15 (UTC+05:45) moved to "
        "Sun 07 Nov 2027, 12:15-13:15 (UTC+05:45), your time",
    )
