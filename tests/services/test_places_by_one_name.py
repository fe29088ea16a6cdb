"""The conflict check knows a place by one name, whichever a coordinator typed: a hotel
typed 神戸市 on a day that ends in Kobe is where the day ends, a leg from 横浜市 leaves
from where the delegation is and is timed by the table's Yokohama-Kobe train; and its
sentences name each place as the printed itinerary does (神戸市 in Japanese)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import select

from cpp_scheduler import i18n
from cpp_scheduler.model import HotelNight, TravelLeg
from cpp_scheduler.scheduling.conflicts import ConflictKind
from cpp_scheduler.services.checking import check
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database

TOUR_KINDS = {
    ConflictKind.HOTEL_IN_OTHER_CITY,
    ConflictKind.TOUR_LEG_INFEASIBLE,
    ConflictKind.TOUR_LEG_UNKNOWN,
}


@pytest.fixture
def demo(sqlite_database: Database) -> Database:
    load_demo(sqlite_database)
    return sqlite_database


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    yield
    i18n.use_language(i18n.ENGLISH)


def _tour_findings(database: Database) -> list[str]:
    return [c.message for c in check(database).conflicts if c.kind in TOUR_KINDS]


def test_places_typed_in_japanese_are_the_cities_the_tour_goes_through(demo: Database) -> None:
    assert _tour_findings(demo) == []
    with demo.transaction() as session:
        night = session.scalars(
            select(HotelNight).where(HotelNight.night_of == date(2027, 3, 9))
        ).one()
        night.locality = "神戸市"  # the day ends in Kobe, by the leg typed "Kobe"
        leg = session.scalars(select(TravelLeg).where(TravelLeg.origin == "Yokohama")).one()
        leg.origin = " 横浜市"  # the delegation is in Yokohama; the table says Yokohama

    assert _tour_findings(demo) == []


def test_the_checks_sentences_name_places_as_the_itinerary_does(demo: Database) -> None:
    with demo.transaction() as session:
        night = session.scalars(
            select(HotelNight).where(HotelNight.night_of == date(2027, 3, 9))
        ).one()
        night.locality = "Toyama"  # not where the day ends

    i18n.use_language(i18n.JAPANESE)
    (finding,) = _tour_findings(demo)
    assert "富山市" in finding
    assert "神戸市" in finding
    assert "Toyama" not in finding
    assert "Kobe" not in finding.replace("Kobe Harborland", "")
    i18n.use_language(i18n.ENGLISH)
    (finding,) = _tour_findings(demo)
    assert "is in Toyama, but the day ends in Kobe" in finding
