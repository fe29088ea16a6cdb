"""A program whose meetings last several days, for comparing what ``times``,
``schedule``, ``conflicts`` and the window say of their hours and their order."""

from __future__ import annotations

from datetime import UTC, date, datetime

from cpp_scheduler.model import Delegation, Event, EventKind, EventMode
from cpp_scheduler.store import Database

KIRIBATI = "Kiribati: Kiritimati Island Council"
ST_JOHNS = "Canada: City of St. John's"
LINK = "https://meet.example.org/days"

GOLDEN_WEEK = "Golden Week closure"
CLOSED = "TDLC closed for the audit"
CLOSURES = {
    GOLDEN_WEEK: ("America/Lima", date(2027, 4, 29), date(2027, 5, 5)),
    CLOSED: ("Asia/Tokyo", date(2027, 2, 17), date(2027, 2, 17)),
}
"""All-day events by title: their zone, first day and last day. Golden Week in Lima's
calendar, seven days, and a day TDLC is closed: the demo program holds no all-day event
of its own."""


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def store_days_program(database: Database) -> None:
    """Kiritimati's council in Japan from 1 to 7 April 2027: a three-day workshop from
    09:00 on Friday to 17:00 on Sunday in Tokyo, a call at 21:30 on Sunday, an all-day
    day of prayer on Monday 5 April in Kiritimati (from 19:00 on Sunday in Tokyo); St.
    John's at home, with a hackathon round the clock for 48 hours."""
    with database.transaction() as session:
        kiribati = Delegation(
            name=KIRIBATI,
            country="KI",
            zone="Pacific/Kiritimati",
            arrival=date(2027, 4, 1),
            departure=date(2027, 4, 7),
        )
        st_johns = Delegation(name=ST_JOHNS, country="CA", zone="America/St_Johns")
        workshop = Event(
            uid="workshop@days",
            title="Three-day Kobe field workshop",
            kind=EventKind.WORKSHOP,
            mode=EventMode.HYBRID,
            zone="Asia/Tokyo",
            start_utc=utc("2027-04-02T00:00:00"),  # Friday 09:00 in Tokyo
            end_utc=utc("2027-04-04T08:00:00"),  # Sunday 17:00
            video_link=LINK,
            delegations=[kiribati],
        )
        late = Event(
            uid="late@days",
            title="Evening call home",
            kind=EventKind.VIDEOCONFERENCE,
            mode=EventMode.VIRTUAL,
            zone="Asia/Tokyo",
            start_utc=utc("2027-04-04T12:30:00"),  # Sunday 21:30 in Tokyo
            end_utc=utc("2027-04-04T13:30:00"),
            video_link=LINK,
            delegations=[kiribati],
        )
        prayer = Event(
            uid="prayer@days",
            title="National day of prayer",
            kind=EventKind.WORKSHOP,
            mode=EventMode.VIRTUAL,
            video_link=LINK,
            delegations=[kiribati],
        )
        prayer.set_dates(date(2027, 4, 5), date(2027, 4, 5), "Pacific/Kiritimati")
        hackathon = Event(
            uid="hackathon@days",
            title="48-hour hackathon",
            kind=EventKind.WORKSHOP,
            mode=EventMode.VIRTUAL,
            zone="Asia/Tokyo",
            start_utc=utc("2027-03-26T00:00:00"),  # Thursday 21:30 in St. John's
            end_utc=utc("2027-03-28T00:00:00"),
            video_link=LINK,
            delegations=[st_johns],
        )
        session.add_all([workshop, late, prayer, hackathon])


def add_closures(database: Database) -> None:
    """Add the :data:`CLOSURES` to the program, each an all-day event of its zone."""
    with database.transaction() as session:
        for title, (zone, first, last) in CLOSURES.items():
            event = Event(title=title, zone=zone)
            event.set_dates(first, last)
            session.add(event)
