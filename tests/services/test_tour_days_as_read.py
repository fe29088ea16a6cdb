"""A move of a study tour's day refused because a colleague changed what the day holds
since the board was read: the refusal is one line that says the fact, in the core's
words alone, whatever the colleague typed.

Aiko's board read the Peru tour's first day; Ravi, on his own connection (each
backend), then adds an activity whose title he pasted with a line break and ten
hundred characters (all a title may hold), and a leg between two places typed the same
way.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from cpp_scheduler.errors import quoted
from cpp_scheduler.model import Event, TourDay, TravelLeg
from cpp_scheduler.services import removal, tours
from cpp_scheduler.store import Database, open_database
from tests.tour_day import PERU_TOUR_START, add_record, peru_study_tour

FIRST = PERU_TOUR_START
PASTED = ("Kobe port visit\nBring helmets" + " and the hazard maps" * 20)[:300]


@pytest.fixture
def ravi(database: Database, database_url: str) -> Iterator[Database]:
    store = open_database(database_url, author="Ravi Menon")
    yield store
    store.close()


def _tour(database: Database) -> tuple[str, str, str]:
    """The Peru tour, its first day holding a briefing: the tour's id, the day's and
    the delegation's."""
    lima, tour = peru_study_tour(database)
    day = add_record(database, TourDay, tour_id=tour, day=FIRST, title="Tokyo")
    start = datetime(2027, 3, 8, 0, tzinfo=UTC)
    add_record(
        database,
        Event,
        title="Briefing",
        start_utc=start,
        end_utc=start + timedelta(hours=1),
        tour_day_id=day,
        delegation_ids=[lima],
    )
    return tour, day, lima


def _refusal(database: Database, tour: str, read: list[tours.DayRead]) -> tours.DayChangedError:
    with pytest.raises(tours.DayChangedError) as refused:
        tours.check_days_as_read(database, tour, read)
    return refused.value


def test_a_title_pasted_with_a_line_break_and_three_hundred_characters_stays_one_short_line(
    database: Database, ravi: Database
) -> None:
    tour, day, lima = _tour(database)
    read = [tours.day_read(tours.read_board(database, tour).day(FIRST))]
    start = datetime(2027, 3, 8, 5, tzinfo=UTC)
    add_record(
        ravi,
        Event,
        title=PASTED,
        start_utc=start,
        end_utc=start + timedelta(hours=2),
        tour_day_id=day,
        delegation_ids=[lima],
    )
    add_record(
        ravi,
        TravelLeg,
        tour_id=tour,
        origin="Tokyo\nStation",
        destination="Kobe" * 30,
        departure_utc=start + timedelta(hours=3),
        arrival_utc=start + timedelta(hours=6),
    )

    refusal = _refusal(database, tour, read)

    line = str(refusal)
    assert "\n" not in line
    assert len(line) < 300
    route = quoted(f"Tokyo\nStation → {'Kobe' * 30}")
    assert route.startswith("'Tokyo\\nStation → KobeKobe")
    assert line.startswith(
        "Nothing was moved: someone else changed the tour since the board was read "
        f"(Mon 08 Mar: {quoted(PASTED)} added, the leg {route} added)"
    )
    assert quoted(PASTED).startswith("'Kobe port visit\\nBring helmets and the hazard maps")
    assert refusal.reason in line


def test_the_refusal_says_the_fact_and_leaves_the_board_to_the_window(
    database: Database, ravi: Database
) -> None:
    """What the tour builder adds (the board shows the tour as it is now) is the
    window's to say: Edit > Undo and any other medium say the fact alone."""
    tour, _day, _lima = _tour(database)
    read = [tours.day_read(tours.read_board(database, tour).day(FIRST))]
    with ravi.session() as session:
        (briefing,) = [e.id for e in session.query(Event).filter_by(title="Briefing")]
    removal.delete(ravi, Event, briefing)

    refusal = _refusal(database, tour, read)

    assert str(refusal) == (
        "Nothing was moved: someone else changed the tour since the board was read "
        "(Mon 08 Mar: 'Briefing' taken off)."
    )
    assert "board now" not in str(refusal)
    assert not refusal.tour_deleted
