"""Moving an event, and moving or cancelling one meeting of a series, against the version
read: a colleague's change made since is refused, never overwritten."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from cpp_scheduler import timezones
from cpp_scheduler.model import Delegation, Event, Participant
from cpp_scheduler.services import calendar_reads, editing, series
from cpp_scheduler.store import ConcurrentEditError, Database

#: Wednesday 13 January 2027, 10:00 in Tokyo; the series meets every Wednesday, 4 times.
FIRST = datetime(2027, 1, 13, 1, 0, tzinfo=UTC)
WEEKLY = "FREQ=WEEKLY;COUNT=4"


def _series(database: Database) -> str:
    return editing.create(
        database,
        Event,
        {
            "title": "Weekly DRR call",
            "start_utc": FIRST,
            "end_utc": FIRST + timedelta(hours=1),
            "zone": "Asia/Tokyo",
            "recurrence_rule": WEEKLY,
        },
    )


def _one_off(database: Database) -> str:
    return editing.create(
        database,
        Event,
        {"title": "Kobe DRR workshop", "start_utc": FIRST, "end_utc": FIRST + timedelta(hours=2)},
    )


def _starts(database: Database, event_id: str) -> list[datetime]:
    return sorted(row.start_utc for row in calendar_reads.load_event_rows(database, [event_id]))


def test_a_moved_meeting_moves_alone_and_comes_back_on_undo(database: Database) -> None:
    event_id = _series(database)
    second = FIRST + timedelta(weeks=1)
    shown = series.meeting(database, event_id, second)
    moved_to = second + timedelta(days=1, hours=3)

    edit = series.move_meeting(
        database, event_id, second, moved_to, moved_to + timedelta(hours=1), shown.version
    )

    assert edit.before is None
    assert edit.version == shown.version + 1
    assert _starts(database, event_id) == [
        FIRST,
        moved_to,
        FIRST + timedelta(weeks=2),
        FIRST + timedelta(weeks=3),
    ]
    back = series.set_meeting(database, event_id, second, edit.before, edit.version)
    assert _starts(database, event_id) == [FIRST + timedelta(weeks=n) for n in range(4)]
    again = series.move_meeting(
        database, event_id, second, moved_to, moved_to + timedelta(hours=1), back.version
    )
    assert moved_to in _starts(database, event_id)
    assert again.version == back.version + 1


def test_a_cancelled_meeting_is_left_out_and_undo_brings_it_back(database: Database) -> None:
    event_id = _series(database)
    third = FIRST + timedelta(weeks=2)
    version = series.meeting(database, event_id, third).version

    edit = series.cancel_meeting(database, event_id, third, version)

    assert third not in _starts(database, event_id)
    assert len(_starts(database, event_id)) == 3
    series.set_meeting(database, event_id, third, edit.before, edit.version)
    assert third in _starts(database, event_id)


def test_a_meeting_changed_since_it_was_read_is_not_moved(database: Database) -> None:
    event_id = _series(database)
    second = FIRST + timedelta(weeks=1)
    mine = series.meeting(database, event_id, second)
    colleague = series.meeting(database, event_id, second)
    theirs = second + timedelta(hours=2)
    series.move_meeting(
        database, event_id, second, theirs, theirs + timedelta(hours=1), colleague.version
    )

    with pytest.raises(ConcurrentEditError, match="changed by somebody else"):
        series.cancel_meeting(database, event_id, second, mine.version)

    assert theirs in _starts(database, event_id)


def test_a_meeting_the_rule_does_not_give_is_refused(database: Database) -> None:
    event_id = _series(database)
    version = series.meeting(database, event_id, None).version
    with pytest.raises(editing.RecordNotFoundError, match="no longer in its series"):
        series.cancel_meeting(database, event_id, FIRST + timedelta(days=1), version)


def test_a_drag_over_a_colleagues_move_is_refused(database: Database) -> None:
    event_id = _one_off(database)
    shown = series.meeting(database, event_id, None)
    theirs = FIRST + timedelta(hours=5)
    series.move_event(database, event_id, theirs, theirs + timedelta(hours=2), shown.version)

    with pytest.raises(ConcurrentEditError):
        series.move_event(
            database, event_id, FIRST + timedelta(days=1), FIRST + timedelta(days=1, hours=2), 1
        )

    assert _starts(database, event_id) == [theirs]


def test_changing_only_the_people_of_an_event_raises_its_version(database: Database) -> None:
    """Two coordinators change who attends one event: the second is told, not obeyed."""
    event_id = _one_off(database)
    lima = editing.create(
        database, Delegation, {"name": "Lima", "country": "PE", "zone": "America/Lima"}
    )
    ana = editing.create(database, Participant, {"name": "Ana Quispe", "email": "ana@example.pe"})
    read = editing.stored(database, Event, event_id).version
    assert read is not None

    saved = editing.change(database, Event, event_id, {"delegation_ids": [lima]}, read)

    assert saved.version == read + 1
    with pytest.raises(ConcurrentEditError):
        editing.change(database, Event, event_id, {"participant_ids": [ana]}, read)
    stored = editing.stored(database, Event, event_id).values
    assert (stored["delegation_ids"], stored["participant_ids"]) == ([lima], [])


def test_an_all_day_event_dragged_across_a_change_of_clocks_lands_on_midnights(
    database: Database,
) -> None:
    """Washington's clocks go forward on Sunday 14 March 2027: a week later by the hour
    is an hour off midnight there; the move takes the whole days it meant."""
    first, after = timezones.local_days(date(2027, 3, 10), date(2027, 3, 11), "America/New_York")
    event_id = editing.create(
        database,
        Event,
        {
            "title": "Bank spring meetings",
            "zone": "America/New_York",
            "all_day": True,
            "start_utc": first,
            "end_utc": after,
        },
    )
    [row] = calendar_reads.load_event_rows(database, [event_id])
    week = timedelta(days=7)
    series.move_event(database, event_id, first + week, after + week, row.version)
    [moved] = calendar_reads.load_event_rows(database, [event_id])
    assert moved.all_day
    assert (moved.first_date, moved.last_date) == (date(2027, 3, 17), date(2027, 3, 18))
