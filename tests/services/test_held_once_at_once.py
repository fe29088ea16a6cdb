"""Two colleagues saving one name at the same moment, in other capitals or with a space
around it: the database keeps one, and the other is refused in the words the program's
own check uses.

The program's check reads what the other records hold before the save writes; two saves
that both read before either wrote would both pass it. Each test stops both saves just
after that read, until both have made it, then lets them write: on each backend, one is
saved and the other refused, and the database holds the value once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, select

from cpp_scheduler.errors import SchedulerError
from cpp_scheduler.model import Delegation, Participant, PartnerCity, ThematicArea, TravelTime
from cpp_scheduler.model.enums import TravelMode
from cpp_scheduler.programfile import export_program, import_program
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database, DuplicateValueError, open_database
from tests.conftest import NewProgram

LIMA = {"name": "Lima housing", "country": "PE", "zone": "America/Lima"}

TWINS: dict[str, tuple[type, dict[str, Any], dict[str, Any]]] = {
    "delegation": (Delegation, LIMA, {**LIMA, "name": "lima HOUSING "}),
    "participant": (
        Participant,
        {"name": "Ana Quispe", "email": "ana@example.pe"},
        {"name": "Ana Q.", "email": "ANA@Example.PE"},
    ),
    "partner city": (PartnerCity, {"name": "Sendai"}, {"name": " sendai"}),
    "theme": (
        ThematicArea,
        {"name": "Water supply", "code": "water"},
        {"name": "Drinking water", "code": "Water"},
    ),
    "route": (
        TravelTime,
        {"origin": "Sendai", "destination": "Tokyo", "mode": TravelMode.RAIL, "minutes": 95},
        {"origin": "tokyo", "destination": "SENDAI", "mode": TravelMode.RAIL, "minutes": 90},
    ),
}


def _after_the_check(database: Database, table: str, both_read: threading.Barrier) -> None:
    """Stop ``database``'s save after its first read of ``table`` (the check of values
    held once) until the other save has read too."""
    read = threading.Event()

    def after(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        reading = statement.lstrip().upper().startswith("SELECT")
        if not read.is_set() and reading and f"FROM {table}" in statement:
            read.set()
            both_read.wait()

    event.listen(database.engine, "after_cursor_execute", after)


def _both_at_once(url: str, table: str, saves: list[Callable[[Database], object]]) -> list[str]:
    """Run the saves at once, each on a database of its own, both past the check before
    either writes; what each came to: "saved", or its refusal."""
    databases = [open_database(url, author=f"coordinator {n}") for n in range(len(saves))]
    both_read = threading.Barrier(len(saves), timeout=30)
    outcomes = ["did not end"] * len(saves)

    def run(number: int) -> None:
        try:
            saves[number](databases[number])
            outcomes[number] = "saved"
        except SchedulerError as error:
            outcomes[number] = f"{type(error).__name__}: {error}"

    try:
        for database in databases:
            _after_the_check(database, table, both_read)
        threads = [threading.Thread(target=run, args=(n,)) for n in range(len(saves))]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    finally:
        for database in databases:
            database.close()
    return outcomes


@pytest.mark.parametrize("kind", list(TWINS))
def test_a_value_held_once_saved_twice_at_one_moment_is_saved_once(
    database: Database, database_url: str, kind: str
) -> None:
    entity, first, second = TWINS[kind]
    table = str(entity.__tablename__)

    outcomes = _both_at_once(
        database_url,
        table,
        [
            lambda db: editing.create(db, entity, first),
            lambda db: editing.create(db, entity, second),
        ],
    )

    assert sorted(outcomes)[-1] == "saved", outcomes
    (refusal,) = [outcome for outcome in outcomes if outcome != "saved"]
    # Refused as the program's own check refuses the value once the other is saved.
    loser = second if outcomes[0] == "saved" else first
    with pytest.raises(SchedulerError) as checked:
        editing.create(database, entity, loser)
    assert refusal.split(": ", 1)[1] == str(checked.value)
    assert refusal.startswith(DuplicateValueError.__name__)
    with database.session() as session:
        held = [values for values in (first, second) if _stored(session, entity, values)]
    assert len(held) == 1


def _stored(session: Any, entity: Any, values: dict[str, Any]) -> bool:
    found = select(func.count()).select_from(entity)
    for name, value in values.items():
        found = found.where(getattr(entity, name) == value)
    return bool(session.scalar(found))


def test_a_name_a_program_file_brings_in_at_the_moment_a_colleague_saves_it_is_held_once(
    database: Database, database_url: str, new_program: NewProgram, tmp_path: Path
) -> None:
    """A program file's new delegations are written in bulk, beside the session: the
    database holds their names once as it holds a save's."""
    elsewhere = new_program(tmp_path / "lima.sqlite")
    editing.create(elsewhere, Delegation, LIMA)
    export_program(elsewhere, tmp_path / "lima.json")
    elsewhere.close()

    outcomes = _both_at_once(
        database_url,
        "delegations",
        [
            lambda db: import_program(db, tmp_path / "lima.json"),
            lambda db: editing.create(db, Delegation, {**LIMA, "name": " LIMA housing"}),
        ],
    )

    assert sorted(outcomes)[-1] == "saved", outcomes
    if outcomes[0] == "saved":
        assert outcomes[1] == (
            "DuplicateValueError: delegation ' LIMA housing': A delegation called "
            "'Lima housing' already exists; give this one another name."
        )
    else:
        assert outcomes[0] == (
            "ProgramFileError: lima.json: delegation 'Lima housing': A delegation called "
            "' LIMA housing' already exists; give this one another name."
        )
    with database.session() as session:
        names = session.scalars(select(Delegation.name).where(Delegation.country == "PE")).all()
    assert len(names) == 1
