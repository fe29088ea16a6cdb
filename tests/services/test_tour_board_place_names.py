"""The tour builder's board names the places coordinators typed (the legs' ends, the
hotels' cities, the venues' cities, the route) as the printed itinerary names them: a
partner city in the reader's language (横浜市, 神戸市, 北九州市 in Japanese), Tokyo as
every view names it (東京), whichever of its names was typed; the places stay as typed
where the board chooses by them (a new leg's origin, an activity's venue).

The demo's Peru study tour in a SQLite file of the test's own."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from cpp_scheduler.model import TravelLeg
from cpp_scheduler.services import tours
from cpp_scheduler.services.rows import typed_place_name
from cpp_scheduler.store import Database
from tests.tour_scenarios import FIRST, LAST, change_leg, change_night, demo_copy, tour_id

WEDNESDAY = date(2027, 3, 10)


@pytest.fixture
def demo(demo_sqlite_path: Path, tmp_path: Path) -> Iterator[Database]:
    database = demo_copy(demo_sqlite_path, tmp_path)
    yield database
    database.close()


def board_of(database: Database) -> tours.TourBoard:
    return tours.read_board(database, tour_id(database))


def hotels(board: tours.TourBoard) -> list[str | None]:
    return [card.hotel for card in board.days]


def test_the_japanese_board_names_the_tours_places_in_japanese(
    demo: Database, japanese: None
) -> None:
    board = board_of(demo)
    assert board.route_line == "東京 → 横浜市 → 神戸市 → 北九州市 → 東京"
    assert [card.city for card in board.days] == [
        "東京 → 横浜市",
        "横浜市 → 神戸市",
        "神戸市",
        "神戸市 → 北九州市",
        "北九州市 → 東京",
    ]
    assert [leg.route for card in board.days for leg in card.legs] == [
        "東京 → 横浜市",
        "横浜市 → 神戸市",
        "神戸市 → 北九州市",
        "北九州市 → 東京",
    ]
    assert hotels(board) == [
        "Hotel Minato Mirai Bayside, 横浜市",
        "Kobe Harborland Hotel, 神戸市",
        "Kobe Harborland Hotel, 神戸市",
        "Kokura Station Hotel, 北九州市",
        None,
    ]
    places = [event.place for card in board.days for event in card.events]
    assert "Yokohama City Hall (横浜市役所), 横浜市" in places
    assert "Kobe City Hall (神戸市役所), 神戸市" in places
    assert "Kitakyushu Eco-Town Center (北九州エコタウンセンター), 北九州市" in places
    assert "TDLC Meeting Room B (TDLC 会議室B), 東京" in places
    assert not [place for place in places if place.endswith((", Yokohama", ", Kobe", ", Tokyo"))]
    # The venues an activity is offered: each with its city as the cards name it.
    cities = {name: city for _id, name, _locality, city in board.venues}
    assert cities["Kobe City Hall (神戸市役所)"] == "神戸市"
    assert cities["Yokohama City Hall (横浜市役所)"] == "横浜市"
    # Named as the board's activities name them: the Japanese name beside the English.
    dri = next(name for name in cities if name.startswith("Disaster Reduction"))
    assert dri.endswith("(人と防災未来センター)")


def test_the_english_board_names_them_in_english(demo: Database) -> None:
    board = board_of(demo)
    assert board.route_line == "Tokyo → Yokohama → Kobe → Kitakyushu → Tokyo"
    assert board.day(FIRST).city == "Tokyo → Yokohama"
    assert [leg.route for leg in board.day(FIRST).legs] == ["Tokyo → Yokohama"]
    assert board.day(WEDNESDAY).hotel == "Kobe Harborland Hotel, Kobe"
    assert "Kobe City Hall (神戸市役所), Kobe" in [e.place for e in board.day(WEDNESDAY).events]


def test_the_board_keeps_the_places_as_typed_where_it_chooses_by_them(
    demo: Database, japanese: None
) -> None:
    """A new leg sets out from where the day ends as the travel-time table knows it, and
    an activity is offered the venues of the day's places: the typed names."""
    board = board_of(demo)
    assert board.day(FIRST).places == ("Tokyo", "Yokohama")
    assert board.day(LAST).places == ("Kitakyushu", "Tokyo")
    leg = board.day(FIRST).legs[0]
    assert (leg.origin, leg.destination) == ("Tokyo", "Yokohama")


def test_tokyo_typed_in_japanese_is_tokyo_on_an_english_board(demo: Database) -> None:
    """The last flight typed to 東京 and the first train typed from 東京都: the English
    board names both Tokyo, as it names the legs typed Tokyo."""
    change_leg(demo, "Kitakyushu", destination="東京")
    with demo.transaction() as session:
        first_train = session.scalars(select(TravelLeg).where(TravelLeg.origin == "Tokyo")).one()
        first_train.origin = "東京都"
    board = board_of(demo)
    assert [leg.route for leg in board.day(LAST).legs] == ["Kitakyushu → Tokyo"]
    assert [leg.route for leg in board.day(FIRST).legs] == ["Tokyo → Yokohama"]
    assert board.route_line == "Tokyo → Yokohama → Kobe → Kitakyushu → Tokyo"
    assert board.day(LAST).city == "Kitakyushu → Tokyo"


def test_places_typed_in_japanese_are_named_once_on_the_japanese_board(
    demo: Database, japanese: None
) -> None:
    """The Kobe train typed from 神戸市, the last flight to 東京, Wednesday's hotel in
    " 神戸市": the route passes through 神戸市 once, where the train from Yokohama typed
    Kobe arrives, and each card names them as the others."""
    change_leg(demo, "Kitakyushu", destination="東京")
    with demo.transaction() as session:
        kobe_train = session.scalars(select(TravelLeg).where(TravelLeg.origin == "Kobe")).one()
        kobe_train.origin = "神戸市"
    change_night(demo, WEDNESDAY, locality=" 神戸市")
    board = board_of(demo)
    assert board.route_line == "東京 → 横浜市 → 神戸市 → 北九州市 → 東京"
    assert [leg.route for leg in board.day(LAST).legs] == ["北九州市 → 東京"]
    assert board.day(WEDNESDAY).hotel == "Kobe Harborland Hotel, 神戸市"
    assert board.day(date(2027, 3, 11)).city == "神戸市 → 北九州市"


@pytest.mark.parametrize("typed", ["東京", " 東京 ", "東京都", "tokyo"])
def test_tokyo_by_any_of_its_names_is_named_tokyo(typed: str) -> None:
    assert typed_place_name(typed, [("Kobe", "神戸市")]) == "Tokyo"


def _day_in(*places: str) -> tours.BoardDay:
    return tours.BoardDay(1, WEDNESDAY, None, "", " → ".join(places), (), (), None, places=places)


def _board(*places: str) -> tours.TourBoard:
    return tours.TourBoard(
        "tour",
        "Peru study tour",
        "peru",
        "Peru",
        WEDNESDAY,
        WEDNESDAY,
        (),
        (_day_in(*places),),
        venues=(
            ("toyama-depot", "Toyama Portram Depot", "Toyama", "富山市"),
            ("kobe-hall", "Kobe City Hall", "Kobe", "神戸市"),
            ("kobe-dri", "Disaster Reduction and Human Renovation Institution", "Kobe", "神戸市"),
            ("tokyo-tdlc", "TDLC Meeting Room A", "Tokyo", "東京"),
        ),
        partner_cities=(("Kobe", "神戸市"), ("Toyama", "富山市")),
    )


@pytest.mark.parametrize(
    ("places", "offered"),
    [
        (("Kobe",), "kobe-hall"),
        (("神戸市",), "kobe-hall"),  # typed in Japanese: the same place as the venues' Kobe
        ((" kobe ",), "kobe-hall"),
        (("神戸市", "Toyama"), "kobe-hall"),  # the day's first place before the train's end
        (("Toyama", "Kobe"), "toyama-depot"),
        (("東京",), "tokyo-tdlc"),
        (("Tok",), None),  # part of a name is another place
        (("Nagoya",), None),
    ],
)
def test_an_activity_is_offered_a_venue_where_the_day_is_however_it_was_typed(
    places: tuple[str, ...], offered: str | None
) -> None:
    assert _board(*places).venue_for_day(WEDNESDAY) == offered
