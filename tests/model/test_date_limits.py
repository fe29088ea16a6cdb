"""Dates outside the program's range are refused when entered, so every file it writes
reads back: the program file of the earliest and latest allowed instants round-trips."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from cpp_scheduler import limits, timezones
from cpp_scheduler.model import (
    Delegation,
    Event,
    HotelNight,
    OccurrenceOverride,
    StudyTour,
    TravelLeg,
    ValidationError,
)
from cpp_scheduler.programfile import export_program, import_program
from cpp_scheduler.store import Database, open_database

DAWN = datetime(1, 1, 1, tzinfo=UTC)
DOOM = datetime(9999, 12, 31, 23, 59, 59, tzinfo=UTC)
OUTSIDE = "is outside the dates the program plans for (1900-01-01 to 2199-12-31)."


def test_a_travel_leg_at_the_first_instant_datetimes_hold_is_not_saved(
    database: Database,
) -> None:
    def save() -> None:
        with database.transaction() as session:
            lima = Delegation(name="Lima housing ministry", country="PE", zone="America/Lima")
            tour = StudyTour(
                title="Lima in Japan",
                delegation=lima,
                start_date=date(2027, 2, 24),
                end_date=date(2027, 3, 2),
            )
            tour.legs = [
                TravelLeg(
                    origin="Lima",
                    destination="Tokyo",
                    departure_utc=DAWN,
                    arrival_utc=DAWN + timedelta(hours=20),
                    zone="America/Lima",
                )
            ]
            session.add(tour)

    with pytest.raises(ValidationError) as caught:
        save()
    assert str(caught.value) == (
        "travel leg Lima-Tokyo: "
        f"The departure (0001-01-01 00:00 UTC) {OUTSIDE} "
        f"The arrival (0001-01-01 20:00 UTC) {OUTSIDE}"
    )
    with database.session() as session:
        assert session.scalars(select(StudyTour)).all() == []


@pytest.mark.parametrize(
    ("start", "shown"),
    [
        (DOOM - timedelta(hours=1), "9999-12-31 22:59 UTC"),
        (datetime(1899, 12, 31, 23, 59, tzinfo=UTC), "1899-12-31 23:59 UTC"),
        (datetime(2200, 1, 1, tzinfo=UTC), "2200-01-01 00:00 UTC"),
    ],
)
def test_an_event_outside_the_range_names_its_start(start: datetime, shown: str) -> None:
    event = Event(
        title="Kobe workshop",
        zone=timezones.TOKYO,
        start_utc=start,
        end_utc=start + timedelta(minutes=30),
    )
    found = {problem.field: problem.message for problem in event.problems()}
    assert found["start_utc"] == f"The start ({shown}) {OUTSIDE}"


def test_days_outside_the_range_are_refused_for_tours_and_nights() -> None:
    tour = StudyTour(
        title="Lima in Japan",
        delegation=Delegation(name="Lima", country="PE", zone="America/Lima"),
        start_date=date(2199, 12, 30),
        end_date=date(2200, 1, 2),
    )
    assert {problem.field: problem.message for problem in tour.problems()} == {
        "end_date": f"The tour's last day (2200-01-02) {OUTSIDE}"
    }
    night = HotelNight(night_of=date(1, 1, 1), hotel="Okura", locality="Kobe")
    assert [problem.message for problem in night.problems()] == [
        f"The hotel night (0001-01-01) {OUTSIDE}"
    ]


def test_a_moved_occurrence_outside_the_range_is_refused() -> None:
    change = OccurrenceOverride(
        recurrence_id=datetime(2027, 2, 17, 8, tzinfo=UTC),
        start_utc=DOOM - timedelta(hours=1),
        end_utc=DOOM,
    )
    assert [problem.field for problem in change.problems()] == ["start_utc", "end_utc"]


def test_the_earliest_and_latest_instants_survive_the_program_file(
    sqlite_database: Database, tmp_path: Path
) -> None:
    earliest, latest = limits.EARLIEST_INSTANT, limits.LATEST_INSTANT
    with sqlite_database.transaction() as session:
        lima = Delegation(name="Lima housing ministry", country="PE", zone="America/Lima")
        tour = StudyTour(
            title="Lima in Japan",
            delegation=lima,
            start_date=limits.EARLIEST_DAY,
            end_date=limits.LATEST_DAY,
        )
        tour.legs = [
            TravelLeg(
                origin="Lima",
                destination="Tokyo",
                departure_utc=earliest,
                arrival_utc=latest,
                zone="UTC",
            )
        ]
        tour.nights = [HotelNight(night_of=limits.EARLIEST_DAY, hotel="Okura", locality="Kobe")]
        session.add(tour)
        session.add(Event(title="First", zone="UTC", start_utc=earliest, end_utc=latest))
    exported = tmp_path / "program.json"
    export_program(sqlite_database, exported)
    assert '"1900-01-01T00:00:00Z"' in exported.read_text()
    assert '"2199-12-31T23:59:59Z"' in exported.read_text()
    restored = open_database(tmp_path / "restored.sqlite")
    try:
        import_program(restored, exported)
        again = tmp_path / "again.json"
        export_program(restored, again)
        with restored.session() as session:
            leg = session.scalars(select(TravelLeg)).one()
            assert (leg.departure_utc, leg.arrival_utc) == (earliest, latest)
    finally:
        restored.close()
    assert again.read_bytes() == exported.read_bytes()
