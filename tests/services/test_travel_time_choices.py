"""The travel-time table as its manager lists it and its editor compares routes: one
route per pair of places and mode, whichever way round and however cased, as the
conflict check looks routes up."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from cpp_scheduler.model import TravelMode, TravelTime, ValidationError
from cpp_scheduler.model.reference import route_key
from cpp_scheduler.scheduling.inputs import Route
from cpp_scheduler.scheduling.travel import TravelTable
from cpp_scheduler.services import choices, editing
from cpp_scheduler.services.record_tables import NamedPlace
from cpp_scheduler.store import Database


def test_a_route_is_one_route_either_way_round_as_the_check_reads_it() -> None:
    forth = route_key("Kobe", "Kitakyushu", TravelMode.RAIL)
    assert route_key(" kitakyushu", "KOBE ", TravelMode.RAIL) == forth
    assert route_key("Kobe", "Kitakyushu", TravelMode.AIR) != forth
    # The conflict check's table finds the journey under either spelling alike.
    table = TravelTable.from_routes([Route("Kobe", "Kitakyushu", "rail", 120)])
    assert table.fastest(" kitakyushu", "KOBE ") is not None


def test_the_routes_taken_leave_the_one_edited_out(database: Database) -> None:
    with database.session() as session:
        kobe = session.scalars(
            select(TravelTime.id).where(
                TravelTime.origin == "Kobe", TravelTime.destination == "Kitakyushu"
            )
        ).one()
    back = {"origin": "Kitakyushu", "destination": "Kobe", "mode": TravelMode.RAIL}
    assert [
        problem.message
        for problem in choices.taken_values(database, TravelTime, None).problems(back, None)
    ] == ["Kobe–Kitakyushu by rail is already listed: edit that one."]
    assert choices.taken_values(database, TravelTime, kobe).problems(back, None) == []


def test_the_manager_lists_each_journey_as_a_duration_named_by_its_route(
    database: Database,
) -> None:
    sendai = editing.create(
        database,
        TravelTime,
        {"origin": "Sendai", "destination": "Kobe", "mode": TravelMode.AIR, "minutes": 195},
    )
    listed = {row.record_id: row for row in choices.travel_time_listing(database)}
    assert listed[sendai].title == "Sendai–Kobe by air"
    assert listed[sendai].cells == (
        NamedPlace("Sendai", "Sendai"),
        NamedPlace("Kobe", "Kobe"),
        TravelMode.AIR,
        timedelta(minutes=195),
    )
    assert len(listed) == 12  # the reference data's eleven, and Sendai's
    assert "Sendai" in choices.localities(database)  # offered for the next journey


def test_a_journey_stored_outside_the_program_is_listed_as_stored(
    sqlite_database: Database,
) -> None:
    """More minutes than any duration holds (SQLite's integers hold them, PostgreSQL's
    do not): listed as the number, for the coordinator to find and correct, rather than
    failing the whole list."""
    database = sqlite_database
    with database.transaction() as session:
        session.execute(
            update(TravelTime).where(TravelTime.origin == "Kobe").values(minutes=10**17)
        )
    journeys = [row.cells[3] for row in choices.travel_time_listing(database)]
    assert 10**17 in journeys
    assert all(isinstance(journey, timedelta) for journey in journeys if journey != 10**17)


def test_a_journey_from_a_place_to_itself_is_refused_however_it_is_written(
    database: Database,
) -> None:
    with pytest.raises(ValidationError, match="Origin and destination must differ"):
        editing.create(
            database,
            TravelTime,
            {"origin": "Toyama", "destination": " toyama", "mode": "rail", "minutes": 5},
        )
