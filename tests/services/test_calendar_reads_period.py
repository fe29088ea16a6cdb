"""The calendar's first read: only the events that may meet the period on screen."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from cpp_scheduler import i18n
from cpp_scheduler.model import Venue
from cpp_scheduler.services.calendar_reads import load_event_rows
from cpp_scheduler.services.demo import CONFERENCE, SERIES, load_demo
from cpp_scheduler.store import Database


def test_a_period_reads_the_events_overlapping_it_and_every_series(
    sqlite_database: Database,
) -> None:
    load_demo(sqlite_database)
    everything = load_event_rows(sqlite_database)
    conference_week = (datetime(2027, 2, 14, 15, tzinfo=UTC), datetime(2027, 2, 21, 15, tzinfo=UTC))
    shown = load_event_rows(sqlite_database, between=conference_week)
    titles = {row.title for row in shown}
    assert CONFERENCE in titles
    assert SERIES in titles  # a series may meet any week: it comes whole
    start, end = conference_week
    for row in shown:
        assert row.is_series or (row.start_utc < end and row.end_utc > start), row.title
    overlapping = {
        (row.event_id, row.start_utc)
        for row in everything
        if row.start_utc < end and row.end_utc > start
    }
    assert overlapping <= {(row.event_id, row.start_utc) for row in shown}
    assert len(shown) < len(everything)


def test_a_venue_is_named_in_the_programs_language(sqlite_database: Database) -> None:
    """The week's blocks name a venue as the program speaks: 神戸市役所 in Japanese."""
    load_demo(sqlite_database)
    with sqlite_database.session() as session:
        venues = {venue.name: venue.name_ja for venue in session.scalars(select(Venue))}
    english = {row.venue_name for row in load_event_rows(sqlite_database) if row.venue_name}
    assert english <= set(venues)
    i18n.use_language(i18n.JAPANESE)
    try:
        japanese = {row.venue_name for row in load_event_rows(sqlite_database) if row.venue_name}
    finally:
        i18n.use_language(i18n.ENGLISH)
    assert japanese == {venues[name] or name for name in english}
    assert any(venues[name] for name in english)  # some venue had a Japanese name to show
