"""Reading a stored program into the engine's inputs, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest
from sqlalchemy import select

from cpp_scheduler.model import (
    Delegation,
    Event,
    EventStatus,
    HotelNight,
    OccurrenceOverride,
    Participant,
    StudyTour,
    TourDay,
    TravelLeg,
    Venue,
)
from cpp_scheduler.scheduling.conflicts import ConflictKind, find_conflicts
from cpp_scheduler.scheduling.inputs import AttendeeKind
from cpp_scheduler.services import snapshot
from cpp_scheduler.store import Database


def tokyo(day: int, hour: int, month: int = 1) -> datetime:
    return datetime(2027, month, day, hour, tzinfo=UTC) - timedelta(hours=9)


@pytest.fixture
def program(database: Database) -> Database:
    with database.transaction() as session:
        room = session.scalars(select(Venue).where(Venue.name == "TDLC Meeting Room A")).one()
        lima = Delegation(
            name="Lima housing delegation",
            country="PE",
            zone="America/Lima",
            work_start=time(8),
            arrival=date(2027, 1, 11),
            departure=date(2027, 1, 16),
        )
        ana = Participant(name="Ana Quispe", email="ana@lima.gob.pe", delegation=lima)
        kenji = Participant(name="Kenji Sato", email="kenji@city.kobe.lg.jp", zone="Asia/Tokyo")
        conference = Event(
            title="Resilient cities conference",
            start_utc=tokyo(12, 9),
            end_utc=tokyo(12, 17),
            venue=room,
            delegations=[lima],
            status=EventStatus.CONFIRMED,
        )
        Event(
            title="Opening session",
            start_utc=tokyo(12, 9),
            end_utc=tokyo(12, 10),
            venue=room,
            parent=conference,
            participants=[kenji],
        )
        clash = Event(
            title="Yokohama smart-city visit",
            start_utc=tokyo(12, 9),
            end_utc=tokyo(
                12,
                10,
            ),
            venue=room,
        )
        Event(
            title="Cancelled visit",
            start_utc=tokyo(12, 9),
            end_utc=tokyo(12, 10),
            venue=room,
            status=EventStatus.CANCELLED,
        )
        series = Event(
            title="Monthly exchange",
            start_utc=tokyo(13, 10),
            end_utc=tokyo(13, 11),
            recurrence_rule="FREQ=MONTHLY;COUNT=3",
            participants=[ana, kenji],
        )
        series.changes.append(OccurrenceOverride(recurrence_id=tokyo(13, 10, 2), cancelled=True))
        tour = StudyTour(
            title="Lima study tour",
            delegation=lima,
            start_date=date(2027, 1, 12),
            end_date=date(2027, 1, 14),
        )
        TourDay(tour=tour, day=date(2027, 1, 12))
        HotelNight(tour=tour, night_of=date(2027, 1, 12), hotel="Hotel Tokyo", locality="Tokyo")
        TravelLeg(
            tour=tour,
            origin="Tokyo",
            destination="Kobe",
            departure_utc=tokyo(13, 9),
            arrival_utc=tokyo(13, 12),
        )
        session.add_all([lima, ana, kenji, conference, clash, series, tour])
    return database


def test_the_snapshot_holds_the_program_as_plain_values(program: Database) -> None:
    with program.session() as session:
        loaded = snapshot.load_snapshot(session)
    titles = [interval.title for interval in loaded.intervals]
    assert "Cancelled visit" not in titles
    assert titles.count("Monthly exchange") == 2  # February's occurrence is cancelled
    session_interval = next(i for i in loaded.intervals if i.title == "Opening session")
    conference = next(i for i in loaded.intervals if i.title == "Resilient cities conference")
    assert session_interval.ancestor_ids == {conference.event_id}
    assert conference.locality == "Tokyo"
    [lima] = loaded.delegations.values()
    assert lima.kind is AttendeeKind.DELEGATION
    assert lima.hours.work_start == time(8)
    people = {p.name: p for p in loaded.participants.values()}
    assert people["Ana Quispe"].zone == "America/Lima"
    assert people["Ana Quispe"].country == "PE"
    assert people["Ana Quispe"].hours.work_start == time(8)
    assert people["Ana Quispe"].arrival == date(2027, 1, 11)
    assert people["Kenji Sato"].country == "JP"
    assert any(r.origin == "Tokyo" and r.destination == "Kobe" for r in loaded.routes)
    [tour] = loaded.tours
    assert tour.hotel_nights == {date(2027, 1, 12)}
    assert tour.travel_days == {date(2027, 1, 13)}
    assert list(tour.day_ids) == [date(2027, 1, 12)]


def test_series_occurrences_are_separate_intervals_in_utc(program: Database) -> None:
    with program.session() as session:
        loaded = snapshot.load_snapshot(session)
    starts = [i.start for i in loaded.intervals if i.title == "Monthly exchange"]
    assert starts == [tokyo(13, 10), tokyo(13, 10, 3)]
    ids = {i.id for i in loaded.intervals if i.title == "Monthly exchange"}
    assert len(ids) == 2


def test_a_date_range_loads_only_what_touches_it(program: Database) -> None:
    with program.session() as session:
        march = snapshot.load_snapshot(session, tokyo(1, 0, 3), tokyo(31, 0, 3))
    assert [i.title for i in march.intervals] == ["Monthly exchange"]
    assert march.tours == ()


def test_conflicts_over_a_stored_program(program: Database) -> None:
    with program.session() as session:
        found = find_conflicts(snapshot.load_snapshot(session))
    kinds = [c.kind for c in found]
    # the visit clashes with the conference and with its session; the session and its
    # conference do not clash with each other
    assert kinds.count(ConflictKind.VENUE_DOUBLE_BOOKED) == 2
    assert ConflictKind.NIGHT_WITHOUT_HOTEL in kinds
    assert ConflictKind.EMPTY_TOUR_DAY in kinds


def test_names_resolve_to_delegations_and_participants(program: Database) -> None:
    with program.session() as session:
        found = snapshot.find_attendees(
            session, ["lima HOUSING delegation", "Kenji@city.kobe.lg.jp"]
        )
        assert [a.name for a in found] == ["Lima housing delegation", "Kenji Sato"]
        with pytest.raises(snapshot.NotFoundError, match="neither a delegation"):
            snapshot.find_attendees(session, ["Atlantis"])
        with pytest.raises(snapshot.NotFoundError, match="TDLC Meeting Room A"):
            snapshot.find_venue(session, "Room Z")
        event = session.scalars(select(Event).where(Event.title == "Monthly exchange")).one()
        assert snapshot.find_event(session, event.uid).id == event.id
        with pytest.raises(snapshot.NotFoundError):
            snapshot.find_event(session, "nope@example")
