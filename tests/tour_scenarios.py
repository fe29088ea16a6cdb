"""The demo's Peru study tour (Mon 08 - Fri 12 Mar 2027), copied into a real SQLite
database and changed as a coordinator would change it: a leg's mode, an overnight leg,
an arrival flight before the first day, an all-day activity, the wrap-up dragged past
the last day, a hotel in another city."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import select

from cpp_scheduler import timezones
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventMode,
    EventStatus,
    HotelNight,
    StudyTour,
    TourDay,
    TravelLeg,
    TravelMode,
    TravelTime,
)
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database, open_database

TOUR = "Peru study tour: compact, resilient and smart cities"
NAME = f"{TOUR} (Peru: Ministry of Housing, Construction and Sanitation)"
"""The tour as the check's sentences name it: its title and its delegation."""
FIRST, LAST = date(2027, 3, 8), date(2027, 3, 12)


def demo_copy(demo_sqlite_path: Path, folder: Path) -> Database:
    """The demo program in a file of the test's own, opened."""
    path = folder / "tour.sqlite"
    shutil.copyfile(demo_sqlite_path, path)
    return open_database(path)


def tour_id(database: Database) -> str:
    with database.session() as session:
        return session.scalars(select(StudyTour.id).where(StudyTour.title == TOUR)).one()


def change_leg(database: Database, origin: str, **values: object) -> str:
    """Change the tour's leg leaving ``origin``; its id."""
    with database.transaction() as session:
        leg = session.scalars(select(TravelLeg).where(TravelLeg.origin == origin)).one()
        for name, value in values.items():
            setattr(leg, name, value)
        return leg.id


def change_event(database: Database, title_start: str, **values: object) -> str:
    """Change the event whose title begins with ``title_start``; its id."""
    with database.transaction() as session:
        event = session.scalars(select(Event).where(Event.title.startswith(title_start))).one()
        for name, value in values.items():
            setattr(event, name, value)
        return event.id


def change_night(database: Database, night_of: date, **values: object) -> str:
    with database.transaction() as session:
        night = session.scalars(select(HotelNight).where(HotelNight.night_of == night_of)).one()
        for name, value in values.items():
            setattr(night, name, value)
        return night.id


def overnight_to_kitakyushu(database: Database) -> str:
    """Kobe → Kitakyushu from Wed 10 Mar 22:00 to Thu 11 Mar 12:00 (Tokyo), half an hour
    after the Eco-Town visit begins."""
    return change_leg(
        database,
        "Kobe",
        departure_utc=datetime(2027, 3, 10, 13, tzinfo=UTC),
        arrival_utc=datetime(2027, 3, 11, 3, tzinfo=UTC),
    )


def arrival_flight(database: Database, *, in_the_table: bool = True) -> str:
    """Lima → Tokyo, Sat 06 Mar 14:00 to Sun 07 Mar 17:00 (Tokyo), before the first day;
    with ``in_the_table``, the table knows the flight (26 h)."""
    with database.transaction() as session:
        if in_the_table:
            editing.create_record(
                session,
                TravelTime,
                {"origin": "Lima", "destination": "Tokyo", "mode": TravelMode.AIR, "minutes": 1560},
            )
        return editing.create_record(
            session,
            TravelLeg,
            {
                "tour_id": session.scalars(select(StudyTour.id)).one(),
                "origin": "Lima",
                "destination": "Tokyo",
                "mode": TravelMode.AIR,
                "departure_utc": datetime(2027, 3, 6, 5, tzinfo=UTC),
                "arrival_utc": datetime(2027, 3, 7, 8, tzinfo=UTC),
                "zone": "America/Lima",
            },
        ).id


def all_day_city_day(database: Database) -> str:
    """A face-to-face site visit all day on Thu 11 Mar, with no venue, filed under that
    day: the Kobe → Kitakyushu leg (08:30-10:30) is on its date."""
    with database.transaction() as session:
        day = session.scalars(select(TourDay).where(TourDay.day == date(2027, 3, 11))).one()
        peru = session.scalars(select(Delegation).where(Delegation.name.like("Peru%"))).one()
        start, end = timezones.local_days(date(2027, 3, 11), date(2027, 3, 11), timezones.TOKYO)
        return editing.create_record(
            session,
            Event,
            {
                "title": "Kitakyushu city day (free programme)",
                "kind": EventKind.SITE_VISIT,
                "mode": EventMode.FACE_TO_FACE,
                "status": EventStatus.CONFIRMED,
                "start_utc": start,
                "end_utc": end,
                "zone": timezones.TOKYO,
                "all_day": True,
                "tour_day_id": day.id,
                "delegation_ids": [peru.id],
            },
        ).id


def wrap_up_on_saturday(database: Database) -> str:
    """The wrap-up (filed under Fri 12 Mar) dragged to Sat 13 Mar 15:30-17:00, after
    the tour's last day."""
    return change_event(
        database,
        "Study tour wrap-up",
        start_utc=datetime(2027, 3, 13, 6, 30, tzinfo=UTC),
        end_utc=datetime(2027, 3, 13, 8, tzinfo=UTC),
    )
