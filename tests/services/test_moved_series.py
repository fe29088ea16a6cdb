"""A series moved as a whole, or given another rule, keeps its moved and cancelled meetings
with the meetings they belong to; the calendar file always tells the meetings the program
shows, whatever changes the move leaves behind."""

from __future__ import annotations

import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpp_scheduler.model import Event
from cpp_scheduler.services import calendar_reads, editing, series
from cpp_scheduler.services.calendar_export import EventScope, export_calendar
from cpp_scheduler.store import Database, open_database
from tests.ical.parsers import with_recurring_ical_events

#: Wednesday 13 January 2027, 17:00 in Tokyo; the series meets every Wednesday, 4 times.
FIRST = datetime(2027, 1, 13, 8, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
WEEK = timedelta(weeks=1)
WINDOW = (datetime(2026, 12, 1, tzinfo=UTC), datetime(2027, 4, 1, tzinfo=UTC))


def _series(database: Database, rule: str = "FREQ=WEEKLY;COUNT=4") -> tuple[str, str]:
    event_id = editing.create(
        database,
        Event,
        {
            "title": "Weekly DRR call",
            "start_utc": FIRST,
            "end_utc": FIRST + HOUR,
            "zone": "Asia/Tokyo",
            "recurrence_rule": rule,
        },
    )
    with database.reading() as session:
        return event_id, str(editing.get_record(session, Event, event_id).uid)


def _version(database: Database, event_id: str) -> int:
    version = editing.stored(database, Event, event_id).version
    assert version is not None
    return version


def _shown(database: Database, event_id: str) -> list[tuple[datetime, datetime]]:
    """The meetings the program shows, as the window's views read them."""
    return sorted(
        (row.start_utc, row.end_utc) for row in calendar_reads.load_event_rows(database, [event_id])
    )


def _in_the_file(database: Database, uid: str, folder: Path) -> list[tuple[datetime, datetime]]:
    """The meetings a calendar client reads in the event's exported file."""
    (path,) = export_calendar(database, EventScope(uid), folder / "series.ics")
    meetings = with_recurring_ical_events(path.read_bytes(), WINDOW)
    return sorted((start, end) for _uid, start, end in meetings)  # type: ignore[misc]


def _cancel_third_and_move_second(database: Database, event_id: str) -> datetime:
    series.cancel_meeting(database, event_id, FIRST + 2 * WEEK, _version(database, event_id))
    moved_to = FIRST + WEEK + timedelta(days=1, hours=-4)  # Thursday 21 January, 13:00
    series.move_meeting(
        database, event_id, FIRST + WEEK, moved_to, moved_to + HOUR, _version(database, event_id)
    )
    return moved_to


def _move_whole(database: Database, event_id: str, by: timedelta) -> None:
    stored = editing.stored(database, Event, event_id)
    start, end = stored.values["start_utc"], stored.values["end_utc"]
    series.move_event(database, event_id, start + by, end + by, _version(database, event_id))


def test_a_series_dragged_an_hour_later_keeps_its_cancelled_and_moved_meetings(
    database: Database, tmp_path: Path
) -> None:
    event_id, uid = _series(database)
    moved_to = _cancel_third_and_move_second(database, event_id)

    _move_whole(database, event_id, HOUR)

    expected = [
        (FIRST + HOUR, FIRST + 2 * HOUR),
        (moved_to, moved_to + HOUR),  # moved on purpose: stays where it was put
        (FIRST + 3 * WEEK + HOUR, FIRST + 3 * WEEK + 2 * HOUR),
    ]
    assert _shown(database, event_id) == expected
    assert _in_the_file(database, uid, tmp_path) == expected

    _move_whole(database, event_id, -HOUR)  # as Undo does

    back = [
        (FIRST, FIRST + HOUR),
        (moved_to, moved_to + HOUR),
        (FIRST + 3 * WEEK, FIRST + 3 * WEEK + HOUR),
    ]
    assert _shown(database, event_id) == back
    assert _in_the_file(database, uid, tmp_path) == back


def test_a_shortened_series_keeps_its_changes_for_when_it_grows_again(
    database: Database, tmp_path: Path
) -> None:
    event_id, uid = _series(database)
    series.cancel_meeting(database, event_id, FIRST + 3 * WEEK, _version(database, event_id))

    editing.change(
        database,
        Event,
        event_id,
        {"recurrence_rule": "FREQ=WEEKLY;COUNT=3"},
        _version(database, event_id),
    )
    three = [(FIRST + n * WEEK, FIRST + n * WEEK + HOUR) for n in range(3)]
    assert _shown(database, event_id) == three
    assert _in_the_file(database, uid, tmp_path) == three
    text = (tmp_path / "series.ics").read_text("utf-8")
    assert "EXDATE" not in text  # no cancellation of a meeting the series no longer has

    editing.change(
        database,
        Event,
        event_id,
        {"recurrence_rule": "FREQ=WEEKLY;COUNT=5"},
        _version(database, event_id),
    )
    five = [(FIRST + n * WEEK, FIRST + n * WEEK + HOUR) for n in (0, 1, 2, 4)]
    assert _shown(database, event_id) == five
    assert _in_the_file(database, uid, tmp_path) == five


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    shift=st.integers(min_value=-4 * 24 * 4, max_value=4 * 24 * 4).map(
        lambda quarters: timedelta(minutes=15 * quarters)
    ),
    cancelled=st.sets(st.integers(min_value=0, max_value=3), max_size=3),
    moved=st.sets(st.integers(min_value=0, max_value=3), max_size=2),
    rule=st.sampled_from(["FREQ=WEEKLY;COUNT=4", "FREQ=DAILY;COUNT=4;BYDAY=MO,WE,FR"]),
)
def test_the_calendar_file_tells_the_meetings_the_program_shows_after_any_move(
    tmp_path_factory: pytest.TempPathFactory,
    sqlite_template: Path,
    shift: timedelta,
    cancelled: set[int],
    moved: set[int],
    rule: str,
) -> None:
    folder = tmp_path_factory.mktemp("series")
    shutil.copyfile(sqlite_template, folder / "program.sqlite")
    database = open_database(folder / "program.sqlite")
    try:
        event_id, uid = _series(database, rule)
        meetings = [start for start, _end in _shown(database, event_id)]
        for number in sorted(cancelled):
            series.cancel_meeting(
                database, event_id, meetings[number], _version(database, event_id)
            )
        for number in sorted(moved - cancelled):
            to = meetings[number] + timedelta(hours=5)
            series.move_meeting(
                database, event_id, meetings[number], to, to + HOUR, _version(database, event_id)
            )
        before = _shown(database, event_id)

        _move_whole(database, event_id, shift)

        shown = _shown(database, event_id)
        assert _in_the_file(database, uid, folder) == shown
        assert len(shown) <= len(before) + len(cancelled)
        _move_whole(database, event_id, -shift)
        assert _shown(database, event_id) == before
        assert _in_the_file(database, uid, folder) == before
    finally:
        database.close()
