"""A meeting a stored series places on a skipped or repeated wall-clock time can be
chosen again: the engine names each such meeting with the reading it starts at, turns
another answer into the placement the save writes in place of the old one, and a save
and its undo put the meeting at the new reading and back, never marked moved.

In New York the clocks go back from 02:00 EDT to 01:00 EST on Sunday 7 November 2027
(01:30 happens twice) and jump from 02:00 EST to 03:00 EDT on Sunday 12 March 2028
(02:30 does not exist).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cpp_scheduler import timezones
from cpp_scheduler.model import Event, recurrence
from cpp_scheduler.services import editing, series_rules
from cpp_scheduler.store import Database
from tests.services.new_york_series import (
    AFTER_JUMP,
    BEFORE_JUMP,
    FIRST_READING,
    FOLD_START,
    GAP_START,
    HOUR,
    NEW_YORK,
    SECOND_READING,
    WEEK,
    WEEKLY,
)
from tests.services.new_york_series import held as _held
from tests.services.new_york_series import listed as _listed
from tests.services.new_york_series import series as _series


def _draft(
    database: Database,
    event_id: str,
    start: datetime,
    chosen: series_rules.Choices = frozenset(),
) -> series_rules.DraftSeries:
    """The series as the Series tab reads it, its times as stored."""
    stored = series_rules.read_stored_series(database, event_id)
    return series_rules.draft_series(
        stored, recurrence.SeriesTimes(start, NEW_YORK, WEEKLY), start + HOUR, chosen
    )


def test_the_meeting_placed_at_the_first_time_is_named_with_its_reading(
    database: Database,
) -> None:
    event_id = _series(database, FOLD_START, FIRST_READING, FIRST_READING)

    draft = _draft(database, event_id, FOLD_START)

    (placed,) = draft.placements
    assert placed.recurrence_id == FIRST_READING
    assert placed.reading is timezones.Fold.EARLIER
    assert placed.candidates == (FIRST_READING, SECOND_READING)
    assert not placed.skipped
    assert not placed.first
    assert draft.unplaced == ()
    assert draft.placed == ()  # nothing chosen again: nothing to write


def test_choosing_the_second_time_is_saved_there_not_moved_and_undo_puts_it_back(
    database: Database, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    event_id = _series(database, FOLD_START, FIRST_READING, FIRST_READING)

    draft = _draft(
        database, event_id, FOLD_START, frozenset({(FIRST_READING, timezones.Fold.LATER)})
    )

    assert [(meeting.start, meeting.moved) for meeting in draft.meetings] == [
        (FOLD_START, False),
        (FOLD_START + WEEK, False),
        (SECOND_READING, False),
    ]
    version = editing.stored(database, Event, event_id).version
    saved = editing.change(
        database,
        Event,
        event_id,
        {editing.PLACED_MEETINGS: series_rules.placed_meetings(draft)},
        version,
    )
    assert _listed(database_url, capsys) == [
        _held(FOLD_START),
        _held(FOLD_START + WEEK),
        _held(SECOND_READING),
    ]
    assert [placed.reading for placed in _draft(database, event_id, FOLD_START).placements] == [
        timezones.Fold.LATER
    ]

    editing.change(database, Event, event_id, saved.before, saved.version)
    assert _listed(database_url, capsys) == [
        _held(FOLD_START),
        _held(FOLD_START + WEEK),
        _held(FIRST_READING),
    ]


def test_the_reading_it_holds_chosen_again_writes_nothing(database: Database) -> None:
    event_id = _series(database, FOLD_START, FIRST_READING, FIRST_READING)

    draft = _draft(
        database, event_id, FOLD_START, frozenset({(FIRST_READING, timezones.Fold.EARLIER)})
    )

    assert [placed.reading for placed in draft.placements] == [timezones.Fold.EARLIER]
    assert draft.placed == ()
    assert series_rules.placed_meetings(draft) == {}


def test_a_meeting_placed_before_the_jump_can_be_placed_after_it(database: Database) -> None:
    event_id = _series(database, GAP_START, AFTER_JUMP, BEFORE_JUMP)

    draft = _draft(database, event_id, GAP_START, frozenset({(AFTER_JUMP, timezones.Fold.LATER)}))

    (placed,) = draft.placements
    assert placed.skipped
    assert placed.reading is timezones.Fold.EARLIER
    assert draft.meetings[-1].start == AFTER_JUMP
    assert series_rules.placed_meetings(draft) == {
        AFTER_JUMP: recurrence.OccurrenceChange(AFTER_JUMP, False, AFTER_JUMP, AFTER_JUMP + HOUR)
    }


@pytest.mark.parametrize(
    ("at", "length"),
    [
        (SECOND_READING, 2 * HOUR),  # the second 01:30, but for two hours
        (datetime(2027, 11, 7, 14, 0, tzinfo=UTC), HOUR),  # 09:00 EST
    ],
    ids=["longer", "another-hour"],
)
def test_a_real_move_of_that_meeting_is_not_offered_as_a_placement(
    database: Database, at: datetime, length: timedelta
) -> None:
    event_id = _series(database, FOLD_START, FIRST_READING, at, length)

    draft = _draft(
        database, event_id, FOLD_START, frozenset({(FIRST_READING, timezones.Fold.LATER)})
    )

    assert draft.placements == ()
    assert draft.placed == ()
    assert draft.meetings[-1].start == at
    assert draft.meetings[-1].moved
