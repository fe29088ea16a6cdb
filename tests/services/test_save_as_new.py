"""What an editor's work keeps when its record was deleted by a colleague: saved as a
new record, with a new id (and for an event a new calendar UID), its links to records
that still exist kept and those deleted too dropped and named.

Aiko opened the Kobe workshop; Kenji, on his own connection to the same database (each
backend), deletes it and the venue it was held at meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from cpp_scheduler.model import (
    Delegation,
    Event,
    EventKind,
    Participant,
    StudyTour,
    ThematicArea,
    TourDay,
    Venue,
)
from cpp_scheduler.services import editing, removal, series
from cpp_scheduler.services.save_as_new import save_as_new
from cpp_scheduler.store import Database, open_database
from tests.services.stored_records import exists

START = datetime(2027, 1, 12, 1, 0, tzinfo=UTC)
TOUR_DAY = date(2027, 3, 8)


@pytest.fixture
def aiko(database: Database, database_url: str) -> Iterator[Database]:
    store = open_database(database_url, author="Aiko")
    yield store
    store.close()


@pytest.fixture
def kenji(database: Database, database_url: str) -> Iterator[Database]:
    store = open_database(database_url, author="Kenji")
    yield store
    store.close()


def _program(database: Database) -> tuple[str, str, str, str]:
    """The Kobe workshop at Kobe City Hall for the Lima delegation: its id, the venue's,
    the delegation's and a theme's."""
    venue = editing.create(database, Venue, {"name": "Kobe City Hall", "locality": "Kobe"})
    lima = editing.create(
        database, Delegation, {"name": "Lima housing", "country": "PE", "zone": "America/Lima"}
    )
    with database.session() as session:
        theme = str(session.query(ThematicArea.id).order_by(ThematicArea.id).first()[0])  # type: ignore[index]
    event = editing.create(
        database,
        Event,
        {
            "title": "Kobe DRR workshop",
            "start_utc": START,
            "end_utc": START + timedelta(hours=2),
            "venue_id": venue,
            "delegation_ids": [lima],
            "theme_ids": [theme],
        },
    )
    return event, venue, lima, theme


def test_an_event_deleted_with_its_venue_is_saved_anew_with_what_still_exists(
    aiko: Database, kenji: Database
) -> None:
    event, venue, lima, theme = _program(aiko)
    opened = editing.stored(aiko, Event, event)
    with aiko.session() as session:
        old_uid = session.get(Event, event).uid  # type: ignore[union-attr]
    typed = {**opened.values, "title": "Kobe DRR clinic", "notes": "Bring the hazard maps"}

    removal.delete(kenji, Event, event)
    removal.delete(kenji, Venue, venue)

    saved = save_as_new(aiko, Event, typed)

    assert saved.record_id != event
    assert not exists(aiko, Event, event)  # Kenji's deletion stands
    kept = editing.stored(aiko, Event, saved.record_id)
    assert kept.values["title"] == "Kobe DRR clinic"
    assert kept.values["notes"] == "Bring the hazard maps"
    assert kept.values["delegation_ids"] == [lima]
    assert kept.values["theme_ids"] == [theme]
    assert kept.values["venue_id"] is None
    with aiko.session() as session:
        new = session.get(Event, saved.record_id)
        assert new is not None
        assert new.uid != old_uid  # a new invitation, never an update of a cancelled one
        assert new.sequence == 0
    assert [(item.key, item.record_id) for item in saved.dropped] == [("venue_id", venue)]
    assert saved.dropped_text() == "left out what was deleted since: venue 'Kobe City Hall'"


def test_a_participant_whose_delegation_went_too_is_kept_without_it(
    aiko: Database, kenji: Database
) -> None:
    lima = editing.create(
        aiko, Delegation, {"name": "Lima housing", "country": "PE", "zone": "America/Lima"}
    )
    rosa = editing.create(
        aiko,
        Participant,
        {"name": "Rosa Quispe", "email": "rosa.quispe@example.org", "delegation_id": lima},
    )
    typed = {**editing.stored(aiko, Participant, rosa).values, "organisation": "MVCS"}

    removal.delete(kenji, Participant, rosa)
    removal.delete(kenji, Delegation, lima)

    saved = save_as_new(aiko, Participant, typed)
    kept = editing.stored(aiko, Participant, saved.record_id)
    assert (kept.values["email"], kept.values["organisation"]) == (
        "rosa.quispe@example.org",
        "MVCS",
    )
    assert kept.values["delegation_id"] is None
    assert saved.dropped_text() == "left out what was deleted since: delegation 'Lima housing'"


def _tour_activity(database: Database) -> tuple[str, str, str]:
    """The Lima delegation's study tour, its day of Monday 8 March 2027 holding the
    Kitakyushu eco-town visit: the visit's id, the day's and the delegation's."""
    lima = editing.create(
        database,
        Delegation,
        {
            "name": "Lima housing",
            "country": "PE",
            "zone": "America/Lima",
            "arrival": TOUR_DAY - timedelta(days=1),
            "departure": TOUR_DAY + timedelta(days=3),
        },
    )
    tour = editing.create(
        database,
        StudyTour,
        {
            "title": "Peru study tour",
            "delegation_id": lima,
            "start_date": TOUR_DAY,
            "end_date": TOUR_DAY + timedelta(days=2),
        },
    )
    day = editing.create(
        database, TourDay, {"tour_id": tour, "day": TOUR_DAY, "title": "Kitakyushu"}
    )
    start = datetime(2027, 3, 8, 1, 0, tzinfo=UTC)
    visit = editing.create(
        database,
        Event,
        {
            "title": "Eco-town visit",
            "kind": EventKind.SITE_VISIT,
            "start_utc": start,
            "end_utc": start + timedelta(hours=2),
            "tour_day_id": day,
            "delegation_ids": [lima],
        },
    )
    return visit, day, lima


def _as_the_editor_holds_it(database: Database, event: str) -> dict[str, Any]:
    """The visit's values as the event editor holds them: the editor shows no tour day."""
    values = dict(editing.stored(database, Event, event).values)
    del values["tour_day_id"]
    return values


def test_a_tour_activity_saved_anew_stays_on_its_tour_day(aiko: Database, kenji: Database) -> None:
    visit, day, lima = _tour_activity(aiko)
    typed = {**_as_the_editor_holds_it(aiko, visit), "notes": "Meet at the gate"}

    removal.delete(kenji, Event, visit)

    saved = save_as_new(aiko, Event, typed, deleted_id=visit)
    kept = editing.stored(aiko, Event, saved.record_id)
    assert kept.values["tour_day_id"] == day  # still on the tour builder and the itinerary
    assert kept.values["notes"] == "Meet at the gate"
    assert kept.values["delegation_ids"] == [lima]
    assert saved.dropped == ()
    assert saved.dropped_text() is None


def test_a_tour_activity_whose_day_went_too_says_it_is_off_the_tour(
    aiko: Database, kenji: Database
) -> None:
    visit, day, _lima = _tour_activity(aiko)
    typed = _as_the_editor_holds_it(aiko, visit)

    removal.delete(kenji, Event, visit)
    removal.delete(kenji, TourDay, day)

    saved = save_as_new(aiko, Event, typed, deleted_id=visit)
    kept = editing.stored(aiko, Event, saved.record_id)
    assert kept.values["tour_day_id"] is None
    assert [(item.key, item.record_id) for item in saved.dropped] == [("tour_day_id", day)]
    assert saved.dropped_text() == "left out what was deleted since: tour day Mon 08 Mar 2027"


WEEK = timedelta(weeks=1)


def _weekly_with_a_holiday(database: Database) -> tuple[str, datetime, datetime]:
    """The Kobe weekly check-in, six Tuesdays from 12 January 2027 at 10:00 in Tokyo, its
    third meeting cancelled (a holiday) and its second moved to Wednesday 14:00: its id,
    the moved meeting's new start and the cancelled meeting's start."""
    event = editing.create(
        database,
        Event,
        {
            "title": "Kobe weekly check-in",
            "start_utc": START,
            "end_utc": START + timedelta(hours=1),
            "zone": "Asia/Tokyo",
            "recurrence_rule": "FREQ=WEEKLY;COUNT=6",
        },
    )
    holiday = START + 2 * WEEK
    series.cancel_meeting(database, event, holiday, editing.stored(database, Event, event).version)  # type: ignore[arg-type]
    moved_to = START + WEEK + timedelta(days=1, hours=4)
    series.move_meeting(
        database,
        event,
        START + WEEK,
        moved_to,
        moved_to + timedelta(hours=1),
        editing.stored(database, Event, event).version,  # type: ignore[arg-type]
    )
    return event, moved_to, holiday


def _meetings(database: Database, event: str) -> list[tuple[datetime, datetime, bool]]:
    with database.reading() as session:
        found = session.get(Event, event)
        assert found is not None
        return [(item.start, item.end, item.moved) for item in found.occurrences()]


def test_a_series_saved_anew_keeps_its_cancelled_and_moved_meetings(
    aiko: Database, kenji: Database
) -> None:
    event, moved_to, holiday = _weekly_with_a_holiday(aiko)
    typed = {**editing.stored(aiko, Event, event).values, "notes": "Bring the hazard maps"}
    held = _meetings(aiko, event)

    removal.delete(kenji, Event, event)

    saved = save_as_new(aiko, Event, typed, deleted_id=event)
    meetings = _meetings(aiko, saved.record_id)
    assert meetings == held
    assert holiday not in [start for start, _end, _moved in meetings]  # stays cancelled
    assert (moved_to, moved_to + timedelta(hours=1), True) in meetings
    assert len(meetings) == 5
    assert saved.dropped_text() is None

    # One step: taking it back deletes the new series with its meetings.
    removal.delete(aiko, Event, saved.record_id, saved.version, alone=True)
    assert not exists(aiko, Event, saved.record_id)


def test_a_series_saved_anew_with_a_shorter_rule_says_the_meetings_left_out(
    aiko: Database, kenji: Database
) -> None:
    event, moved_to, _holiday = _weekly_with_a_holiday(aiko)
    typed = {**editing.stored(aiko, Event, event).values, "recurrence_rule": "FREQ=WEEKLY;COUNT=2"}

    removal.delete(kenji, Event, event)

    saved = save_as_new(aiko, Event, typed, deleted_id=event)
    assert _meetings(aiko, saved.record_id) == [
        (START, START + timedelta(hours=1), False),
        (moved_to, moved_to + timedelta(hours=1), True),
    ]
    assert saved.dropped_text() == (
        "left out the changes of meetings its rule no longer gives: "
        "the cancelled meeting of Tue 26 Jan 2027"
    )
