"""events_between: what overlaps a window, series judged by their occurrences."""

from __future__ import annotations

from datetime import UTC, datetime

from cpp_scheduler.model import Delegation, Event, EventMode, OccurrenceOverride
from cpp_scheduler.services.queries import events_between
from cpp_scheduler.store import Database


def _at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def _program(database: Database) -> None:
    with database.transaction() as session:
        lima = Delegation(name="Lima", country="PE", zone="America/Lima")
        session.add_all(
            [
                Event(
                    title="Morning briefing",
                    start_utc=_at("2027-03-01T00:00"),
                    end_utc=_at("2027-03-01T01:00"),
                    delegations=[lima],
                ),
                Event(
                    title="Late session",
                    start_utc=_at("2027-03-01T23:00"),
                    end_utc=_at("2027-03-02T01:00"),
                ),
                Event(
                    title="April visit",
                    start_utc=_at("2027-04-10T01:00"),
                    end_utc=_at("2027-04-10T03:00"),
                ),
            ]
        )
        series = Event(
            title="Monthly call",
            mode=EventMode.VIRTUAL,
            start_utc=_at("2027-01-13T08:00"),
            end_utc=_at("2027-01-13T09:00"),
            recurrence_rule="FREQ=MONTHLY;COUNT=6;BYDAY=2WE",
        )
        series.changes = [OccurrenceOverride(recurrence_id=_at("2027-05-12T08:00"), cancelled=True)]
        session.add(series)


def test_a_window_finds_what_overlaps_it(database: Database) -> None:
    _program(database)
    with database.session() as session:
        found = events_between(session, _at("2027-03-01T00:30"), _at("2027-03-02T00:00"))
        assert [event.title for event in found] == ["Morning briefing", "Late session"]
        assert [d.name for d in found[0].delegations] == ["Lima"]


def test_a_series_is_found_by_any_of_its_occurrences(database: Database) -> None:
    _program(database)
    with database.session() as session:
        june = events_between(session, _at("2027-06-01T00:00"), _at("2027-07-01T00:00"))
        assert [event.title for event in june] == ["Monthly call"]
        # The May meeting is cancelled, so a window holding only it finds nothing.
        may = events_between(session, _at("2027-05-12T00:00"), _at("2027-05-13T00:00"))
        assert may == []


def test_open_ends(database: Database) -> None:
    _program(database)
    with database.session() as session:
        assert len(events_between(session, None, None)) == 4
        after = events_between(session, _at("2027-04-01T00:00"), None)
        assert [event.title for event in after] == ["Monthly call", "April visit"]
        before = events_between(session, None, _at("2027-01-14T00:00"))
        assert [event.title for event in before] == ["Monthly call"]
