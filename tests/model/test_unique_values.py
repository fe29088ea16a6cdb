"""Values a program holds once (a delegation's name, a participant's address, a partner
city's name, a theme's code, a route of the travel-time table), told apart as every list
shows them: without case, without spaces around them, a route whichever way round. The
rule is asked of a value given or changed at every save; a record an older database
holds beside its twin stays savable while that value is left as it is."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import insert, select, update

from cpp_scheduler.model import (
    Delegation,
    Participant,
    PartnerCity,
    ThematicArea,
    TravelMode,
    TravelTime,
    ValidationError,
)
from cpp_scheduler.services import editing
from cpp_scheduler.store import Database

LIMA = {"name": "Lima housing", "country": "PE", "zone": "America/Lima"}


def _refusal(database: Database, entity: type, values: dict[str, Any]) -> str:
    with pytest.raises(ValidationError) as refused:
        editing.create(database, entity, values)
    return str(refused.value)


def test_a_name_differing_only_by_case_or_spaces_is_refused_naming_the_other(
    database: Database,
) -> None:
    editing.create(database, Delegation, LIMA)
    assert _refusal(database, Delegation, {**LIMA, "name": "LIMA HOUSING"}) == (
        "delegation 'LIMA HOUSING': A delegation called 'Lima housing' already exists; "
        "give this one another name."
    )
    assert "called 'Lima housing' already exists" in _refusal(
        database, Delegation, {**LIMA, "name": "Lima housing "}
    )
    with database.session() as session:
        assert session.scalars(select(Delegation.name)).all() == ["Lima housing"]


def test_an_address_differing_only_by_case_is_refused_naming_its_participant(
    database: Database,
) -> None:
    editing.create(database, Participant, {"name": "Ana Quispe", "email": "ana@example.pe"})
    assert _refusal(database, Participant, {"name": "Ana Q.", "email": "Ana@Example.PE"}) == (
        "participant 'Ana Q.': 'ana@example.pe' is already the address of another "
        "participant, 'Ana Quispe'."
    )


def test_a_partner_city_and_a_themes_code_are_held_once_whatever_their_case(
    database: Database,
) -> None:
    assert "Kobe is already a partner city." in _refusal(database, PartnerCity, {"name": "KOBE"})
    editing.create(database, ThematicArea, {"name": "Water supply", "code": "water"})
    assert _refusal(database, ThematicArea, {"name": "Drinking water", "code": "Water"}) == (
        "thematic area 'Drinking water': The code 'water' is already used by another theme, "
        "'Water supply'."
    )


def test_a_route_stored_the_other_way_round_is_the_same_route(database: Database) -> None:
    """The conflict check reads Kobe-Kitakyushu by rail both ways: a second journey the
    other way round would be listed beside it and quietly lose to the faster one."""
    back = {"origin": "kitakyushu", "destination": "Kobe ", "mode": TravelMode.RAIL}
    assert _refusal(database, TravelTime, {**back, "minutes": 100}) == (
        "travel time 'kitakyushu–Kobe  by rail': Kobe–Kitakyushu by rail is already listed: "
        "edit that one."
    )
    editing.create(database, TravelTime, {**back, "mode": TravelMode.AIR, "minutes": 80})


def test_a_themes_code_has_no_spaces(database: Database) -> None:
    assert _refusal(database, ThematicArea, {"name": "Water supply", "code": "water supply"}) == (
        "thematic area 'Water supply': A code has no spaces (compact-city, not 'compact city')."
    )


def test_a_record_stored_beside_its_twin_saves_while_its_value_is_left_alone(
    database: Database,
) -> None:
    """An older database holds two delegations named alike, a route both ways round and
    a theme's code with a space: each saves its other changes; a value changed onto
    another record's is refused, naming that record."""
    kenya = editing.create(
        database, Delegation, {"name": "Kenya: Nairobi", "country": "KE", "zone": "Africa/Nairobi"}
    )
    twin = editing.create(
        database, Delegation, {"name": "Kenya (twin)", "country": "KE", "zone": "Africa/Nairobi"}
    )
    editing.create(database, Delegation, LIMA)
    theme = editing.create(database, ThematicArea, {"name": "Water supply", "code": "water"})
    with database.transaction() as session:  # as an older program left them
        session.execute(
            update(Delegation).where(Delegation.id == twin).values(name="KENYA: NAIROBI")
        )
        session.execute(update(ThematicArea).where(ThematicArea.id == theme).values(code="wa ter"))
        session.execute(
            insert(TravelTime).values(
                origin="Kitakyushu", destination="Kobe", mode=TravelMode.RAIL, minutes=100
            )
        )
        back = session.scalars(select(TravelTime.id).where(TravelTime.origin == "Kitakyushu")).one()

    for delegation in (kenya, twin):
        editing.change(database, Delegation, delegation, {"notes": "Solid waste"}, None)
    editing.change(database, Delegation, kenya, {"name": "kenya: nairobi"}, None)  # the same name
    editing.change(database, ThematicArea, theme, {"name_ja": "上水道"}, None)
    editing.change(database, TravelTime, back, {"minutes": 110}, None)

    with pytest.raises(ValidationError, match="called 'Lima housing' already exists"):
        editing.change(database, Delegation, twin, {"name": "lima HOUSING"}, None)
    with pytest.raises(ValidationError, match="A code has no spaces"):
        editing.change(database, ThematicArea, theme, {"code": "water supply"}, None)
    with pytest.raises(ValidationError, match="Tokyo–Kobe by rail is already listed"):
        editing.change(database, TravelTime, back, {"origin": "TOKYO"}, None)


def test_two_records_swapping_their_names_in_one_save_clash_with_nobody(
    database: Database,
) -> None:
    editing.create(database, Delegation, LIMA)
    editing.create(database, Delegation, {**LIMA, "name": "Cusco housing"})
    with database.transaction() as session:
        lima, cusco = session.scalars(select(Delegation).order_by(Delegation.name.desc())).all()
        lima.name, cusco.name = "Cusco housing (was Lima)", "lima housing"
    with database.session() as session:
        assert sorted(session.scalars(select(Delegation.name))) == [
            "Cusco housing (was Lima)",
            "lima housing",
        ]


def test_a_delegations_languages_are_judged_as_given(database: Database) -> None:
    """A list of languages no coordinator would write is refused when it is given; a
    delegation an older database holds with one saves its other changes."""
    with pytest.raises(ValidationError, match="21 languages listed, more than the 20"):
        editing.create(database, Delegation, {**LIMA, "languages": [f"L{n}" for n in range(21)]})
    lima = editing.create(database, Delegation, LIMA)
    with database.transaction() as session:  # as an older program left it
        session.execute(
            update(Delegation)
            .where(Delegation.id == lima)
            .values(languages=[f"Language {n}" for n in range(25)])
        )

    editing.change(database, Delegation, lima, {"notes": "Interpreters booked"}, None)

    with pytest.raises(ValidationError, match="holds a line break"):
        editing.change(database, Delegation, lima, {"languages": ["Spanish\nQuechua"]}, None)
    kept = editing.stored(database, Delegation, lima).values
    assert (kept["notes"], len(kept["languages"])) == ("Interpreters booked", 25)
