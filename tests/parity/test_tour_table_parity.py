"""``cpp-scheduler export csv tour`` lists each activity on the day the tour builder's
board shows it: the day it starts in Tokyo, under that day's heading, even when it was
moved from another day whose record it is still filed under."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from cpp_scheduler.cli import main
from cpp_scheduler.gui.tools.tourbuilder import TourBuilderDialog
from cpp_scheduler.model import StudyTour, TourDay
from cpp_scheduler.store import Database
from tests.gui.tools.conftest import add, add_delegation, add_event, settle, tools_of

FIRST = date(2027, 3, 8)
TOUR = "Peru study tour"
VISIT = "Site visit: Eco-Town"


def _tour(database: Database) -> str:
    """A three-day tour whose site visit was moved from its first day to its second
    (10:00 in Tokyo on 9 March), still filed under the first day's record."""
    lima = add_delegation(
        database,
        "Lima",
        "PE",
        "America/Lima",
        arrival=FIRST - timedelta(days=1),
        departure=FIRST + timedelta(days=3),
    )
    tour = add(
        database,
        StudyTour,
        title=TOUR,
        delegation_id=lima,
        start_date=FIRST,
        end_date=FIRST + timedelta(days=2),
    )
    first_day = add(database, TourDay, tour_id=tour, day=FIRST, title="Yokohama")
    add(database, TourDay, tour_id=tour, day=FIRST + timedelta(days=1), title="Kitakyushu")
    add_event(
        database,
        VISIT,
        datetime(2027, 3, 9, 1, 0, tzinfo=UTC),
        2,
        delegation_ids=[lima],
        tour_day_id=first_day,
    )
    return tour


def test_the_tour_spreadsheet_lists_an_activity_on_the_day_the_builder_shows_it(
    qtbot: QtBot, sqlite_database: Database, open_window: Any, tmp_path: Path
) -> None:
    tour = _tour(sqlite_database)
    window = open_window()
    builder = tools_of(window).open_tour_builder()
    assert isinstance(builder, TourBuilderDialog)
    builder.show_tour(tour)
    settle(qtbot, window)
    on_board = [
        (day, card.card.title)
        for day, card in builder.cards.items()
        if any(VISIT in line.text() for line in card.lines)
    ]
    builder.close()

    target = tmp_path / "tour.csv"
    url = sqlite_database.url.render_as_string(hide_password=False)
    assert main(["--db", url, "export", "csv", "tour", "--tour", TOUR, "-o", str(target)]) == 0
    with target.open(encoding="utf-8-sig", newline="") as stream:
        listed = [
            (date.fromisoformat(row["Date"]), row["Day"])
            for row in csv.DictReader(stream)
            if row["What"] == VISIT
        ]

    assert on_board == [(date(2027, 3, 9), "Kitakyushu")]
    assert listed == on_board
