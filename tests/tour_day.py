"""Study tours as the tests build them: a tour day of three events, as the tests of a
step of several records move it, and the Peru delegation's tour of March 2027."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from cpp_scheduler.model import Base, Delegation, Event, StudyTour
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database

TITLES = ("Opening briefing", "Kobe port visit", "Closing dinner")


def make_day(database: Database, first: datetime) -> list[str]:
    """Three events of one day, an hour long each, two hours apart from ``first``:
    their ids."""
    return [
        editing.create(
            database,
            Event,
            {
                "title": title,
                "start_utc": first + timedelta(hours=2 * hour),
                "end_utc": first + timedelta(hours=2 * hour + 1),
            },
        )
        for hour, title in enumerate(TITLES)
    ]


PERU_TOUR_START = date(2027, 3, 8)
"""The first of the three days of :func:`peru_study_tour`."""


def add_record(database: Database, model: type[Base], **values: Any) -> str:
    """A record of ``model`` saved as the services save one: its id."""
    with database.transaction() as session:
        return editing.create_record(session, model, values).id


def peru_study_tour(database: Database) -> tuple[str, str]:
    """The Lima delegation, in Japan from 7 to 11 March 2027, and its study tour of
    three days from 8 March, with no day's record yet: (delegation, tour)."""
    lima = add_record(
        database,
        Delegation,
        name="Lima",
        country="PE",
        zone="America/Lima",
        arrival=PERU_TOUR_START - timedelta(days=1),
        departure=PERU_TOUR_START + timedelta(days=3),
    )
    tour = add_record(
        database,
        StudyTour,
        title="Peru study tour",
        delegation_id=lima,
        start_date=PERU_TOUR_START,
        end_date=PERU_TOUR_START + timedelta(days=2),
    )
    return lima, tour
