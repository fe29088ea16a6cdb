"""A search for a new time for a stored event reads the program without that event (all
of a series' meetings), and the grid says who is booked at an hour chosen by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from cpp_scheduler.model import Delegation, Event, EventKind, EventMode, EventStatus
from cpp_scheduler.services import editing
from cpp_scheduler.services.slot_grid import plan_meeting
from cpp_scheduler.services.slot_search import SlotSearch, search_slots
from cpp_scheduler.store import Database

MONDAY = date(2027, 1, 18)
#: Monday 18 January 2027, 10:00 in Tokyo.
TEN_TOKYO = datetime(2027, 1, 18, 1, tzinfo=UTC)
HOUR = timedelta(hours=1)


def _program(database: Database) -> tuple[str, str]:
    """Tokyo's housing bureau, in a daily call at 10:00 Tokyo all week (a series): the
    delegation's id and the series'."""
    bureau = editing.create(
        database,
        Delegation,
        {"name": "Tokyo housing bureau", "country": "JP", "zone": "Asia/Tokyo"},
    )
    series = editing.create(
        database,
        Event,
        {
            "title": "Daily call",
            "kind": EventKind.VIDEOCONFERENCE,
            "mode": EventMode.VIRTUAL,
            "status": EventStatus.CONFIRMED,
            "zone": "Asia/Tokyo",
            "start_utc": TEN_TOKYO,
            "end_utc": TEN_TOKYO + HOUR,
            "recurrence_rule": "FREQ=DAILY;COUNT=5",
            "video_link": "https://meet.example.org/daily",
            "delegation_ids": [bureau],
        },
    )
    return bureau, series


def _search(bureau: str, **values: object) -> SlotSearch:
    return SlotSearch(
        attendee_ids=(bureau,),
        duration=HOUR,
        first_day=MONDAY,
        last_day=MONDAY + timedelta(days=4),
        count=20,
        **values,  # type: ignore[arg-type]
    )


def test_the_series_a_time_is_found_for_books_none_of_its_meetings(
    sqlite_database: Database,
) -> None:
    bureau, series = _program(sqlite_database)
    meetings = {TEN_TOKYO + timedelta(days=day) for day in range(5)}

    booked = search_slots(sqlite_database, _search(bureau))
    assert not meetings & {slot.start for slot in booked.slots}

    moved = search_slots(sqlite_database, _search(bureau, instead_of=series))
    assert TEN_TOKYO in {slot.start for slot in moved.slots}  # it may stay where it is
    assert not [i for i in moved.snapshot.intervals if i.event_id == series]


def test_the_grid_names_who_is_booked_at_an_hour_chosen_by_hand(
    sqlite_database: Database,
) -> None:
    bureau, series = _program(sqlite_database)
    plan = plan_meeting(sqlite_database, _search(bureau))
    assert plan.booked_during(TEN_TOKYO, TEN_TOKYO + HOUR) == (
        "Tokyo housing bureau: Mon 18 Jan 10:00-11:00 JST, already booked",
    )
    # Half past ten to half past eleven: the booked hour named is the one it starts in.
    assert plan.booked_during(TEN_TOKYO + HOUR / 2, TEN_TOKYO + HOUR * 1.5) == (
        "Tokyo housing bureau: Mon 18 Jan 10:00-11:00 JST, already booked",
    )
    assert plan.booked_during(TEN_TOKYO + HOUR, TEN_TOKYO + 2 * HOUR) == ()
    # Left out, the series books nobody at its own hour.
    moved = plan_meeting(sqlite_database, _search(bureau, instead_of=series))
    assert moved.booked_during(TEN_TOKYO, TEN_TOKYO + HOUR) == ()
