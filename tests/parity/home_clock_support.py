"""A delegation at home in New York, on the zone the Bank's clock is also read in: its
own clock is New York's, while a Bank economist on the same zone is in Washington.

The demo program beside it holds the Kenya delegation's meeting of the monthly series
moved to Thursday 20 May 2027, and the Quezon City delegation, whose zone is Manila's.
"""

from __future__ import annotations

from datetime import UTC, datetime

from cpp_scheduler.model import Delegation, Event, EventKind, EventMode, Participant
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database

NEW_YORK = "USA: City of New York"
EVENING_CALL = "Evening call before the clock change"
ECONOMIST = "Bank economist"
MOVED_MEETING_DAY = "Thu 20 May 2027"
"""The Kenya delegation's meeting of the monthly series moved in the demo program."""


def store_new_york(database: Database) -> None:
    """The demo program, and a call on Saturday 13 March 2027 at 22:00-23:00 in New York
    (12:00 on Sunday in Tokyo) for the New York delegation and a Bank economist."""
    load_demo(database)
    with database.transaction() as session:
        new_york = Delegation(
            name=NEW_YORK, country="US", zone="America/New_York", home_city="New York"
        )
        economist = Participant(
            name=ECONOMIST, email="bank.economist@example.org", zone="America/New_York"
        )
        session.add(
            Event(
                title=EVENING_CALL,
                kind=EventKind.VIDEOCONFERENCE,
                mode=EventMode.VIRTUAL,
                zone="Asia/Tokyo",
                start_utc=datetime(2027, 3, 14, 3, 0, tzinfo=UTC),
                end_utc=datetime(2027, 3, 14, 4, 0, tzinfo=UTC),
                video_link="https://meet.example.org/new-york",
                delegations=[new_york],
                participants=[economist],
            )
        )
