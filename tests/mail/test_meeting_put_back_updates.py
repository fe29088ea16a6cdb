"""A meeting of a series that participants were told is moved, put back where its rule
holds it (by "put back", or dragged back on its own time): the change report says it
moved back, Send updates tells it, and a calendar that takes the update holds the
meeting at its own time again. Neither said anything of it: the series had no change
left to tell, and the participants' calendars kept the meeting at its moved time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

import pytest
import recurring_ical_events

from cpp_scheduler.model import Event
from cpp_scheduler.services import invitations, series
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.services.changes import change_report
from cpp_scheduler.store import Database
from tests.ical.program import Program, local
from tests.mail.helpers import SENDER, plain_transport, read_calendar, send
from tests.mail.smtpserver import Server

APRIL = local("Asia/Tokyo", 2026, 4, 15, 9, 0)
"""The April meeting as the rule holds it; the invitations moved it to Thu 16 Apr 11:00."""
LENGTH = timedelta(hours=1, minutes=30)
TOLD = (
    "the meeting of Thu 16 Apr 2026, 07:45-09:15 (UTC+05:45) moved to Wed 15 Apr 2026, "
    "05:45-07:15 (UTC+05:45), your time"
)
"""What Maya (Kathmandu) is told of it."""


def _put_back(database: Database, event_id: str, version: int) -> None:
    series.set_meeting(database, event_id, APRIL, None, version)


def _dragged_back(database: Database, event_id: str, version: int) -> None:
    series.move_meeting(database, event_id, APRIL, APRIL, APRIL + LENGTH, version)


@pytest.mark.parametrize("back", [_put_back, _dragged_back], ids=["put back", "dragged back"])
def test_a_meeting_put_back_is_told_and_held_at_its_own_time(
    database: Database,
    program: Program,
    plain_server: Server,
    back: Callable[[Database, str, int], None],
) -> None:
    send(database, EventScope(program.series.uid), plain_server)
    with database.session() as session:
        event = session.get(Event, program.series.id)
        assert event is not None
        version = event.version
    back(database, program.series.id, version)

    (told,) = [c for c in change_report(database).changes if c.email == program.maya.email]
    assert told.details == (TOLD,)
    plan = invitations.plan_updates(database, None, SENDER)
    with plain_transport(plain_server) as transport:
        invitations.send_batch(database, plan.to_send, transport)
    (update,) = [
        read_calendar(m)
        for m in plain_server.mailbox.messages[-len(plan.to_send) :]
        if program.maya.email in str(m["To"])
    ]
    april = recurring_ical_events.of(update).between(datetime(2026, 4, 1), datetime(2026, 5, 1))
    assert [meeting.decoded("DTSTART") for meeting in april] == [APRIL]
    assert change_report(database).changes == ()
