"""A program file that gives a value the program holds once (a delegation's name, a
participant's address, a theme's code, a route of the travel-time table) to a second
record, however it is cased or spaced or whichever way round a route runs, is refused in
one line naming both records, and nothing is written; a program an older database holds
in breach goes out and back in unchanged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, insert, select, update

from cpp_scheduler.model import Delegation, Participant, ThematicArea, TravelMode, TravelTime
from cpp_scheduler.programfile import ProgramFileError, export_program, import_program
from cpp_scheduler.services import editing
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.store import Database

NEW_ID = "00000000-0000-4000-8000-000000000001"


@pytest.fixture
def program(database: Database, tmp_path: Path) -> dict[str, Any]:
    """The demo program as its file holds it."""
    load_demo(database)
    path = tmp_path / "demo.json"
    export_program(database, path)
    document: dict[str, Any] = json.loads(path.read_text("utf-8"))
    return document


def _import(database: Database, document: dict[str, Any], path: Path) -> str:
    path.write_text(json.dumps(document), "utf-8")
    with pytest.raises(ProgramFileError) as refused:
        import_program(database, path)
    return str(refused.value)


def _count(database: Database, entity: type) -> int:
    with database.session() as session:
        return int(session.scalar(select(func.count()).select_from(entity)) or 0)


def test_a_route_given_again_the_other_way_round_is_refused_naming_both(
    database: Database, program: dict[str, Any], tmp_path: Path
) -> None:
    (forth,) = [
        route
        for route in program["travel_times"]
        if (route["origin"], route["destination"], route["mode"]) == ("Kobe", "Kitakyushu", "rail")
    ]
    back = {**forth, "id": NEW_ID, "origin": "Kitakyushu", "destination": "Kobe", "minutes": 90}
    program["travel_times"].append(back)
    routes = _count(database, TravelTime)

    assert _import(database, program, tmp_path / "p2.json") == (
        f"p2.json: travel time 'Kitakyushu–Kobe by rail' (id {NEW_ID}): destination: "
        "Kobe–Kitakyushu by rail is already listed: edit that one. The other is travel "
        f"time 'Kobe–Kitakyushu by rail' (id {forth['id']}), in the file."
    )
    assert _count(database, TravelTime) == routes


def test_a_delegation_named_as_one_of_the_database_but_in_capitals_is_refused(
    database: Database, program: dict[str, Any], tmp_path: Path
) -> None:
    """The file leaves the stored delegation out: it stays in the database, which is
    where the other record is."""
    kenya = next(d for d in program["delegations"] if d["name"] == "Kenya: Nairobi City County")
    program["delegations"].remove(kenya)
    program["delegations"].append({**kenya, "id": NEW_ID, "name": "KENYA: NAIROBI CITY COUNTY"})
    delegations = _count(database, Delegation)

    assert _import(database, program, tmp_path / "p2.json") == (
        f"p2.json: delegation 'KENYA: NAIROBI CITY COUNTY' (id {NEW_ID}): name: A delegation "
        "called 'Kenya: Nairobi City County' already exists; give this one another name. The "
        f"other is delegation 'Kenya: Nairobi City County' (id {kenya['id']}), in the database."
    )
    assert _count(database, Delegation) == delegations


def test_an_address_given_twice_by_case_and_a_code_with_a_space_are_refused(
    database: Database, program: dict[str, Any], tmp_path: Path
) -> None:
    person = program["participants"][0]
    program["participants"].append(
        {**person, "id": NEW_ID, "name": "Someone else", "email": person["email"].upper()}
    )
    message = _import(database, program, tmp_path / "people.json")
    assert message.startswith(f"people.json: participant 'Someone else' (id {NEW_ID}): email: ")
    assert message.endswith(
        f"is already the address of another participant, '{person['name']}'. The other is "
        f"participant '{person['name']}' (id {person['id']}), in the file."
    )

    program["participants"].pop()
    program["themes"][0]["code"] = "water supply"
    message = _import(database, program, tmp_path / "themes.json")
    assert message.endswith(": code: A code has no spaces (compact-city, not 'compact city').")
    assert _count(database, Participant) == len(program["participants"])


def test_a_program_stored_in_breach_goes_out_and_back_in_unchanged(
    database: Database, tmp_path: Path
) -> None:
    """An older program's database holds two delegations named alike, a route both ways
    and a theme's code with a space: its own file imports again, changing nothing, and a
    change the file makes elsewhere is taken."""
    lima = {"name": "Lima housing", "country": "PE", "zone": "America/Lima"}
    editing.create(database, Delegation, lima)
    twin = editing.create(database, Delegation, {**lima, "name": "Lima (twin)"})
    with database.transaction() as session:  # as an older program left them
        session.execute(update(Delegation).where(Delegation.id == twin).values(name="LIMA HOUSING"))
        session.execute(
            update(ThematicArea)
            .where(ThematicArea.code == "compact-city")
            .values(code="compact city")
        )
        session.execute(
            insert(TravelTime).values(
                origin="Kitakyushu", destination="Kobe", mode=TravelMode.RAIL, minutes=100
            )
        )
    path = tmp_path / "older.json"
    export_program(database, path)

    assert not import_program(database, path).changed

    document = json.loads(path.read_text("utf-8"))
    for delegation in document["delegations"]:
        delegation["notes"] = "Housing and sanitation"
    path.write_text(json.dumps(document), "utf-8")
    assert len(import_program(database, path).of("delegation").updated) == 2
