"""Which activities a day of a study tour holds: the board shows those not cancelled,
and a move of the day carries every one of them, its cancelled activities too."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import select

from cpp_scheduler.model import (
    Event,
    EventKind,
    EventMode,
    EventStatus,
    TourDay,
    Venue,
)
from cpp_scheduler.services import editing, tours
from cpp_scheduler.store import Database
from tests.tour_day import PERU_TOUR_START, add_record, peru_study_tour

FIRST = PERU_TOUR_START
SECOND = FIRST + timedelta(days=1)


def _tour(database: Database) -> str:
    """Day one holds a briefing and a cancelled visit; day two nothing yet."""
    lima, tour = peru_study_tour(database)
    day_one = add_record(database, TourDay, tour_id=tour, day=FIRST, title="Tokyo")
    with database.session() as session:
        venue = session.scalars(select(Venue.id).where(Venue.name == "TDLC Meeting Room A")).one()
    for title, hour, status in (
        ("Briefing", 0, EventStatus.CONFIRMED),
        ("Cancelled visit", 3, EventStatus.CANCELLED),
    ):
        start = datetime(2027, 3, 8, hour, tzinfo=UTC)
        add_record(
            database,
            Event,
            title=title,
            kind=EventKind.WORKSHOP,
            mode=EventMode.FACE_TO_FACE,
            status=status,
            zone="Asia/Tokyo",
            start_utc=start,
            end_utc=start + timedelta(hours=1),
            venue_id=venue,
            tour_day_id=day_one,
            delegation_ids=[lima],
        )
    return tour


def test_a_day_holds_its_cancelled_activities_which_the_board_leaves_out(
    database: Database,
) -> None:
    tour = _tour(database)
    board = tours.read_board(database, tour)
    first = board.day(FIRST)
    assert [e.title for e in first.events] == ["Briefing"]
    assert [e.title for e in first.cancelled] == ["Cancelled visit"]
    assert [e.title for e in first.held] == ["Briefing", "Cancelled visit"]
    assert board.day(SECOND).held == ()
    assert board.day(SECOND).empty


def test_moving_what_a_day_holds_moves_its_cancelled_activities_too(
    database: Database,
) -> None:
    """What the builder's move of day one to day two writes, each with the version read."""
    tour = _tour(database)
    board = tours.read_board(database, tour)
    day_two = add_record(database, TourDay, tour_id=tour, day=SECOND, title="")
    for event in board.day(FIRST).held:
        values = tours.moved_event_values(event, timedelta(days=1), day_two)
        editing.change(database, Event, event.id, values, event.version)

    moved = tours.read_board(database, tour)
    assert moved.day(FIRST).held == ()
    assert [e.title for e in moved.day(SECOND).events] == ["Briefing"]
    assert [e.title for e in moved.day(SECOND).cancelled] == ["Cancelled visit"]
    with database.session() as session:
        visit = session.scalars(select(Event).where(Event.title == "Cancelled visit")).one()
        assert visit.tour_day_id == day_two
        assert visit.start_utc == datetime(2027, 3, 9, 3, tzinfo=UTC)
