"""A meeting placed on a skipped or repeated wall-clock time, exported after the series'
times changed: a reader finds it where the program holds it, named once.

RFC 5545 reads a repeated 01:30 as the first one and a skipped 02:30 as 03:30 daylight
time; a meeting held at the other reading is written as an overridden instance
(RECURRENCE-ID the rule's time, DTSTART the instant chosen). In New York 01:30 happens
twice on Sunday 7 November 2027 and 02:30 does not exist on Sunday 12 March 2028.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar

from cpp_scheduler import timezones
from cpp_scheduler.model import Event, recurrence
from cpp_scheduler.services import editing
from cpp_scheduler.services.calendar_export import EventScope, export_calendar
from cpp_scheduler.store import Database
from tests.ical import parsers

NEW_YORK = timezones.WASHINGTON
HOUR = timedelta(hours=1)
WEEK = timedelta(weeks=1)
WINDOW = (datetime(2027, 1, 1, tzinfo=UTC), datetime(2029, 1, 1, tzinfo=UTC))
FOLD_START = datetime(2027, 10, 24, 5, 30, tzinfo=UTC)  # Sunday 01:30 EDT
FIRST_READING = datetime(2027, 11, 7, 5, 30, tzinfo=UTC)  # 01:30 EDT
SECOND_READING = datetime(2027, 11, 7, 6, 30, tzinfo=UTC)  # 01:30 EST
GAP_START = datetime(2028, 2, 27, 7, 30, tzinfo=UTC)  # Sunday 02:30 EST
BEFORE_JUMP = datetime(2028, 3, 12, 6, 30, tzinfo=UTC)  # 01:30 EST
AFTER_JUMP = datetime(2028, 3, 12, 7, 30, tzinfo=UTC)  # 03:30 EDT


def _placed_series(database: Database, start: datetime, meeting: datetime, at: datetime) -> str:
    """A weekly series of three whose last ``meeting`` is placed at ``at``."""
    return editing.create(
        database,
        Event,
        {
            "title": "Sunday night check-in",
            "zone": NEW_YORK,
            "start_utc": start,
            "end_utc": start + HOUR,
            "recurrence_rule": "FREQ=WEEKLY;COUNT=3",
            editing.PLACED_MEETINGS: {
                meeting: recurrence.OccurrenceChange(meeting, False, at, at + HOUR)
            },
        },
    )


def _edit(database: Database, event_id: str, **values: object) -> None:
    version = editing.stored(database, Event, event_id).version
    editing.change(database, Event, event_id, values, version)


def _exported(database: Database, event_id: str, tmp_path: Path) -> tuple[str, bytes]:
    with database.reading() as session:
        uid = session.get_one(Event, event_id).uid
    (path,) = export_calendar(database, EventScope(event_id), tmp_path / "series.ics")
    return uid, path.read_bytes()


def _overrides(data: bytes) -> list[tuple[datetime, datetime]]:
    """Each overridden instance: its RECURRENCE-ID and its DTSTART, in UTC."""
    calendar = icalendar.Calendar.from_ical(data)
    return [
        (component["RECURRENCE-ID"].dt.astimezone(UTC), component["DTSTART"].dt.astimezone(UTC))
        for component in calendar.walk("VEVENT")
        if "RECURRENCE-ID" in component
    ]


def test_a_placement_that_followed_the_series_is_read_at_its_new_reading(
    database: Database, tmp_path: Path
) -> None:
    event_id = _placed_series(database, FOLD_START, FIRST_READING, SECOND_READING)
    quarter_to_two = FOLD_START + timedelta(minutes=15)  # 01:45 EDT
    _edit(database, event_id, start_utc=quarter_to_two, end_utc=quarter_to_two + HOUR)

    uid, data = _exported(database, event_id, tmp_path)

    second_quarter_to_two = datetime(2027, 11, 7, 6, 45, tzinfo=UTC)  # 01:45 EST
    assert parsers.with_recurring_ical_events(data, WINDOW) == {
        (uid, quarter_to_two, quarter_to_two + HOUR),
        (uid, quarter_to_two + WEEK, quarter_to_two + WEEK + HOUR),
        (uid, second_quarter_to_two, second_quarter_to_two + HOUR),
    }
    # Named by RFC 5545's reading of 01:45 (the first), held at the second.
    assert _overrides(data) == [(FIRST_READING + timedelta(minutes=15), second_quarter_to_two)]


def test_a_placement_at_rfc_reading_takes_the_series_length_and_is_written_once(
    database: Database, tmp_path: Path
) -> None:
    event_id = _placed_series(database, FOLD_START, FIRST_READING, FIRST_READING)
    length = timedelta(minutes=90)
    _edit(database, event_id, end_utc=FOLD_START + length)

    uid, data = _exported(database, event_id, tmp_path)

    assert parsers.with_recurring_ical_events(data, WINDOW) == {
        (uid, FOLD_START, FOLD_START + length),
        (uid, FOLD_START + WEEK, FOLD_START + WEEK + length),
        (uid, FIRST_READING, FIRST_READING + length),
    }
    # The meeting runs across the change of clocks, so it is written out with its own
    # end (no reader is left to choose), but once.
    assert _overrides(data) == [(FIRST_READING, FIRST_READING)]


def test_a_gap_meeting_whose_new_time_exists_is_no_longer_overridden(
    database: Database, tmp_path: Path
) -> None:
    event_id = _placed_series(database, GAP_START, AFTER_JUMP, BEFORE_JUMP)
    half_past_three = GAP_START + HOUR  # 03:30 EST
    _edit(database, event_id, start_utc=half_past_three, end_utc=half_past_three + HOUR)

    uid, data = _exported(database, event_id, tmp_path)

    assert parsers.with_recurring_ical_events(data, WINDOW) == {
        (uid, half_past_three, half_past_three + HOUR),
        (uid, half_past_three + WEEK, half_past_three + WEEK + HOUR),
        (uid, AFTER_JUMP, AFTER_JUMP + HOUR),  # 03:30 EDT, where the rule puts it
    }
    assert _overrides(data) == []
