"""A weekly Sunday series in New York that meets on the nights its clocks change, and
how `events list --json` lists it: shared by the tests of meetings placed on a skipped
or repeated wall-clock time.

In New York the clocks go back from 02:00 EDT to 01:00 EST on Sunday 7 November 2027
(01:30 happens twice) and jump from 02:00 EST to 03:00 EDT on Sunday 12 March 2028
(02:30 does not exist).
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from cpp_scheduler import timezones
from cpp_scheduler.cli import main
from cpp_scheduler.model import Event, recurrence
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database

NEW_YORK = timezones.WASHINGTON
WEEKLY = "FREQ=WEEKLY;COUNT=3"
HOUR = timedelta(hours=1)
WEEK = timedelta(weeks=1)
#: Sunday 24 October 2027, 01:30 EDT: three meetings, the last at 01:30 on 7 November.
FOLD_START = datetime(2027, 10, 24, 5, 30, tzinfo=UTC)
FIRST_READING = datetime(2027, 11, 7, 5, 30, tzinfo=UTC)  # 01:30 EDT
SECOND_READING = datetime(2027, 11, 7, 6, 30, tzinfo=UTC)  # 01:30 EST
#: Sunday 27 February 2028, 02:30 EST: three meetings, the last at 02:30 on 12 March.
GAP_START = datetime(2028, 2, 27, 7, 30, tzinfo=UTC)
BEFORE_JUMP = datetime(2028, 3, 12, 6, 30, tzinfo=UTC)  # 01:30 EST
AFTER_JUMP = datetime(2028, 3, 12, 7, 30, tzinfo=UTC)  # 03:30 EDT

Listed = tuple[datetime, datetime, bool]


def series(
    database: Database, start: datetime, meeting: datetime, at: datetime, length: timedelta = HOUR
) -> str:
    """A weekly Sunday series of hour-long meetings whose ``meeting`` (a recurrence id)
    is held at ``at`` for ``length``: the Series tab's answer, or a move."""
    return editing.create_versioned(
        database,
        Event,
        {
            "title": "Sunday night check-in",
            "zone": NEW_YORK,
            "start_utc": start,
            "end_utc": start + HOUR,
            "recurrence_rule": WEEKLY,
            editing.PLACED_MEETINGS: {
                meeting: recurrence.OccurrenceChange(meeting, False, at, at + length)
            },
        },
    ).record_id


def listed(database_url: str, capsys: pytest.CaptureFixture[str]) -> list[Listed]:
    """Each meeting as ``events list --json`` gives it: start, end, marked moved."""
    assert main(["--db", database_url, "events", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    return [
        (datetime.fromisoformat(row["start"]), datetime.fromisoformat(row["end"]), row["moved"])
        for row in rows
    ]


def held(start: datetime, length: timedelta = HOUR) -> Listed:
    """A meeting listed from ``start`` for ``length``, not marked moved."""
    return (start, start + length, False)
