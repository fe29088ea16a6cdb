"""The places a new travel leg's ends are chosen from: the travel-time table's, each
named as the itinerary names it (神戸市, 横浜市, 東京 in Japanese) beside the name the
table types it under (Kobe, Yokohama, Tokyo), which the leg saves so the table finds
its journey. The demo program in a SQLite file of the test's own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from cpp_scheduler.model import TravelMode, TravelTime
from cpp_scheduler.services import editing, tours
from cpp_scheduler.store import Database
from tests.tour_scenarios import demo_copy, tour_id

DEMO_PLACES = ("Kitakyushu", "Kobe", "Tokyo", "Toyama", "Yokohama")


@pytest.fixture
def demo(demo_sqlite_path: Path, tmp_path: Path) -> Iterator[Database]:
    database = demo_copy(demo_sqlite_path, tmp_path)
    yield database
    database.close()


def test_the_table_places_are_named_in_japanese_and_kept_as_typed(
    demo: Database, japanese: None
) -> None:
    assert tours.travel_places(demo) == [
        ("Kitakyushu", "北九州市"),
        ("Kobe", "神戸市"),
        ("Tokyo", "東京"),
        ("Toyama", "富山市"),
        ("Yokohama", "横浜市"),
    ]
    board = tours.read_board(demo, tour_id(demo))
    assert board.localities == tuple(tours.travel_places(demo))  # what the leg form offers
    assert board.place_name("Yokohama") == "横浜市"
    assert board.place_name("Kobe") == "神戸市"


def test_in_english_the_table_places_read_as_typed(demo: Database) -> None:
    assert tours.travel_places(demo) == [(place, place) for place in DEMO_PLACES]
    assert tours.read_board(demo, tour_id(demo)).place_name("Kobe") == "Kobe"


def test_a_place_the_table_types_in_japanese_too_is_offered_once_and_finds_its_journey(
    demo: Database, japanese: None
) -> None:
    """A route typed from 神戸市 to Osaka: Kobe is offered once, under the name the rest
    of the table types it by, and a leg from 神戸市 finds the table's Kobe journeys."""
    with demo.transaction() as session:
        editing.create_record(
            session,
            TravelTime,
            {"origin": "神戸市", "destination": "Osaka", "mode": TravelMode.RAIL, "minutes": 20},
        )
    places = tours.travel_places(demo)
    assert [shown for _typed, shown in places].count("神戸市") == 1
    assert ("Kobe", "神戸市") in places
    assert ("Osaka", "Osaka") in places
    board = tours.read_board(demo, tour_id(demo))
    assert board.travel_place("神戸市") == "Kobe"  # the form chooses Kobe for it
    assert board.travel_place("Lima") is None
    by_kobe = tours.leg_minutes(demo, "Kobe", "Kitakyushu", TravelMode.RAIL)
    assert by_kobe is not None
    assert tours.leg_minutes(demo, "神戸市", "Kitakyushu", TravelMode.RAIL) == by_kobe
    assert tours.leg_minutes(demo, "Kobe", "Osaka", TravelMode.RAIL) == 20
