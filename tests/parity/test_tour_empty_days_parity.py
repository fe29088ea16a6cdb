"""A study tour's days are days in Japan for every answer: the itinerary's cover, its
rows, ``schedule`` and the conflict check."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.documents.itinerary import read_itinerary
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventMode,
    EventStatus,
    HotelNight,
    StudyTour,
    TourDay,
)
from cpp_scheduler.store import Database
from tests.tour_day import PERU_TOUR_START, add_record, peru_study_tour

DAYS = [PERU_TOUR_START + timedelta(days=n) for n in range(3)]  # Mon 8 to Wed 10 March


def _tour(database: Database) -> tuple[str, str]:
    """Lima's tour, its hotels in Tokyo, Monday's visit: (delegation, Monday's record)."""
    lima, tour = peru_study_tour(database)
    for night in DAYS[:2]:
        add_record(
            database, HotelNight, tour_id=tour, night_of=night, hotel="Hotel", locality="Tokyo"
        )
    monday = add_record(database, TourDay, tour_id=tour, day=DAYS[0], title="")
    _event(
        database,
        "Visit",
        datetime(2027, 3, 8, 1, tzinfo=UTC),
        tour_day_id=monday,
        delegation_ids=[lima],
    )
    return lima, monday


def _event(database: Database, title: str, start: datetime, hours: float = 2, **values: Any) -> str:
    fields: dict[str, Any] = {
        "kind": EventKind.SITE_VISIT,
        "mode": EventMode.FACE_TO_FACE,
        "status": EventStatus.CONFIRMED,
        "zone": "Asia/Tokyo",
        "start_utc": start,
        "end_utc": start + timedelta(hours=hours),
        **values,
    }
    return add_record(database, Event, title=title, **fields)


def test_a_tours_days_are_days_in_japan_before_its_flights_are_known(
    sqlite_database: Database, capsys: pytest.CaptureFixture[str]
) -> None:
    """Lima's arrival and departure not given yet, its tour of Tokyo planned: the
    itinerary's cover said "In Japan" on the tour's days while its rows, ``schedule``
    and the check read a hybrid workshop at TDLC on Lima's clock, as a night at home.
    Every answer takes the tour's days as days in Japan now."""
    lima = add_record(sqlite_database, Delegation, name="Lima", country="PE", zone="America/Lima")
    tour = add_record(
        sqlite_database,
        StudyTour,
        title="Peru study tour",
        delegation_id=lima,
        start_date=DAYS[0],
        end_date=DAYS[2],
    )
    monday = add_record(sqlite_database, TourDay, tour_id=tour, day=DAYS[0], title="")
    _event(
        sqlite_database,
        "Hybrid workshop",
        datetime(2027, 3, 8, 5, tzinfo=UTC),  # 14:00 in Tokyo, 00:00 in Lima
        kind=EventKind.WORKSHOP,
        mode=EventMode.HYBRID,
        tour_day_id=monday,
        delegation_ids=[lima],
    )
    url = sqlite_database.url.render_as_string(hide_password=False)
    capsys.readouterr()
    assert main(["--db", url, "schedule", "--delegation", "Lima", "--json"]) == 0
    (meeting,) = json.loads(capsys.readouterr().out)["meetings"]
    assert (meeting["zone"], meeting["in_japan"]) == ("Asia/Tokyo", True)
    assert main(["--db", url, "conflicts", "--json"]) == 0
    kinds = {c["kind"] for c in json.loads(capsys.readouterr().out)["conflicts"]}
    assert "night_session" not in kinds
    itinerary = read_itinerary(sqlite_database, "Lima")
    assert (itinerary.first, itinerary.last) == (DAYS[0], DAYS[2])
    (workshop,) = [m for day in itinerary.days for m in day.meetings]
    assert workshop.at_home is None  # read on Tokyo's clock, as in Japan
