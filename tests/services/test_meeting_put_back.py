"""A meeting of a series dragged away and back to the time and length its rule gives is
put back, as "put back" does: no view marks it moved and no calendar file carries it as
a change. On a time the clocks skip or pass twice the same drop is the answer to which
instant is meant, and the series keeps it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import icalendar
import pytest

from cpp_scheduler.cli import main
from cpp_scheduler.model import Event
from cpp_scheduler.services import editing, series
from cpp_scheduler.store import Database
from tests.services.new_york_series import (
    AFTER_JUMP,
    BEFORE_JUMP,
    FIRST_READING,
    FOLD_START,
    GAP_START,
    HOUR,
    SECOND_READING,
    listed,
)
from tests.services.new_york_series import series as new_york_series

FIRST = datetime(2027, 4, 7, 1, 0, tzinfo=UTC)  # Wednesday 10:00 in Tokyo


def _changes(database: Database, event_id: str) -> list[tuple[datetime, datetime | None]]:
    with database.reading() as session:
        event = editing.get_record(session, Event, event_id)
        return [(change.recurrence_id, change.start_utc) for change in event.changes]


def _version(database: Database, event_id: str) -> int:
    version = editing.stored(database, Event, event_id).version
    assert version is not None
    return version


def test_a_meeting_dragged_away_and_back_is_put_back_and_undo_moves_it_again(
    database: Database, database_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    event_id = editing.create(
        database,
        Event,
        {
            "title": "Weekly DRR call",
            "start_utc": FIRST,
            "end_utc": FIRST + HOUR,
            "zone": "Asia/Tokyo",
            "recurrence_rule": "FREQ=WEEKLY;COUNT=3",
        },
    )
    second = FIRST + timedelta(weeks=1)
    away = series.move_meeting(
        database, event_id, second, second + HOUR, second + 2 * HOUR, _version(database, event_id)
    )
    back = series.move_meeting(database, event_id, second, second, second + HOUR, away.version)

    assert _changes(database, event_id) == []
    assert [moved for _start, _end, moved in listed(database_url, capsys)] == [False] * 3
    with database.reading() as session:
        uid = editing.get_record(session, Event, event_id).uid
    path = tmp_path / "call.ics"
    assert main(["--db", database_url, "export", "ics", "--event", uid, "-o", str(path)]) == 0
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    assert [e.get("RECURRENCE-ID") for e in calendar.walk("VEVENT")] == [None]

    # Undoing the drag back gives the move it undid, as it was.
    series.set_meeting(database, event_id, second, back.before, back.version)
    assert _changes(database, event_id) == [(second, second + HOUR)]


@pytest.mark.parametrize(
    ("start", "meeting", "placed_at"),
    [
        pytest.param(FOLD_START, FIRST_READING, SECOND_READING, id="repeated 01:30"),
        pytest.param(GAP_START, AFTER_JUMP, BEFORE_JUMP, id="skipped 02:30"),
    ],
)
def test_a_drop_on_a_skipped_or_repeated_time_is_kept_as_its_reading(
    database: Database,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
    start: datetime,
    meeting: datetime,
    placed_at: datetime,
) -> None:
    """The series' 7 November meeting placed at 01:30 EST, dropped on 01:30 EDT (the
    rule's reading); its 12 March meeting placed at 01:30 EST, dropped on 03:30 EDT."""
    event_id = new_york_series(database, start, meeting, placed_at)

    series.move_meeting(
        database, event_id, meeting, meeting, meeting + HOUR, _version(database, event_id)
    )

    assert _changes(database, event_id) == [(meeting, meeting)]
    assert listed(database_url, capsys)[-1] == (meeting, meeting + HOUR, False)
    with database.reading() as session:
        assert editing.get_record(session, Event, event_id).problems() == []
