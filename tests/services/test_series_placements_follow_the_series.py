"""A meeting placed on a skipped or repeated wall-clock time is no move: when the
coordinator changes the series' times, it goes where the rest of the series goes.

The placement (the import's, or the coordinator's answer on the Series tab) keeps its
reading while the meeting's new time is still skipped or repeated, takes the series' new
length, and is dropped once the new time is an ordinary one; a real move keeps its moved
time. ``events list`` never marks a placed meeting "(moved)".

In New York the clocks go back from 02:00 EDT to 01:00 EST on Sunday 7 November 2027
(01:30 happens twice) and jump from 02:00 EST to 03:00 EDT on Sunday 12 March 2028
(02:30 does not exist).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cpp_scheduler.cli import main
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


def _edit(database: Database, event_id: str, **values: object) -> editing.Saved:
    version = editing.stored(database, Event, event_id).version
    return editing.change(database, Event, event_id, values, version)


def test_a_placed_meeting_is_not_listed_as_moved(
    database: Database, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    _series(database, FOLD_START, FIRST_READING, SECOND_READING)

    assert _listed(database_url, capsys) == [
        _held(FOLD_START),
        _held(FOLD_START + WEEK),
        _held(SECOND_READING),
    ]
    assert main(["--db", database_url, "events", "list"]) == 0
    assert "(moved)" not in capsys.readouterr().out


def test_moved_to_an_ordinary_hour_every_meeting_goes_there_and_none_is_moved(
    database: Database, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    event_id = _series(database, FOLD_START, FIRST_READING, SECOND_READING)
    ten = datetime(2027, 10, 24, 14, 0, tzinfo=UTC)  # 10:00 EDT

    _edit(database, event_id, start_utc=ten, end_utc=ten + HOUR)

    assert _listed(database_url, capsys) == [
        _held(ten),
        _held(ten + WEEK),
        _held(datetime(2027, 11, 7, 15, 0, tzinfo=UTC)),  # 10:00 EST
    ]
    assert main(["--db", database_url, "events", "list"]) == 0
    assert "(moved)" not in capsys.readouterr().out


def test_a_longer_series_makes_the_placed_meeting_longer(
    database: Database, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    event_id = _series(database, FOLD_START, FIRST_READING, SECOND_READING)
    length = timedelta(minutes=90)

    _edit(database, event_id, end_utc=FOLD_START + length)

    assert _listed(database_url, capsys) == [
        _held(FOLD_START, length),
        _held(FOLD_START + WEEK, length),
        _held(SECOND_READING, length),
    ]


def test_a_placed_meeting_moved_onto_another_repeated_time_keeps_its_reading(
    database: Database, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    event_id = _series(database, FOLD_START, FIRST_READING, SECOND_READING)
    quarter_to_two = FOLD_START + timedelta(minutes=15)  # 01:45 EDT

    _edit(database, event_id, start_utc=quarter_to_two, end_utc=quarter_to_two + HOUR)

    assert _listed(database_url, capsys) == [
        _held(quarter_to_two),
        _held(quarter_to_two + WEEK),
        _held(datetime(2027, 11, 7, 6, 45, tzinfo=UTC)),  # the second 01:45, EST
    ]


def test_the_first_meeting_placed_in_the_fold_takes_the_new_length(
    database: Database, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # The series starts at the second 01:30 of 7 November, chosen where the start is typed.
    event_id = _series(database, SECOND_READING, FIRST_READING, SECOND_READING)
    length = timedelta(minutes=90)

    _edit(database, event_id, end_utc=SECOND_READING + length)

    assert _listed(database_url, capsys) == [
        _held(SECOND_READING, length),
        _held(datetime(2027, 11, 14, 6, 30, tzinfo=UTC), length),
        _held(datetime(2027, 11, 21, 6, 30, tzinfo=UTC), length),
    ]


def test_a_gap_meeting_whose_new_time_exists_is_where_the_rule_puts_it(
    database: Database, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # 02:30 on 12 March was placed at 01:30 EST; the series moves to 03:30, which exists.
    event_id = _series(database, GAP_START, AFTER_JUMP, BEFORE_JUMP)
    half_past_three = GAP_START + HOUR  # 03:30 EST on 27 February

    _edit(database, event_id, start_utc=half_past_three, end_utc=half_past_three + HOUR)

    assert _listed(database_url, capsys) == [
        _held(half_past_three),
        _held(half_past_three + WEEK),
        _held(datetime(2028, 3, 12, 7, 30, tzinfo=UTC)),  # 03:30 EDT
    ]


def test_a_real_move_still_keeps_its_time_beside_a_placement_that_follows(
    database: Database, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    event_id = _series(database, FOLD_START, FIRST_READING, SECOND_READING)
    second = FOLD_START + WEEK  # 31 October, moved by the coordinator to 09:00 EDT
    moved_to = datetime(2027, 10, 31, 13, 0, tzinfo=UTC)
    _edit(
        database,
        event_id,
        **{
            editing.PLACED_MEETINGS: {
                second: recurrence.OccurrenceChange(second, False, moved_to, moved_to + HOUR)
            }
        },
    )
    ten = datetime(2027, 10, 24, 14, 0, tzinfo=UTC)

    _edit(database, event_id, start_utc=ten, end_utc=ten + HOUR)

    assert _listed(database_url, capsys) == [
        _held(ten),
        (moved_to, moved_to + HOUR, True),
        _held(datetime(2027, 11, 7, 15, 0, tzinfo=UTC)),
    ]


def test_undoing_the_move_to_an_ordinary_hour_places_the_meeting_again(
    database: Database, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    event_id = _series(database, FOLD_START, FIRST_READING, SECOND_READING)
    ten = datetime(2027, 10, 24, 14, 0, tzinfo=UTC)
    saved = _edit(database, event_id, start_utc=ten, end_utc=ten + HOUR)

    editing.change(database, Event, event_id, saved.before, saved.version)

    assert _listed(database_url, capsys) == [
        _held(FOLD_START),
        _held(FOLD_START + WEEK),
        _held(SECOND_READING),
    ]


def test_the_series_tab_tells_what_the_save_does_with_a_placed_meeting(
    database: Database, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    event_id = _series(database, FOLD_START, FIRST_READING, SECOND_READING)
    stored = series_rules.read_stored_series(database, event_id)
    quarter_to_two = FOLD_START + timedelta(minutes=15)
    ten = datetime(2027, 10, 24, 14, 0, tzinfo=UTC)

    following = series_rules.draft_series(
        stored, recurrence.SeriesTimes(quarter_to_two, NEW_YORK, WEEKLY), quarter_to_two + HOUR
    )
    dropping = series_rules.draft_series(
        stored, recurrence.SeriesTimes(ten, NEW_YORK, WEEKLY), ten + HOUR
    )

    assert [series_rules.describe(item, NEW_YORK) for item in following.followed] == [
        "The meeting of Sun 07 Nov 2027 placed at 01:30 EST follows to Sun 07 Nov 2027, "
        "a time the clocks skip or repeat too: it keeps the same reading, 01:45 EST."
    ]
    assert following.unanswered == ()  # nothing asked again: the answer follows
    assert [series_rules.describe(item, NEW_YORK) for item in dropping.followed] == [
        "The meeting of Sun 07 Nov 2027 placed at 01:30 EST follows to Sun 07 Nov 2027, "
        "a time the clocks neither skip nor repeat: it starts there as the series does."
    ]
    # What the tab lists is what the save gives.
    _edit(database, event_id, start_utc=ten, end_utc=ten + HOUR)
    assert [
        (meeting.start, meeting.end, meeting.moved) for meeting in dropping.meetings
    ] == _listed(database_url, capsys)


def test_a_placement_set_aside_and_reached_again_is_said_to_keep_its_reading(
    database: Database,
) -> None:
    event_id = _series(database, FOLD_START, FIRST_READING, SECOND_READING)
    _edit(database, event_id, recurrence_rule="FREQ=WEEKLY;COUNT=2")  # 7 November set aside
    stored = series_rules.read_stored_series(database, event_id)

    again = series_rules.draft_series(
        stored, recurrence.SeriesTimes(FOLD_START, NEW_YORK, WEEKLY), FOLD_START + HOUR
    )

    assert again.returning_descriptions(NEW_YORK) == [
        "The meeting of Sun 07 Nov 2027 placed at 01:30 EST, set aside, applies again: "
        "it keeps that reading."
    ]
    assert not any(meeting.moved for meeting in again.meetings)
