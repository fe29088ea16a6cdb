"""A change that only says which instant a skipped or repeated wall-clock start means is
no move: the expansion holds the meeting there unmarked, and a series moved as a whole
takes it along at the same reading.

In New York 01:30 happens twice on Sunday 7 November 2027.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cpp_scheduler import timezones
from cpp_scheduler.model import recurrence

NEW_YORK = timezones.WASHINGTON
RULE = "FREQ=WEEKLY;COUNT=3"
HOUR = timedelta(hours=1)
START = datetime(2027, 10, 24, 5, 30, tzinfo=UTC)  # Sunday 01:30 EDT
FIRST_READING = datetime(2027, 11, 7, 5, 30, tzinfo=UTC)  # 01:30 EDT
SECOND_READING = datetime(2027, 11, 7, 6, 30, tzinfo=UTC)  # 01:30 EST


@pytest.mark.parametrize("at", [FIRST_READING, SECOND_READING])
def test_a_meeting_placed_at_either_reading_is_not_moved_but_a_longer_one_is(
    at: datetime,
) -> None:
    placed = recurrence.OccurrenceChange(FIRST_READING, False, at, at + HOUR)
    longer = recurrence.OccurrenceChange(FIRST_READING, False, at, at + 2 * HOUR)

    meetings = recurrence.expand(START, START + HOUR, NEW_YORK, RULE, [placed])
    lengthened = recurrence.expand(START, START + HOUR, NEW_YORK, RULE, [longer])

    assert [(m.start, m.end, m.moved) for m in meetings][-1] == (at, at + HOUR, False)
    assert [(m.start, m.end, m.moved) for m in lengthened][-1] == (at, at + 2 * HOUR, True)


def test_a_series_moved_by_a_quarter_hour_takes_its_placed_meeting_along() -> None:
    placed = recurrence.OccurrenceChange(
        FIRST_READING, False, SECOND_READING, SECOND_READING + HOUR
    )
    quarter = timedelta(minutes=15)
    before = recurrence.SeriesTimes(START, NEW_YORK, RULE, HOUR)
    after = recurrence.SeriesTimes(START + quarter, NEW_YORK, RULE, HOUR)

    (followed,) = recurrence.follow_changes(before, after, [placed])
    carried = recurrence.carried_changes([placed], [followed])

    assert followed.reading is timezones.Fold.LATER
    meetings = recurrence.expand(START + quarter, START + quarter + HOUR, NEW_YORK, RULE, carried)
    assert [(m.start, m.moved) for m in meetings][-1] == (SECOND_READING + quarter, False)
