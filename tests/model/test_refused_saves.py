"""A record with a broken rule never reaches the database, whoever saves it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from cpp_scheduler.model import Delegation, Event, Participant, ValidationError
from cpp_scheduler.store import Database

START = datetime(2026, 6, 3, 1, 0, tzinfo=UTC)


def test_an_event_that_ends_before_it_starts_is_not_saved(database: Database) -> None:
    def save() -> None:
        with database.transaction() as session:
            session.add(Participant(name="Ana Quispe", email="ana.quispe@vivienda.gob.pe"))
            session.add(
                Event(title="Kobe workshop", start_utc=START, end_utc=START - timedelta(hours=1))
            )

    with pytest.raises(ValidationError) as caught:
        save()
    assert str(caught.value) == "event 'Kobe workshop': The event must end after it starts."
    assert caught.value.problems[0].field == "end_utc"
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Participant)) == 0
        assert session.scalar(select(func.count()).select_from(Event)) == 0


def test_an_edit_that_breaks_a_rule_leaves_the_stored_record(database: Database) -> None:
    with database.transaction() as session:
        lima = Delegation(name="Lima housing ministry", country="PE", zone="America/Lima")
        session.add(lima)

    def move_to_brazil() -> None:
        with database.transaction() as session:
            stored = session.get(Delegation, lima.id)
            assert stored is not None
            stored.country = "BR"

    with pytest.raises(
        ValidationError,
        match=(
            r"^delegation 'Lima housing ministry': America/Lima is not a time zone of Brazil; "
            r"choose America/Noronha, "
        ),
    ):
        move_to_brazil()
    with database.session() as session:
        assert session.get(Delegation, lima.id).country == "PE"  # type: ignore[union-attr]
