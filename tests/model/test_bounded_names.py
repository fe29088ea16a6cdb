"""A name longer than its column is refused by the record's own rule, in one line that
names the field and both counts, whatever saves it: before, SQLite kept all of it and
PostgreSQL refused the save with "value too long for type character varying(200)"."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sqlalchemy import func, select

from cpp_scheduler.model import Delegation, Participant, ValidationError
from cpp_scheduler.store import Database


def _delegation(name: str) -> Delegation:
    return Delegation(name=name, country="PE", zone="America/Lima")


def _participant(name: str) -> Participant:
    return Participant(name=name, email="ana.quispe@vivienda.gob.pe")


@pytest.mark.parametrize(
    ("make", "entity", "field"),
    [
        (_delegation, Delegation, "delegation's name"),
        (_participant, Participant, "participant's name"),
    ],
)
def test_a_name_longer_than_its_column_is_refused_and_one_that_fits_is_kept_whole(
    database: Database,
    make: Callable[[str], Delegation | Participant],
    entity: type[Delegation | Participant],
    field: str,
) -> None:
    with pytest.raises(ValidationError) as caught, database.transaction() as session:
        session.add(make("N" * 201))
    assert f"{field}: 201 characters, more than the 200 a text may hold" in str(caught.value)
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(entity)) == 0

    with database.transaction() as session:
        session.add(make("N" * 200))
    with database.session() as session:
        assert session.scalars(select(entity.name)).one() == "N" * 200
