"""The travel-time table names its places as the itinerary and the tour builder name
them, in the manager and in ``cpp-scheduler records travel-times``: 神戸市 and 東京 in
Japanese for a Kobe and a Tokyo typed in English, Kobe in English for a 神戸市 typed in
Japanese, and in one order in either language, by the name the conflict check knows
each place by."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from cpp_scheduler import i18n
from cpp_scheduler.cli.records import read_rows
from cpp_scheduler.model import TravelTime
from cpp_scheduler.services.demo import load_demo
from cpp_scheduler.services.record_tables import RECORD_TABLES
from cpp_scheduler.store import Database


@pytest.fixture
def demo(sqlite_database: Database) -> Iterator[Database]:
    load_demo(sqlite_database)
    yield sqlite_database
    i18n.use_language(i18n.ENGLISH)


def routes(database: Database, language: str) -> list[tuple[str, str]]:
    i18n.use_language(language)
    rows = read_rows(database, RECORD_TABLES["travel_time"])
    return [(cells[0], cells[1]) for _id, cells in rows]


def test_the_places_are_named_in_the_language_spoken_in_one_order(demo: Database) -> None:
    english = routes(demo, i18n.ENGLISH)
    japanese = routes(demo, i18n.JAPANESE)

    assert english[:3] == [("Kobe", "Kitakyushu"), ("Kobe", "Toyama"), ("Tokyo", "Kitakyushu")]
    assert japanese[:3] == [("神戸市", "北九州市"), ("神戸市", "富山市"), ("東京", "北九州市")]
    assert len(english) == len(japanese)


def test_a_place_typed_in_japanese_reads_in_english_in_english(demo: Database) -> None:
    with demo.transaction() as session:
        route = session.scalars(
            select(TravelTime).where(
                TravelTime.origin == "Kobe", TravelTime.destination == "Toyama"
            )
        ).one()
        route.origin = "神戸市"

    assert ("Kobe", "Toyama") in routes(demo, i18n.ENGLISH)
    assert ("神戸市", "富山市") in routes(demo, i18n.JAPANESE)
