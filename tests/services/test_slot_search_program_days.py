"""A search for a meeting time refuses days outside those the program plans for, in the
one line the command line gives for its ``--from`` and ``--to``, before it reads or
weighs anything: near year 9999 a day's edges overflow, and a time found in 1752 could
never be saved."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.model import Delegation
from cpp_scheduler.services import editing
from cpp_scheduler.services.slot_search import SlotSearch, search_slots
from cpp_scheduler.services.snapshot import DayOutOfRangeError
from cpp_scheduler.store import Database

HOUR = timedelta(hours=1)


def _bureau(database: Database) -> str:
    return editing.create(
        database,
        Delegation,
        {"name": "Tokyo housing bureau", "country": "JP", "zone": "Asia/Tokyo"},
    )


@pytest.mark.parametrize(
    ("first", "last", "line"),
    [
        (
            date(2027, 3, 1),
            date(9999, 12, 31),
            "Last day 9999-12-31 is outside the days the program plans for "
            "(1900-01-01 to 2199-12-31)",
        ),
        (
            date(9999, 12, 30),
            date(9999, 12, 31),
            "First day 9999-12-30 is outside the days the program plans for "
            "(1900-01-01 to 2199-12-31)",
        ),
        (
            date(1752, 9, 14),
            date(1752, 9, 20),
            "First day 1752-09-14 is outside the days the program plans for "
            "(1900-01-01 to 2199-12-31)",
        ),
    ],
)
@pytest.mark.parametrize("repeat", [None, "FREQ=WEEKLY;COUNT=2"])
def test_days_outside_the_programs_are_refused_in_one_line(
    first: date, last: date, line: str, repeat: str | None, sqlite_database: Database
) -> None:
    bureau = _bureau(sqlite_database)
    search = SlotSearch((bureau,), HOUR, first, last, repeat=repeat)
    with pytest.raises(DayOutOfRangeError) as refused:
        search_slots(sqlite_database, search)
    assert isinstance(refused.value, SchedulerError)
    assert str(refused.value) == line


def test_the_programs_own_ends_are_searched(sqlite_database: Database) -> None:
    bureau = _bureau(sqlite_database)
    for first, last in (
        (date(1900, 1, 1), date(1900, 1, 2)),
        (date(2199, 12, 30), date(2199, 12, 31)),
    ):
        answer = search_slots(sqlite_database, SlotSearch((bureau,), HOUR, first, last))
        assert answer.slots
        assert all(first <= slot.start.date() <= last + timedelta(days=1) for slot in answer.slots)


def test_the_refusal_speaks_japanese(sqlite_database: Database, japanese: None) -> None:
    bureau = _bureau(sqlite_database)
    with pytest.raises(DayOutOfRangeError) as refused:
        search_slots(
            sqlite_database, SlotSearch((bureau,), HOUR, date(2027, 3, 1), date(9999, 12, 31))
        )
    assert "このプログラムで計画できる期間" in str(refused.value)
