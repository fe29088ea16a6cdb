"""What the tour builder's small forms and its day moves ask of the services: the
records' own rules on what is typed, and whether a move of a day changes anything."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest

from cpp_scheduler.model import (
    Base,
    Delegation,
    Event,
    EventKind,
    Record,
    StudyTour,
    TourDay,
    TravelLeg,
    TravelMode,
)
from cpp_scheduler.services import editing, tours
from cpp_scheduler.store import Database

FIRST = date(2027, 3, 8)
SECOND = FIRST + timedelta(days=1)
THIRD = FIRST + timedelta(days=2)
FOURTH = FIRST + timedelta(days=3)


def _add(database: Database, model: type[Base], **values: Any) -> str:
    with database.transaction() as session:
        record: Record = editing.create_record(session, model, values)  # type: ignore[assignment]
        return record.id


def _board(days: dict[date, dict[str, Any]] | None = None) -> tours.TourBoard:
    """A board of 8 to 11 March 2027 whose days hold nothing, but for ``days``."""
    cards = []
    for number, day in enumerate((FIRST, SECOND, THIRD, FOURTH), start=1):
        fields: dict[str, Any] = {
            "tour_day_id": None,
            "title": "",
            "city": "Tokyo",
            "events": (),
            "legs": (),
            "hotel": None,
        }
        fields.update((days or {}).get(day, {}))
        cards.append(tours.BoardDay(number, day, **fields))
    return tours.TourBoard(
        "tour", "Peru study tour", "lima", "Lima", FIRST, FOURTH, (), tuple(cards)
    )


@pytest.mark.parametrize("title", ["", "   ", "\t\n"])
def test_an_activity_without_a_title_breaks_the_events_own_rule(title: str) -> None:
    board = _board()
    found = tours.activity_problems(
        board, SECOND, EventKind.SITE_VISIT, title, time(10, 0), 120, None
    )
    untitled = Event(
        title=title,
        zone="Asia/Tokyo",
        start_utc=datetime(2027, 3, 9, 1, tzinfo=UTC),
        end_utc=datetime(2027, 3, 9, 3, tzinfo=UTC),
    )
    assert [(p.field, p.message) for p in found] == [
        (p.field, p.message) for p in untitled.problems()
    ]
    assert [p.field for p in found] == ["title"]


def test_an_activity_with_a_title_can_be_added() -> None:
    found = tours.activity_problems(
        _board(), SECOND, EventKind.WORKSHOP, "Kobe port renewal", time(10, 0), 120, None
    )
    assert found == []


@pytest.mark.parametrize("destination", ["Kobe", "kobe", " KOBE "])
def test_a_leg_from_a_place_to_itself_breaks_the_legs_own_rule(destination: str) -> None:
    found = tours.leg_problems("tour", SECOND, "Kobe", destination, TravelMode.RAIL, time(9), 60)
    assert [(p.field, p.message) for p in found] == [
        ("destination", "Origin and destination must differ.")
    ]


def test_a_leg_of_a_route_the_table_does_not_know_is_the_coordinators_to_give() -> None:
    """The rules take a leg the travel-time table has no journey for: the check warns
    about it later, but nothing refuses it."""
    found = tours.leg_problems("tour", SECOND, "Toyama", "Kitakyushu", TravelMode.BUS, time(9), 300)
    assert found == []


def test_an_empty_day_moves_only_onto_a_day_that_holds_something() -> None:
    leg = tours.BoardLeg(
        "leg",
        "Tokyo",
        "Kobe",
        TravelMode.RAIL,
        datetime(2027, 3, 8, 0, tzinfo=UTC),
        datetime(2027, 3, 8, 3, tzinfo=UTC),
        None,
    )
    board = _board({FIRST: {"legs": (leg,)}})
    assert board.can_move(SECOND, -1)  # day one's leg comes to day two
    assert not board.can_move(SECOND, 1)  # nothing on either day
    assert not board.can_move(THIRD, 1)
    assert not board.can_move(FIRST, -1)  # no day before the tour's first
    assert not board.can_move(FOURTH, 1)


def test_a_day_with_a_heading_alone_moves_its_heading() -> None:
    board = _board({THIRD: {"title": "Free day in Kobe", "tour_day_id": "day3"}})
    assert board.can_move(THIRD, 1)
    assert board.can_move(SECOND, 1)
    assert not board.can_move(FIRST, 1)


def test_a_day_holding_only_a_cancelled_visit_moves_it(database: Database) -> None:
    """A cancelled activity belongs to its day, so the day is not empty to move."""
    from cpp_scheduler.model import EventMode, EventStatus

    lima = _add(
        database,
        Delegation,
        name="Lima",
        country="PE",
        zone="America/Lima",
        arrival=FIRST - timedelta(days=1),
        departure=FOURTH + timedelta(days=1),
    )
    tour = _add(
        database,
        StudyTour,
        title="Peru study tour",
        delegation_id=lima,
        start_date=FIRST,
        end_date=FOURTH,
    )
    day_two = _add(database, TourDay, tour_id=tour, day=SECOND, title="")
    start = datetime(2027, 3, 9, 1, tzinfo=UTC)
    _add(
        database,
        Event,
        title="Cancelled visit",
        kind=EventKind.SITE_VISIT,
        mode=EventMode.FACE_TO_FACE,
        status=EventStatus.CANCELLED,
        zone="Asia/Tokyo",
        start_utc=start,
        end_utc=start + timedelta(hours=1),
        tour_day_id=day_two,
        delegation_ids=[lima],
    )
    _add(
        database,
        TravelLeg,
        tour_id=tour,
        origin="Tokyo",
        destination="Kobe",
        mode=TravelMode.RAIL,
        departure_utc=datetime(2027, 3, 11, 0, tzinfo=UTC),
        arrival_utc=datetime(2027, 3, 11, 3, tzinfo=UTC),
    )
    board = tours.read_board(database, tour)
    assert board.day(SECOND).events == ()
    assert board.can_move(SECOND, -1)
    assert board.can_move(FIRST, 1)
    assert board.can_move(THIRD, 1)  # the leg of day four
    assert board.can_move(SECOND, 1)
