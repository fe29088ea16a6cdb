"""``read_local_times``: one meeting of an event, named by its recurrence id, its start or
its date, read on its own date; and the answer when there is no such meeting."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.model import Delegation, Event, OccurrenceOverride
from cpp_scheduler.services.localtimes import (
    NoSuchMeetingError,
    read_event_local_times,
    read_local_times,
)
from cpp_scheduler.store import Database

#: Wednesday 3 March 2027, 09:00 in Tokyo; the series meets weekly, four times.
FIRST = datetime(2027, 3, 3, 0, 0, tzinfo=UTC)
WEEK = timedelta(days=7)


@pytest.fixture
def series(sqlite_database: Database) -> str:
    """A weekly call with Washington's Bank staff across the US clock change; the third
    meeting moved a day later, the fourth cancelled."""
    with sqlite_database.transaction() as session:
        bank = Delegation(name="Bank urban team", country="US", zone="America/New_York")
        call = Event(
            title="Weekly call",
            start_utc=FIRST,
            end_utc=FIRST + timedelta(hours=1),
            delegations=[bank],
            recurrence_rule="FREQ=WEEKLY;COUNT=4",
        )
        call.changes = [
            OccurrenceOverride(
                recurrence_id=FIRST + 2 * WEEK,
                start_utc=FIRST + 2 * WEEK + timedelta(days=1),
                end_utc=FIRST + 2 * WEEK + timedelta(days=1, hours=1),
            ),
            OccurrenceOverride(recurrence_id=FIRST + 3 * WEEK, cancelled=True),
        ]
        session.add_all([bank, call])
        session.flush()
        return call.uid


def test_each_meeting_reads_on_its_own_date(sqlite_database: Database, series: str) -> None:
    meetings = read_event_local_times(sqlite_database, series, every=True).meetings
    bank_clocks = [
        next(row for row in meeting.rows if row.attendee.name == "Bank urban team").start
        for meeting in meetings
    ]
    assert [clock.abbreviation for clock in bank_clocks] == ["EST", "EST", "EDT"]
    assert [clock.local.hour for clock in bank_clocks] == [19, 19, 20]
    later = read_local_times(sqlite_database, series, FIRST + WEEK)
    assert later == meetings[1]
    assert later.recurrence_id == later.start == FIRST + WEEK
    assert later.event.title == "Weekly call"
    assert later.event.is_series


def test_a_moved_meeting_answers_to_its_rule_start_its_new_start_and_its_date(
    sqlite_database: Database, series: str
) -> None:
    moved = FIRST + 2 * WEEK + timedelta(days=1)
    by_rule = read_local_times(sqlite_database, series, FIRST + 2 * WEEK)
    by_start = read_local_times(sqlite_database, series, moved)
    by_date = read_local_times(sqlite_database, series, date(2027, 3, 18))
    by_old_date = read_local_times(sqlite_database, series, date(2027, 3, 17))
    assert by_rule == by_start == by_date == by_old_date
    assert (by_rule.start, by_rule.recurrence_id) == (moved, FIRST + 2 * WEEK)


def test_a_cancelled_meeting_is_not_there(sqlite_database: Database, series: str) -> None:
    with pytest.raises(NoSuchMeetingError) as refused:
        read_local_times(sqlite_database, series, date(2027, 3, 24))
    assert str(refused.value) == (
        "The meeting of 'Weekly call' on Wed 24 Mar 2027 (Tokyo time) is cancelled."
    )
    with pytest.raises(NoSuchMeetingError) as refused:
        read_local_times(sqlite_database, series, FIRST + 3 * WEEK)  # its instant too
    assert str(refused.value).endswith("is cancelled.")
    with pytest.raises(NoSuchMeetingError) as refused:
        read_local_times(sqlite_database, series, date(2027, 3, 25))
    assert str(refused.value) == (
        "'Weekly call' has no meeting on Thu 25 Mar 2027 (Tokyo time); its meetings: "
        "03 Mar 2027, 10 Mar 2027, 18 Mar 2027."
    )
    assert len(read_event_local_times(sqlite_database, series, every=True).meetings) == 3


def test_an_instant_without_its_offset_is_refused(sqlite_database: Database, series: str) -> None:
    with pytest.raises(SchedulerError, match="needs a UTC offset"):
        read_local_times(sqlite_database, series, datetime(2027, 3, 3, 9, 0))


def test_a_series_with_every_meeting_cancelled_has_no_local_times(
    sqlite_database: Database,
) -> None:
    with sqlite_database.transaction() as session:
        call = Event(
            title="Called off",
            start_utc=FIRST,
            end_utc=FIRST + timedelta(hours=1),
            recurrence_rule="FREQ=WEEKLY;COUNT=2",
        )
        call.changes = [
            OccurrenceOverride(recurrence_id=FIRST, cancelled=True),
            OccurrenceOverride(recurrence_id=FIRST + WEEK, cancelled=True),
        ]
        session.add(call)
        session.flush()
        uid = call.uid
    assert read_event_local_times(sqlite_database, uid).meetings == ()
    with pytest.raises(NoSuchMeetingError, match="Every meeting of 'Called off' is cancelled"):
        read_local_times(sqlite_database, uid)
