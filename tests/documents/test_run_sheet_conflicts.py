"""A day's run sheet prints the conflicts the whole program's check finds on that day,
no more and no fewer, whatever the check of that day alone can see of the program."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

from cpp_scheduler import timezones
from cpp_scheduler.documents.runsheet import read_run_sheet, run_sheet_document
from cpp_scheduler.scheduling.conflicts import Conflict, falls_within
from cpp_scheduler.services.checking import check_program
from cpp_scheduler.store import Database, open_database


@pytest.fixture(scope="module")
def demo(demo_sqlite_path: Path) -> Iterator[Database]:
    database = open_database(demo_sqlite_path)
    yield database
    database.close()


def on(day: date, found: list[Conflict]) -> tuple[Conflict, ...]:
    """The findings of the whole program on ``day`` in Tokyo, as a range finds them: on
    any of their days (a holiday in Washington from 14:00 on one Tokyo day to 14:00 on
    the next is on both)."""
    begin, after = timezones.local_days(day, day, timezones.TOKYO)
    return tuple(c for c in found if falls_within(c, begin, after))


def test_the_peru_tours_first_day_has_no_false_empty_day(demo: Database) -> None:
    """The tour (8-12 March) plans something every day: its first day's sheet shows no
    conflict, and 10 March holds the DRI visit and the Kobe City Hall workshop."""
    sheet = read_run_sheet(demo, date(2027, 3, 8))
    assert sheet.conflicts == ()
    assert len(sheet.items) == 2
    assert all(item.conflicts == 0 for item in sheet.items)
    page = run_sheet_document(sheet).html()
    assert "None found." in page
    assert "nothing planned" not in page
    tenth = read_run_sheet(demo, date(2027, 3, 10))
    places = [item.place.name for item in tenth.items if item.place is not None]
    assert places == [
        "Disaster Reduction and Human Renovation Institution (DRI)",
        "Kobe City Hall",
    ]


def test_every_sheet_of_the_season_shows_the_whole_programs_conflicts(demo: Database) -> None:
    whole = check_program(demo)
    assert whole, "the demo has conflicts to show (Peru joins the conference at night)"
    shown = 0
    day = date(2027, 2, 14)
    while day <= date(2027, 3, 14):
        sheet = read_run_sheet(demo, day)
        assert sheet.conflicts == on(day, whole), day
        shown += len(sheet.conflicts)
        day += timedelta(days=1)
    assert shown
