"""Two coordinators open the same record and both save: the second save is refused.

Each entity's ``version`` column makes SQLAlchemy add ``WHERE version = <seen>`` to its
UPDATE and DELETE; the store turns the resulting failure into a message naming the
record, and nothing of the refused save reaches the database.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from cpp_scheduler.model import Event, Participant, Venue
from cpp_scheduler.store import ConcurrentEditError, Database, StoreError

START = datetime(2026, 6, 3, 0, 0, tzinfo=UTC)


def _saved_event(database: Database, title: str = "Kobe resilience workshop") -> str:
    with database.transaction() as session:
        event = Event(title=title, start_utc=START, end_utc=START + timedelta(hours=2))
        session.add(event)
    return event.id


def test_second_save_of_the_same_event_is_refused(database: Database) -> None:
    event_id = _saved_event(database)
    with database.session() as first, database.session() as second:
        mine = first.get(Event, event_id)
        theirs = second.get(Event, event_id)
        assert mine is not None
        assert theirs is not None
        theirs.end_utc = START + timedelta(hours=3)
        second.commit()

        mine.description = "Agenda: site visit to the Port of Kobe"
        with pytest.raises(ConcurrentEditError) as caught:
            first.commit()

    assert isinstance(caught.value, StoreError)
    assert str(caught.value) == (
        "event 'Kobe resilience workshop' was changed by someone else since you opened it; "
        "reload it and apply your change again"
    )
    with database.session() as check:
        stored = check.get(Event, event_id)
        assert stored is not None
        assert stored.end_utc == START + timedelta(hours=3)
        assert stored.description == ""


def test_transaction_rolls_back_everything_when_one_record_is_stale(database: Database) -> None:
    event_id = _saved_event(database)
    with database.session() as session:
        stale = session.get(Event, event_id)
        assert stale is not None
        session.expunge(stale)
    with database.transaction() as colleague:
        fresh = colleague.get(Event, event_id)
        assert fresh is not None
        fresh.title = "Kobe resilience workshop (day 1)"

    def save_over_it() -> None:
        with database.transaction() as session:
            session.add(Participant(name="Ana Quispe", email="ana.quispe@vivienda.gob.pe"))
            merged = session.merge(stale, load=False)
            merged.notes = "bring the hazard maps"

    with pytest.raises(ConcurrentEditError, match="changed by someone else"):
        save_over_it()

    with database.session() as check:
        assert check.scalars(select(Participant)).all() == []
        stored = check.get(Event, event_id)
        assert stored is not None
        assert stored.title == "Kobe resilience workshop (day 1)"
        assert stored.notes == ""


def test_saving_a_record_someone_deleted_says_so(database: Database) -> None:
    with database.session() as first, database.session() as second:
        venue = first.scalars(select(Venue).order_by(Venue.name)).first()
        assert venue is not None
        name = venue.name
        gone = second.get(Venue, venue.id)
        second.delete(gone)
        second.commit()

        venue.capacity += 7
        with pytest.raises(ConcurrentEditError) as caught:
            first.commit()
    assert str(caught.value) == (
        f"venue '{name}' was deleted by someone else since you opened it; your change was not saved"
    )


def test_deleting_a_record_someone_changed_is_refused(database: Database) -> None:
    event_id = _saved_event(database)
    with database.session() as first, database.session() as second:
        mine = first.get(Event, event_id)
        theirs = second.get(Event, event_id)
        theirs.title = "Kobe resilience workshop, moved"  # type: ignore[union-attr]
        second.commit()
        first.delete(mine)
        with pytest.raises(ConcurrentEditError, match=r"^event 'Kobe resilience workshop' was"):
            first.commit()
    with database.session() as check:
        assert check.get(Event, event_id) is not None


def test_saves_one_after_another_both_land(database: Database) -> None:
    event_id = _saved_event(database)
    for title in ("First title", "Second title"):
        with database.transaction() as session:
            event = session.get(Event, event_id)
            assert event is not None
            event.title = title
    with database.session() as check:
        stored = check.get(Event, event_id)
        assert stored is not None
        assert (stored.title, stored.version) == ("Second title", 3)
