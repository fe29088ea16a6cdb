"""The calendar SEQUENCE: it rises when an event's time, place or status changes.

Calendar clients replace their copy of an event only when the SEQUENCE of an update is
higher; a new title alone is not a reschedule and must not make every participant's
calendar ask again. Moving or cancelling one occurrence of a series changes the series.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, object_session

from cpp_scheduler.model import (
    Event,
    EventStatus,
    OccurrenceOverride,
    Participant,
    PartnerCity,
    Venue,
)
from cpp_scheduler.store import Database

START = datetime(2026, 6, 3, 1, 0, tzinfo=UTC)


@pytest.fixture
def event_id(sqlite_database: Database) -> str:
    with sqlite_database.transaction() as session:
        event = Event(
            title="Yokohama smart-city site visit",
            start_utc=START,
            end_utc=START + timedelta(hours=3),
        )
        session.add(event)
    assert event.sequence == 0
    return event.id


def _change(database: Database, event_id: str, edit: Callable[[Event], object]) -> int:
    with database.transaction() as session:
        event = session.get(Event, event_id)
        assert event is not None
        edit(event)
    with database.session() as session:
        stored = session.get(Event, event_id)
        assert stored is not None
        return stored.sequence


def _venue(event: Event) -> None:
    session = _session_of(event)
    event.venue = session.scalars(select(Venue).order_by(Venue.name)).first()


def _city(event: Event) -> None:
    session = _session_of(event)
    event.city = session.scalars(select(PartnerCity).where(PartnerCity.name == "Yokohama")).one()


def _session_of(event: Event) -> Session:
    session = object_session(event)
    assert session is not None
    return session


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(
            lambda e: setattr(e, "start_utc", START - timedelta(hours=1)), id="earlier-start"
        ),
        pytest.param(lambda e: setattr(e, "end_utc", START + timedelta(hours=4)), id="longer"),
        pytest.param(lambda e: setattr(e, "zone", "Asia/Seoul"), id="zone"),
        pytest.param(lambda e: setattr(e, "status", EventStatus.CANCELLED), id="cancelled"),
        pytest.param(lambda e: setattr(e, "status", EventStatus.CONFIRMED), id="confirmed"),
        pytest.param(
            lambda e: setattr(e, "recurrence_rule", "FREQ=WEEKLY;COUNT=3"), id="made-a-series"
        ),
        pytest.param(_venue, id="venue"),
        pytest.param(_city, id="city"),
    ],
)
def test_a_change_of_time_place_or_status_raises_the_sequence(
    sqlite_database: Database, event_id: str, edit: Callable[[Event], object]
) -> None:
    assert _change(sqlite_database, event_id, edit) == 1


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(lambda e: setattr(e, "title", "Yokohama smart-city tour"), id="title"),
        pytest.param(lambda e: setattr(e, "description", "Minato Mirai 21"), id="agenda"),
        pytest.param(lambda e: setattr(e, "notes", "book the bus"), id="notes"),
        pytest.param(
            lambda e: e.participants.append(
                Participant(name="Ana Quispe", email="ana.quispe@vivienda.gob.pe")
            ),
            id="participant-added",
        ),
    ],
)
def test_other_changes_keep_the_sequence(
    sqlite_database: Database, event_id: str, edit: Callable[[Event], object]
) -> None:
    assert _change(sqlite_database, event_id, edit) == 0


def test_several_changes_in_one_save_count_once(sqlite_database: Database, event_id: str) -> None:
    def reschedule(event: Event) -> None:
        event.start_utc += timedelta(days=1)
        event.end_utc += timedelta(days=1)
        event.status = EventStatus.CONFIRMED

    assert _change(sqlite_database, event_id, reschedule) == 1
    assert _change(sqlite_database, event_id, reschedule) == 2


def test_moving_or_cancelling_one_occurrence_raises_the_series_sequence(
    sqlite_database: Database,
) -> None:
    with sqlite_database.transaction() as session:
        series = Event(
            title="Monthly peer exchange",
            start_utc=START,
            end_utc=START + timedelta(hours=1),
            zone="America/Santiago",
            recurrence_rule="FREQ=MONTHLY;COUNT=6",
        )
        session.add(series)
        second, third = (o.start for o in series.occurrences()[1:3])

    def move_second(event: Event) -> None:
        event.changes.append(
            OccurrenceOverride(
                recurrence_id=second,
                start_utc=second + timedelta(days=2),
                end_utc=second + timedelta(days=2, hours=1),
            )
        )

    def cancel_third(event: Event) -> None:
        event.changes.append(OccurrenceOverride(recurrence_id=third, cancelled=True))

    def move_second_again(event: Event) -> None:
        change = next(c for c in event.changes if c.recurrence_id == second)
        change.start_utc = second + timedelta(days=3)
        change.end_utc = second + timedelta(days=3, hours=1)

    def restore_third(event: Event) -> None:
        event.changes.remove(next(c for c in event.changes if c.recurrence_id == third))

    assert _change(sqlite_database, series.id, move_second) == 1
    assert _change(sqlite_database, series.id, cancel_third) == 2
    assert _change(sqlite_database, series.id, move_second_again) == 3
    assert _change(sqlite_database, series.id, restore_third) == 4


def test_a_new_series_with_its_changes_starts_at_zero(sqlite_database: Database) -> None:
    with sqlite_database.transaction() as session:
        series = Event(
            title="Monthly peer exchange",
            start_utc=START,
            end_utc=START + timedelta(hours=1),
            recurrence_rule="FREQ=MONTHLY;COUNT=3",
        )
        series.changes.append(OccurrenceOverride(recurrence_id=START, cancelled=True))
        session.add(series)
    with sqlite_database.session() as session:
        assert session.get(Event, series.id).sequence == 0  # type: ignore[union-attr]
