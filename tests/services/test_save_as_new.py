"""What an editor's work keeps when its record was deleted by a colleague: saved as a
new record, with a new id (and for an event a new calendar UID), its links to records
that still exist kept and those deleted too dropped and named.

Aiko opened the Kobe workshop; Kenji, on his own connection to the same database (each
backend), deletes it and the venue it was held at meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest

from cpp_scheduler.model import Delegation, Event, Participant, ThematicArea, Venue
from cpp_scheduler.services import editing, removal
from cpp_scheduler.services.save_as_new import save_as_new
from cpp_scheduler.store import Database, open_database
from tests.services.stored_records import exists

START = datetime(2027, 1, 12, 1, 0, tzinfo=UTC)


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
