"""Putting back a deleted record whose value a colleague has given another record since,
in other capitals or the other way round: refused as a save of that value is refused,
naming the value and the record holding it, with nothing put back."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from cpp_scheduler.model import Delegation, Participant, PartnerCity, ThematicArea, TravelTime
from cpp_scheduler.model.enums import TravelMode
from cpp_scheduler.services import editing, removal
from cpp_scheduler.store import Database, DuplicateValueError


def test_a_participant_whose_address_a_colleague_gave_in_capitals_is_not_put_back(
    database: Database,
) -> None:
    ana = editing.create(database, Participant, {"name": "Ana Quispe", "email": "ana@example.pe"})
    deleted = removal.delete(database, Participant, ana)
    editing.create(database, Participant, {"name": "Ravi Menon", "email": "ANA@Example.PE"})

    with pytest.raises(DuplicateValueError) as refused:
        removal.restore(database, Participant, deleted.snapshot)

    assert str(refused.value) == (
        "the participant 'Ana Quispe' cannot be put back: 'ANA@Example.PE' is now used by "
        f"another participant, 'Ravi Menon', in {database.name}"
    )
    with database.session() as session:
        addresses = session.scalars(
            select(Participant.email).where(func.lower(Participant.email) == "ana@example.pe")
        ).all()
        assert addresses == ["ANA@Example.PE"]
        assert session.get(Participant, ana) is None


def test_a_participant_taken_back_exactly_names_who_holds_the_address_now(
    database: Database,
) -> None:
    """The same address to the letter: refused by the same rule, in the same words."""
    ana = editing.create(database, Participant, {"name": "Ana Quispe", "email": "ana@example.pe"})
    deleted = removal.delete(database, Participant, ana)
    editing.create(database, Participant, {"name": "Ravi Menon", "email": "ana@example.pe"})

    with pytest.raises(DuplicateValueError) as refused:
        removal.restore(database, Participant, deleted.snapshot)

    assert str(refused.value) == (
        "the participant 'Ana Quispe' cannot be put back: 'ana@example.pe' is now used by "
        f"another participant, 'Ravi Menon', in {database.name}"
    )


def test_a_delegation_whose_name_a_colleague_gave_in_other_case_is_not_put_back(
    database: Database,
) -> None:
    values = {"name": "Lima housing ministry", "country": "PE", "zone": "America/Lima"}
    lima = editing.create(database, Delegation, values)
    editing.create(
        database,
        Participant,
        {"name": "Ana Quispe", "email": "ana@example.pe", "delegation_id": lima},
    )
    deleted = removal.delete(database, Delegation, lima)
    editing.create(database, Delegation, {**values, "name": " LIMA Housing Ministry"})

    with pytest.raises(DuplicateValueError) as refused:
        removal.restore(database, Delegation, deleted.snapshot)

    assert str(refused.value) == (
        "the delegation 'Lima housing ministry' cannot be put back: ' LIMA Housing Ministry' "
        f"is now used by another delegation in {database.name}"
    )
    with database.session() as session:
        names = session.scalars(
            select(Delegation.name).where(func.lower(Delegation.name).contains("lima housing"))
        ).all()
        assert names == [" LIMA Housing Ministry"]
        # Its member stays out of any delegation: nothing of the undo was done.
        ana = session.scalars(select(Participant).where(Participant.name == "Ana Quispe")).one()
        assert ana.delegation_id is None


def test_a_route_a_colleague_listed_the_other_way_round_is_not_put_back(
    database: Database,
) -> None:
    route = editing.create(
        database,
        TravelTime,
        {"origin": "Matsue", "destination": "Yonago", "mode": TravelMode.RAIL, "minutes": 150},
    )
    deleted = removal.delete(database, TravelTime, route)
    editing.create(
        database,
        TravelTime,
        {"origin": "yonago", "destination": "MATSUE", "mode": TravelMode.RAIL, "minutes": 210},
    )

    with pytest.raises(DuplicateValueError) as refused:
        removal.restore(database, TravelTime, deleted.snapshot)

    assert str(refused.value) == (
        "the travel time 'Matsue–Yonago by rail' cannot be put back: 'yonago–MATSUE by "
        f"rail' is now used by another travel time in {database.name}"
    )
    with database.session() as session:
        minutes = session.scalars(
            select(TravelTime.minutes).where(
                func.lower(TravelTime.origin).in_(["matsue", "yonago"]),
                func.lower(TravelTime.destination).in_(["matsue", "yonago"]),
                TravelTime.mode == TravelMode.RAIL,
            )
        ).all()
        assert minutes == [210]  # one journey time for the route, the colleague's


def test_a_theme_whose_sub_themes_code_was_given_since_is_not_put_back_with_it(
    database: Database,
) -> None:
    """Deleting an area takes its sub-themes along; its undo brings all back or none."""
    area = editing.create(database, ThematicArea, {"name": "Zero-carbon ports", "code": "zc-ports"})
    editing.create(
        database,
        ThematicArea,
        {"name": "Shore power", "code": "shore-power", "parent_id": area},
    )
    deleted = removal.delete(database, ThematicArea, area)
    editing.create(database, ThematicArea, {"name": "Harbour grids", "code": "Shore-Power"})

    with pytest.raises(DuplicateValueError) as refused:
        removal.restore(database, ThematicArea, deleted.snapshot)

    assert str(refused.value) == (
        "the thematic area 'Shore power' cannot be put back: 'Shore-Power' is now used by "
        f"another thematic area, 'Harbour grids', in {database.name}"
    )
    with database.session() as session:
        names = set(session.scalars(select(ThematicArea.name)))
        assert "Zero-carbon ports" not in names
        assert "Shore power" not in names
        assert "Harbour grids" in names


def test_a_partner_city_whose_name_was_given_in_capitals_is_not_put_back(
    database: Database,
) -> None:
    city = editing.create(database, PartnerCity, {"name": "Kitakyushu-Moji"})
    deleted = removal.delete(database, PartnerCity, city)
    editing.create(database, PartnerCity, {"name": "KITAKYUSHU-MOJI"})

    with pytest.raises(DuplicateValueError):
        removal.restore(database, PartnerCity, deleted.snapshot)

    with database.session() as session:
        assert session.scalars(
            select(PartnerCity.name).where(func.lower(PartnerCity.name) == "kitakyushu-moji")
        ).all() == ["KITAKYUSHU-MOJI"]


def test_a_record_whose_value_nobody_took_is_put_back(database: Database) -> None:
    """The rule refuses only a value another record holds: a colleague's unrelated
    record leaves the undo as it was."""
    ana = editing.create(database, Participant, {"name": "Ana Quispe", "email": "ana@example.pe"})
    deleted = removal.delete(database, Participant, ana)
    editing.create(database, Participant, {"name": "Ravi Menon", "email": "ravi@example.in"})

    removal.restore(database, Participant, deleted.snapshot)

    with database.session() as session:
        restored = session.get(Participant, ana)
        assert restored is not None
        assert restored.email == "ana@example.pe"


def test_a_redone_calendar_import_whose_new_organisers_address_was_given_since_does_nothing(
    database: Database,
) -> None:
    """Ctrl+Y of an undone import brings back the organisers it added: one whose
    address a colleague gave another participant since, in capitals, refuses the redo,
    and none of the import's events comes back either."""
    from cpp_scheduler.ical.importer import read_calendar
    from cpp_scheduler.model import Event
    from cpp_scheduler.services import calendar_import

    calendar = "\r\n".join(
        [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//A partner city//EN",
            "BEGIN:VEVENT",
            "UID:port-visit@example.org",
            "DTSTAMP:20270101T000000Z",
            "DTSTART:20270405T000000Z",
            "DTEND:20270405T010000Z",
            "SUMMARY:Port visit",
            "ORGANIZER;CN=Mina Sato:mailto:mina.sato@example.org",
            "END:VEVENT",
            "END:VCALENDAR",
            "",
        ]
    ).encode()
    _report, undo = calendar_import.import_undoably(
        database, read_calendar(calendar, "partners.ics")
    )
    calendar_import.undo_import(database, undo)
    editing.create(database, Participant, {"name": "M. Sato", "email": "Mina.Sato@Example.org"})

    with pytest.raises(DuplicateValueError) as refused:
        calendar_import.redo_import(database, undo)

    assert "'Mina.Sato@Example.org' is now used by another participant, 'M. Sato'" in str(
        refused.value
    )
    with database.session() as session:
        assert session.scalars(
            select(Participant.name).where(func.lower(Participant.email) == "mina.sato@example.org")
        ).all() == ["M. Sato"]
        assert session.scalars(select(Event.id).where(Event.title == "Port visit")).all() == []
