"""A series whose later meeting starts at a wall-clock time the clocks skip or pass twice:
the services name the meeting and its two instants, and a save writes the coordinator's
choice as the explicit change the series needs; undo takes it away with the edit.

In New York the clocks go back from 02:00 EDT to 01:00 EST on Sunday 7 November 2027
(01:30 happens twice) and jump from 02:00 EST to 03:00 EDT on Sunday 12 March 2028
(02:30 does not exist).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cpp_scheduler import timezones
from cpp_scheduler.model import Event, recurrence
from cpp_scheduler.model.validation import ValidationError
from cpp_scheduler.services import editing, series, series_rules
from cpp_scheduler.store import Database

NEW_YORK = timezones.WASHINGTON
#: Sunday 24 October 2027, 01:30 EDT: weekly, three meetings, the last on 7 November.
FOLD_START = datetime(2027, 10, 24, 5, 30, tzinfo=UTC)
FIRST_READING = datetime(2027, 11, 7, 5, 30, tzinfo=UTC)  # 01:30 EDT
SECOND_READING = datetime(2027, 11, 7, 6, 30, tzinfo=UTC)  # 01:30 EST
#: Sunday 27 February 2028, 02:30 EST: weekly, three meetings, the last on 12 March.
GAP_START = datetime(2028, 2, 27, 7, 30, tzinfo=UTC)
BEFORE_JUMP = datetime(2028, 3, 12, 6, 30, tzinfo=UTC)  # 01:30 EST
AFTER_JUMP = datetime(2028, 3, 12, 7, 30, tzinfo=UTC)  # 03:30 EDT
HOUR = timedelta(hours=1)


def _times(start: datetime, rule: str = "FREQ=WEEKLY;COUNT=3") -> recurrence.SeriesTimes:
    return recurrence.SeriesTimes(start, NEW_YORK, rule)


def _values(start: datetime, rule: str = "FREQ=WEEKLY;COUNT=3") -> dict[str, object]:
    return {
        "title": "Sunday night check-in",
        "zone": NEW_YORK,
        "start_utc": start,
        "end_utc": start + HOUR,
        "recurrence_rule": rule,
    }


def _starts(database: Database, event_id: str) -> list[datetime]:
    return [meeting.start_utc for meeting in series.meetings(database, event_id).meetings]


def test_the_fold_meeting_is_named_with_its_two_instants_and_placed_as_chosen() -> None:
    draft = series_rules.draft_series(
        series_rules.StoredSeries(), _times(FOLD_START), FOLD_START + HOUR
    )

    assert [meeting.local for meeting in draft.unplaced] == [datetime(2027, 11, 7, 1, 30)]
    meeting = draft.unplaced[0]
    assert meeting.candidates == (FIRST_READING, SECOND_READING)
    assert not meeting.skipped
    assert not meeting.first
    assert "choose" in str(meeting.problem)
    assert draft.unanswered == draft.unplaced  # nothing chosen for the coordinator
    assert draft.placed == ()

    chosen = series_rules.draft_series(
        series_rules.StoredSeries(),
        _times(FOLD_START),
        FOLD_START + HOUR,
        frozenset({(FIRST_READING, timezones.Fold.LATER)}),
    )
    assert chosen.unanswered == ()
    assert chosen.placed == (
        recurrence.OccurrenceChange(FIRST_READING, False, SECOND_READING, SECOND_READING + HOUR),
    )
    assert [item.start for item in chosen.meetings][-1] == SECOND_READING


def test_the_gap_meeting_offers_the_clock_before_and_after_the_jump() -> None:
    draft = series_rules.draft_series(
        series_rules.StoredSeries(), _times(GAP_START), GAP_START + HOUR
    )

    (meeting,) = draft.unplaced
    assert meeting.skipped
    assert meeting.candidates == (BEFORE_JUMP, AFTER_JUMP)
    assert meeting.recurrence_id == AFTER_JUMP  # RFC 5545's reading names it
    assert meeting.instant(timezones.Fold.EARLIER) == BEFORE_JUMP


def test_a_first_meeting_in_the_fold_is_placed_at_the_start_chosen() -> None:
    start = SECOND_READING  # the coordinator chose 01:30 EST where the start is typed
    draft = series_rules.draft_series(series_rules.StoredSeries(), _times(start), start + HOUR)

    (meeting,) = draft.unplaced
    assert meeting.first
    assert draft.unanswered == ()
    assert draft.placed == (
        recurrence.OccurrenceChange(FIRST_READING, False, SECOND_READING, SECOND_READING + HOUR),
    )


def test_a_series_is_saved_with_the_meeting_chosen_and_refused_without(
    database: Database,
) -> None:
    with pytest.raises(ValidationError, match="choose"):
        editing.create(database, Event, _values(FOLD_START))

    values = _values(FOLD_START) | {
        editing.PLACED_MEETINGS: {
            FIRST_READING: recurrence.OccurrenceChange(
                FIRST_READING, False, SECOND_READING, SECOND_READING + HOUR
            )
        }
    }
    created = editing.create_versioned(database, Event, values)

    assert _starts(database, created.record_id) == [
        FOLD_START,
        FOLD_START + timedelta(weeks=1),
        SECOND_READING,
    ]


def test_an_edit_that_reaches_the_gap_saves_the_choice_and_its_undo_takes_it_away(
    database: Database,
) -> None:
    event_id = editing.create(database, Event, _values(GAP_START, "FREQ=WEEKLY;COUNT=2"))
    version = editing.stored(database, Event, event_id).version
    placed = recurrence.OccurrenceChange(AFTER_JUMP, False, BEFORE_JUMP, BEFORE_JUMP + HOUR)
    values = {
        "recurrence_rule": "FREQ=WEEKLY;COUNT=3",
        editing.PLACED_MEETINGS: {AFTER_JUMP: placed},
    }

    saved = editing.change(database, Event, event_id, values, version)

    week = timedelta(weeks=1)
    assert _starts(database, event_id) == [GAP_START, GAP_START + week, BEFORE_JUMP]
    assert saved.before[editing.PLACED_MEETINGS] == {AFTER_JUMP: None}

    undone = editing.change(database, Event, event_id, saved.before, saved.version)
    assert _starts(database, event_id) == [GAP_START, GAP_START + week]
    with database.reading() as session:
        assert session.get(Event, event_id).changes == []  # nothing left applied nowhere

    editing.change(database, Event, event_id, values, undone.version)
    assert _starts(database, event_id) == [GAP_START, GAP_START + week, BEFORE_JUMP]


def test_undoing_a_new_start_hour_does_not_carry_the_choice_to_another_meeting(
    database: Database,
) -> None:
    """The series at 00:30 moves to 01:30, which happens twice on 7 November; undone, it
    is back at 00:30 with no meeting moved (the choice is taken away before the changed
    meetings follow the series back)."""
    early = FOLD_START - HOUR
    event_id = editing.create(database, Event, _values(early))
    version = editing.stored(database, Event, event_id).version
    placed = recurrence.OccurrenceChange(
        FIRST_READING, False, SECOND_READING, SECOND_READING + HOUR
    )
    saved = editing.change(
        database,
        Event,
        event_id,
        {
            "start_utc": FOLD_START,
            "end_utc": FOLD_START + HOUR,
            editing.PLACED_MEETINGS: {FIRST_READING: placed},
        },
        version,
    )
    assert _starts(database, event_id)[-1] == SECOND_READING

    editing.change(database, Event, event_id, saved.before, saved.version)

    listed = series.meetings(database, event_id).meetings
    week = timedelta(weeks=1)
    assert [meeting.start_utc for meeting in listed] == [early, early + week, early + 2 * week]
    assert not any(meeting.start_utc != meeting.recurrence_id for meeting in listed)
