"""The Replies window names each event its ledger holds by its first day as the calendar
places it: an all-day event by its own date, on every clock."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from cpp_scheduler.mail.transports import OutboxTransport
from cpp_scheduler.model import Event, Participant
from cpp_scheduler.services import invitations
from cpp_scheduler.services.calendar_export import EventScope
from cpp_scheduler.services.replies import answered_events
from cpp_scheduler.store import Database
from tests.mail.helpers import SENDER


def test_an_all_day_event_east_of_tokyo_is_named_by_its_own_date(
    sqlite_database: Database, tmp_path: Path
) -> None:
    """Sydney's Thursday 20 May 2027 begins at 13:00 on Wednesday the 19th in Tokyo."""
    with sqlite_database.transaction() as session:
        event = Event(title="Sydney partners' open day", zone="Australia/Sydney")
        event.set_dates(date(2027, 5, 20), date(2027, 5, 20))
        event.participants = [Participant(name="Grace Lee", email="grace@example.org.au")]
        session.add(event)
        session.flush()
        uid = event.uid
    plan = invitations.plan_invitations(sqlite_database, EventScope(uid), SENDER)
    invitations.send_batch(sqlite_database, plan.to_send, OutboxTransport(tmp_path))
    [listed] = answered_events(sqlite_database)
    assert (listed.title, listed.day) == ("Sydney partners' open day", "Thu 20 May 2027")
