"""A series planned by Find a time, stored as the window stores it (one event with its
rule and a change per meeting planned elsewhere), holds exactly the planned meetings,
each change named by its own window's date, and the Conflicts check finds nothing."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from cpp_scheduler import timezones
from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    EventMode,
    EventStatus,
    OccurrenceOverride,
)
from cpp_scheduler.scheduling.conflicts import Severity
from cpp_scheduler.services import checking, editing
from cpp_scheduler.services.slot_search import SlotAnswer, SlotSearch, search_slots, series_layout
from cpp_scheduler.store import Database

HOUR = timedelta(hours=1)


def _nairobi_away(database: Database, first: datetime, days: int) -> str:
    nairobi = editing.create(
        database, Delegation, {"name": "Nairobi", "country": "KE", "zone": "Africa/Nairobi"}
    )
    editing.create(
        database,
        Event,
        {
            "title": "Nairobi retreat",
            "kind": EventKind.WORKSHOP,
            "mode": EventMode.VIRTUAL,
            "status": EventStatus.CONFIRMED,
            "zone": "Asia/Tokyo",
            "start_utc": first,
            "end_utc": first + timedelta(days=days),
            "delegation_ids": [nairobi],
        },
    )
    return nairobi


def _store(database: Database, answer: SlotAnswer) -> tuple[str, list[datetime]]:
    """The series as the window creates it; its id and its changes' recurrence ids."""
    layout = series_layout(answer)
    assert layout is not None
    values: dict[str, Any] = {
        "title": "Series",
        "kind": EventKind.VIDEOCONFERENCE,
        "mode": EventMode.VIRTUAL,
        "status": EventStatus.TENTATIVE,
        "zone": answer.search.zone,
        "start_utc": layout.start,
        "end_utc": layout.end,
        "recurrence_rule": layout.rule,
        "video_link": "https://meet.example.org/series",
        "delegation_ids": [a.id for a in answer.attendees],
    }
    series = editing.create(database, Event, values)
    for change in layout.changes:
        moved: dict[str, Any] = {
            "event_id": series,
            "recurrence_id": change.recurrence_id,
            "cancelled": change.slot is None,
        }
        if change.slot is not None:
            moved.update(start_utc=change.slot.start, end_utc=change.slot.end)
        editing.create(database, OccurrenceOverride, moved)
    return series, [change.recurrence_id for change in layout.changes]


def _meetings(database: Database, series: str) -> list[datetime]:
    with database.session() as session:
        event = session.get(Event, series)
        assert event is not None
        return [o.start for o in event.occurrences()]  # a cancelled meeting is none


def _tokyo_day(moment: datetime) -> date:
    return timezones.to_local(moment, timezones.TOKYO).date()


def test_a_weekly_series_over_two_weeks_is_stored_without_two_meetings_at_once(
    database: Database,
) -> None:
    nairobi = _nairobi_away(database, datetime(2027, 1, 17, 15, tzinfo=UTC), 8)
    answer = search_slots(
        database,
        SlotSearch(
            (nairobi,), HOUR, date(2027, 1, 18), date(2027, 1, 31), repeat="FREQ=WEEKLY;COUNT=3"
        ),
    )
    assert answer.plan is not None
    series, _ids = _store(database, answer)

    meetings = _meetings(database, series)
    assert len(meetings) == len(set(meetings))
    assert meetings == [slot.start for slot in answer.plan.slots if slot is not None]
    errors = [c for c in checking.check_program(database) if c.severity is Severity.ERROR]
    assert errors == []


def test_each_stored_change_is_named_by_its_own_windows_date(database: Database) -> None:
    # Nairobi is taken 25-28 January: the plan's first meeting is on the 29th, and its
    # second in February's window, which has no 29th.
    nairobi = _nairobi_away(database, datetime(2027, 1, 24, 15, tzinfo=UTC), 4)
    answer = search_slots(
        database,
        SlotSearch(
            (nairobi,), HOUR, date(2027, 1, 25), date(2027, 1, 29), repeat="FREQ=MONTHLY;COUNT=3"
        ),
    )
    assert answer.plan is not None
    series, recurrence_ids = _store(database, answer)

    windows = answer.windows
    for recurrence_id in recurrence_ids:
        assert any(first <= _tokyo_day(recurrence_id) <= last for first, last in windows)
    with database.session() as session:
        event = session.get(Event, series)
        assert event is not None
        for occurrence in event.occurrences():
            own = [w for w in windows if w[0] <= _tokyo_day(occurrence.recurrence_id) <= w[1]]
            assert len(own) == 1
            assert own[0][0] <= _tokyo_day(occurrence.start) <= own[0][1]
    assert _meetings(database, series) == [s.start for s in answer.plan.slots if s is not None]


def test_every_month_from_the_31st_is_stored_one_meeting_a_month(database: Database) -> None:
    kenya = editing.create(
        database, Delegation, {"name": "Kenya", "country": "KE", "zone": "Africa/Nairobi"}
    )
    answer = search_slots(
        database,
        SlotSearch(
            (kenya,), HOUR, date(2027, 5, 31), date(2027, 6, 4), repeat="FREQ=MONTHLY;COUNT=4"
        ),
    )
    assert answer.plan is not None
    series, _ids = _store(database, answer)
    with database.session() as session:
        event = session.get(Event, series)
        assert event is not None
        named = [_tokyo_day(o.recurrence_id) for o in event.occurrences()]
    assert named == [date(2027, 5, 31), date(2027, 6, 30), date(2027, 7, 31), date(2027, 8, 31)]
    assert _meetings(database, series) == [s.start for s in answer.plan.slots if s is not None]
