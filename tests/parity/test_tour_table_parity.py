"""``cpp-scheduler export csv tour`` lists each activity on the day the tour builder's
board shows it: the day it starts in Tokyo, under that day's heading, even when it was
moved from another day whose record it is still filed under."""

from __future__ import annotations

import csv
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot
from sqlalchemy import select

from cpp_scheduler.cli import main
from cpp_scheduler.gui.tools.tourbuilder import TourBuilderDialog
from cpp_scheduler.model import EventMode, PartnerCity, StudyTour, TourDay
from cpp_scheduler.services import reports, tours
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


def test_the_tour_spreadsheet_says_where_an_activity_is_as_the_board_does(
    sqlite_database: Database,
) -> None:
    """A visit in Kobe whose venue is not chosen yet, and a call: the board says "Kobe"
    and "online"; the spreadsheet's "Where or how" was empty for both (it named venues
    alone)."""
    tour = _tour(sqlite_database)
    with sqlite_database.reading() as session:
        kobe = session.scalars(select(PartnerCity.id).where(PartnerCity.name == "Kobe")).one()
        lima = session.scalars(select(StudyTour.delegation_id).where(StudyTour.id == tour)).one()
        first = session.scalars(select(TourDay.id).where(TourDay.day == FIRST)).one()
    for title, values in (
        ("Kobe port visit", {"city_id": kobe}),
        ("Call with Lima", {"mode": EventMode.VIRTUAL, "video_link": "https://meet.example.org/l"}),
    ):
        add_event(
            sqlite_database,
            title,
            datetime(2027, 3, 10, 1, 0, tzinfo=UTC),
            1,
            delegation_ids=[lima],
            tour_day_id=first,
            **values,
        )

    board = tours.read_board(sqlite_database, tour)
    on_board = {e.title: e.place for day in board.days for e in day.events}
    table = reports.tour_days(sqlite_database, TOUR)
    listed = dict(zip(table.column("What"), table.column("Where or how"), strict=True))
    for title in ("Kobe port visit", "Call with Lima"):
        assert listed[title] == on_board[title] != ""
    assert on_board["Kobe port visit"] == "Kobe"
