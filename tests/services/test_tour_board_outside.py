"""The tour builder's board and the tour's spreadsheet on the demo's Peru tour, as the
check judges it: the arrival flight before the first day and an activity dragged past
the last on the first and last cards, an all-day activity all day, each night's card
with the findings about its own night, and the leg form's journey by the leg's mode."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from cpp_scheduler import timezones
from cpp_scheduler.model import TravelMode
from cpp_scheduler.services import reports, tours
from cpp_scheduler.store import Database
from tests.tour_scenarios import (
    FIRST,
    LAST,
    TOUR,
    all_day_city_day,
    arrival_flight,
    change_event,
    demo_copy,
    overnight_to_kitakyushu,
    tour_id,
    wrap_up_on_saturday,
)


@pytest.fixture
def demo(demo_sqlite_path: Path, tmp_path: Path) -> Iterator[Database]:
    database = demo_copy(demo_sqlite_path, tmp_path)
    yield database
    database.close()


def test_the_leg_form_gives_the_journey_by_the_legs_own_mode(demo: Database) -> None:
    """Kitakyushu - Tokyo: 1 h 30 min by air, 5 h by rail, and by bus the table does not
    know it (the form says so, instead of offering the flight's time)."""
    assert tours.leg_minutes(demo, "Kitakyushu", "Tokyo", TravelMode.AIR) == 90
    assert tours.leg_minutes(demo, "Tokyo", "Kitakyushu", TravelMode.RAIL) == 300
    assert tours.leg_minutes(demo, "Kitakyushu", "Tokyo", TravelMode.BUS) is None


def test_the_arrival_flight_is_on_the_first_card_and_leaves_it_in_tokyo(demo: Database) -> None:
    flight = arrival_flight(demo)
    board = tours.read_board(demo, tour_id(demo))
    first = board.day(FIRST)
    assert [(leg.id, leg.origin, leg.destination) for leg in first.outside_legs] == [
        (flight, "Lima", "Tokyo")
    ]
    assert first.city == "Tokyo → Yokohama"
    assert [leg.problem for leg in (*first.legs, *first.outside_legs)] == [None, None]
    assert board.findings == ()
    # The day's own legs, which a move of the day carries, are its own alone.
    assert [(leg.origin, leg.destination) for leg in first.legs] == [("Tokyo", "Yokohama")]


def test_an_activity_past_the_last_day_is_on_the_last_card_with_the_checks_finding(
    demo: Database,
) -> None:
    wrap_up = wrap_up_on_saturday(demo)
    board = tours.read_board(demo, tour_id(demo))
    last = board.day(LAST)
    [held] = last.outside_events
    assert held.id == wrap_up
    assert held.day == date(2027, 3, 13)
    assert held.problem == "Filed under the tour but held on Sat 13 Mar, after its last day"
    assert [finding.kind.value for finding in last.findings] == ["activity_outside_tour"]
    assert wrap_up not in [event.id for event in last.held]


def test_an_all_day_activity_past_the_last_day_has_the_checks_finding_too(
    demo: Database,
) -> None:
    """Dragged to Sat 13 Mar, the all-day programme is on the last card as a timed
    activity is, with the check's sentence, and the check counts it among the tour's
    problems."""
    city_day = all_day_city_day(demo)
    start, end = timezones.local_days(date(2027, 3, 13), date(2027, 3, 13), timezones.TOKYO)
    change_event(demo, "Kitakyushu city day", start_utc=start, end_utc=end)
    board = tours.read_board(demo, tour_id(demo))
    last = board.day(LAST)
    [held] = last.outside_events
    assert (held.id, held.all_day, held.day) == (city_day, True, date(2027, 3, 13))
    assert held.problem == "Filed under the tour but held on Sat 13 Mar, after its last day"
    assert [finding.kind.value for finding in last.findings] == ["activity_outside_tour"]
    assert board.problem_count == 1


def test_an_all_day_activity_is_all_day_and_its_place_not_chosen_yet(demo: Database) -> None:
    all_day_city_day(demo)
    board = tours.read_board(demo, tour_id(demo))
    thursday = board.day(date(2027, 3, 11))
    [city_day] = [e for e in thursday.events if e.title.startswith("Kitakyushu city day")]
    assert city_day.all_day
    assert city_day.place == "venue not chosen yet"
    assert [leg.problem for leg in thursday.legs] == [None]


def test_each_card_has_the_findings_about_its_own_night(demo: Database) -> None:
    """The overnight leg arrives on Thursday: Wednesday's hotel in Kobe is found then
    too, but it is Wednesday's night, not Thursday's."""
    overnight_to_kitakyushu(demo)
    board = tours.read_board(demo, tour_id(demo))
    wednesday, thursday = board.day(date(2027, 3, 10)), board.day(date(2027, 3, 11))
    assert wednesday.hotel_problem == (
        "The hotel (Kobe Harborland Hotel) is in Kobe, but the day ends in Kitakyushu"
    )
    assert thursday.hotel_problem is None
    assert thursday.night_findings == ()


def test_the_spreadsheet_heads_the_days_outside_the_tour(demo: Database) -> None:
    arrival_flight(demo)
    wrap_up_on_saturday(demo)
    rows = reports.tour_days(demo, TOUR).rows
    outside = [
        (row[0], row[1], row[2], row[7])
        for row in rows
        if isinstance(row[0], date) and not FIRST <= row[0] <= LAST
    ]
    assert outside == [
        (date(2027, 3, 6), "Before the tour's first day", "Travel", "Lima → Tokyo"),
        (
            date(2027, 3, 13),
            "After the tour's last day",
            "Activity",
            "Study tour wrap-up: the delegation's action plan",
        ),
    ]
